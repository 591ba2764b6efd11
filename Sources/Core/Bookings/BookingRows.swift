import Scheduling
import SQLite

/// Reads and writes the rows behind an `Booking`: the booking, its
/// services, and the slots it holds in `slot_usage`.
enum BookingRows {
    static let columns = """
        id, code, office_id, status, channel, start, end, staff_override, contact_name, contact_email,
        contact_phone, note, created_at, created_by, manage_token_hash, confirm_by, erased_at
        """

    /// `columns` of the table named `alias` in a join (`b.id, b.code, …`).
    static func columns(of alias: String) -> String {
        columns.split(separator: ",").map { "\(alias)." + String($0).trimmingSpaces() }.joined(separator: ", ")
    }

    /// The appointment with this code, with the hashes of every manage
    /// token that opens it (its first one's, then those minted since:
    /// `ManageTokens`).
    static func find(_ db: Connection, code: BookingCode, catalogue: Catalogue) throws -> (Booking, [[UInt8]])? {
        guard let row = try db.cachedStatement("SELECT \(columns) FROM bookings WHERE code = ?").query([code.value]).first else {
            return nil
        }
        let booking = try booking(row, db: db, catalogue: catalogue)
        return (booking, try ManageTokens.hashes(db, bookingId: booking.id, first: try row["manage_token_hash"]))
    }

    static func bookings(_ db: Connection, where condition: String, _ arguments: StatementArguments,
                             catalogue: Catalogue, limit: Int? = nil) throws -> [Booking] {
        let limitClause = limit.map { " LIMIT \($0)" } ?? ""
        return try db.query("SELECT \(columns) FROM bookings WHERE \(condition) ORDER BY start, id\(limitClause)", arguments).map {
            try booking($0, db: db, catalogue: catalogue)
        }
    }

    static func booking(_ row: Row, db: Connection, catalogue: Catalogue) throws -> Booking {
        let id: Int64 = try row["id"]
        let services = try db.cachedStatement(
            "SELECT service_id, quantity FROM booking_services WHERE booking_id = ? ORDER BY position"
        ).query([id]).map { RequestedService(serviceId: try $0["service_id"], quantity: try $0["quantity"]) }
        let codeText: String = try row["code"]
        let statusText: String = try row["status"]
        guard let code = BookingCode(parsing: codeText), let status = Booking.Status(rawValue: statusText) else {
            throw CatalogueRows.Invalid(description: "booking \(id): code \(codeText) or status \(statusText)")
        }
        let officeId: OfficeID = try row["office_id"]
        let start = try OccupationRows.instant(row, "start")
        let confirmBy: Int64? = try row["confirm_by"]
        let erasedAt: Int64? = try row["erased_at"]
        return Booking(
            id: id, code: code, status: status, officeId: officeId, services: services,
            start: start, end: try OccupationRows.instant(row, "end"),
            channel: try OccupationRows.channel(row, at: nil), staffOverride: try row["staff_override"],
            contact: Contact(name: try row["contact_name"], email: try row["contact_email"], phone: try row["contact_phone"]),
            note: try row["note"], documents: catalogue.documents(for: services.map(\.serviceId)),
            location: catalogue.setup(officeId)?.location(at: start),
            createdAt: try OccupationRows.instant(row, "created_at"), createdBy: try row["created_by"],
            confirmBy: confirmBy.map(Instant.init(secondsSinceEpoch:)),
            erasedAt: erasedAt.map(Instant.init(secondsSinceEpoch:)))
    }

    /// Active bookings at an office that still lie ahead and share any of
    /// `contactKeys` (`Contact.keys`), leaving out `excluding` (the booking
    /// being moved).
    static func upcomingCount(_ db: Connection, office: OfficeID, contactKeys: [String], now: Instant,
                              excluding: Int64? = nil) throws -> Int {
        guard !contactKeys.isEmpty else { return 0 }
        var arguments = contactKeys.map { $0 as (any SQLiteValueConvertible)? }
        arguments += [office, now.secondsSinceEpoch, excluding ?? -1]
        return try db.cachedStatement(upcomingCountSQL(keys: contactKeys.count))
            .query(StatementArguments(arguments)).first.map { try $0[0] } ?? 0
    }

    /// Found from the keys (`CROSS JOIN` keeps SQLite to that order), so the
    /// cost is the contact's bookings, not the office's; `ContactKeyTests`
    /// reads the plan.
    static func upcomingCountSQL(keys: Int) -> String {
        """
        SELECT count(DISTINCT b.id) FROM booking_contact_keys AS k CROSS JOIN bookings AS b ON b.id = k.booking_id
        WHERE k.key IN (\((0..<keys).map { _ in "?" }.joined(separator: ", "))) AND b.office_id = ?
        AND b.status IN ('confirmed', 'pendingConfirmation') AND b.start > ? AND b.id != ?
        """
    }

    /// The code of an active booking (not cancelled, as lapsed ones are
    /// too) at `office` sharing any of `contactKeys` whose time overlaps
    /// `during`, found from the keys as `upcomingCountSQL` is.
    static func overlappingCode(_ db: Connection, office: OfficeID, contactKeys: [String],
                                during: Range<Instant>) throws -> BookingCode? {
        guard !contactKeys.isEmpty else { return nil }
        var arguments = contactKeys.map { $0 as (any SQLiteValueConvertible)? }
        arguments += [office, during.upperBound.secondsSinceEpoch, during.lowerBound.secondsSinceEpoch]
        let code: String? = try db.cachedStatement("""
            SELECT b.code FROM booking_contact_keys AS k CROSS JOIN bookings AS b ON b.id = k.booking_id
            WHERE k.key IN (\((0..<contactKeys.count).map { _ in "?" }.joined(separator: ", "))) AND b.office_id = ?
            AND b.status != 'cancelled' AND b.start < ? AND b.end > ?
            ORDER BY b.start, b.id LIMIT 1
            """).query(StatementArguments(arguments)).first.map { try $0[0] }
        return code.flatMap(BookingCode.init(parsing:))
    }

    /// Keeps a booking's contact keys (`booking_contact_keys`).
    static func insertContactKeys(_ db: Connection, booking: Int64, keys: [String]) throws {
        for key in Set(keys) {
            try db.cachedStatement("INSERT INTO booking_contact_keys(booking_id, key) VALUES (?, ?)").execute([booking, key])
        }
    }

    /// Counts a placement's slots as booked; the CHECK on `slot_usage`
    /// refuses the commit if a slot would exceed its counters.
    static func occupySlots(_ db: Connection, booking: Int64, placement: Placement, plan: CapacityPlan) throws {
        for start in placement.slotStarts {
            let total = plan.slotIndex(startingAt: start).map { plan.slots[$0].total } ?? 0
            try db.cachedStatement("INSERT INTO booking_slots(booking_id, slot_start) VALUES (?, ?)")
                .execute([booking, start.secondsSinceEpoch])
            try db.cachedStatement("""
                INSERT INTO slot_usage(office_id, slot_start, booked, total) VALUES (?, ?, 1, ?)
                ON CONFLICT(office_id, slot_start) DO UPDATE SET booked = booked + 1, total = excluded.total
                """).execute([placement.officeId, start.secondsSinceEpoch, total])
        }
    }

    /// Gives a booking's slots back.
    static func releaseSlots(_ db: Connection, booking: Int64, office: OfficeID) throws {
        try db.cachedStatement("""
            UPDATE slot_usage SET booked = booked - 1
            WHERE office_id = ? AND slot_start IN (SELECT slot_start FROM booking_slots WHERE booking_id = ?)
            """).execute([office, booking])
        try db.cachedStatement("DELETE FROM booking_slots WHERE booking_id = ?").execute([booking])
    }

    /// Blocks a freed stretch for the office's cooldown (against appointment
    /// trading). `keeping` is where a moved booking now lies: capacity it
    /// still takes is not freed, so it is not blocked either — blocking it
    /// too would count the booking twice in the slots old and new times share.
    static func coolDown(_ db: Connection, booking: Booking, policy: BookingPolicy, now: Instant,
                         keeping kept: Range<Instant>? = nil) throws {
        guard policy.cancelCooldownMinutes > 0, booking.start > now else { return }
        let freed = booking.start..<booking.end
        var pieces = [freed]
        if let kept, kept.overlaps(freed) {
            pieces = [freed.lowerBound..<max(freed.lowerBound, kept.lowerBound),
                      min(freed.upperBound, kept.upperBound)..<freed.upperBound].filter { !$0.isEmpty }
        }
        for piece in pieces {
            try db.cachedStatement("INSERT INTO cooldowns(office_id, channel, start, end, until) VALUES (?, ?, ?, ?, ?)")
                .execute([booking.officeId, booking.channel.rawValue, piece.lowerBound.secondsSinceEpoch,
                          piece.upperBound.secondsSinceEpoch, now.adding(minutes: policy.cancelCooldownMinutes).secondsSinceEpoch])
        }
    }
}
