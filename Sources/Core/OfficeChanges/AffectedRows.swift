import Scheduling
import SQLite

/// The rows of the "to contact" list, written in the transaction of the
/// change that causes them.
enum AffectedRows {
    /// Lists the bookings on `dates` that the office's setup — as this
    /// transaction now sees it, the change included — no longer fits, and
    /// after a capacity change brings `slot_usage.total` in line with the
    /// new counters.
    static func list(_ db: Connection, office officeId: OfficeID, dates: [LocalDate], change: AffectedBooking.Change,
                     now: Instant) throws -> [AffectedBooking] {
        let catalogue = try CatalogueRows.load(db)
        guard let setup = catalogue.setup(officeId) else { throw BookingError.unknownOffice(officeId) }
        var listed: [Int64] = []
        for date in dates {
            let plan = CapacityPlan(for: date, setup: setup)
            let zone = setup.timeZone
            // Every booking that holds a counter takes part in who keeps
            // one, in the order they were made; only those still ahead
            // need a call.
            var upcoming: Set<OccupationID> = []
            let bookings = try db.query("""
                SELECT id, channel, start, end, staff_override, status FROM bookings
                WHERE office_id = ? AND start >= ? AND start < ? AND status != 'cancelled' ORDER BY id
                """, [officeId, zone.startOfDay(date).secondsSinceEpoch, zone.startOfDay(date.adding(days: 1)).secondsSinceEpoch]
            ).map { row -> Occupation in
                let id: Int64 = try row["id"]
                let status: String = try row["status"]
                let start = try OccupationRows.instant(row, "start")
                if let status = Booking.Status(rawValue: status), Booking.isChangeable(status: status, start: start, at: now) {
                    upcoming.insert(.booking(id))
                }
                return Occupation(id: .booking(id), kind: .booking, start: start, end: try OccupationRows.instant(row, "end"),
                                  channel: try OccupationRows.channel(row), staffOverride: try row["staff_override"])
            }
            // Each change lists what it caused: a closure the bookings it
            // closes, a capacity change the overflow; a booking already on
            // the list for the other reason is not listed twice.
            for finding in FollowUp.findings(plan: plan, bookings: bookings)
            where upcoming.contains(finding.occupationId) && change.cause.map({ $0 == AffectedBooking.Cause(finding.cause) }) ?? true {
                guard let id = finding.occupationId.bookingRowID else { continue }
                try db.run("""
                    INSERT OR IGNORE INTO affected_bookings(booking_id, office_id, change_kind, change_id, cause, listed_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, [id, officeId, change.kind, change.id, AffectedBooking.Cause(finding.cause).rawValue, now.secondsSinceEpoch])
                listed.append(id)
            }
            // A closure leaves the counters as they are; only a capacity change moves them.
            if case .capacity = change { try syncSlotTotals(db, plan: plan) }
        }
        guard !listed.isEmpty else { return [] }
        return try rows(db, where: "a.change_kind = ? AND a.change_id = ?", [change.kind, change.id], catalogue: catalogue)
    }

    /// `slot_usage.total` follows the plan's counters but never drops
    /// below what is booked, so its CHECK stays true while the overflow
    /// waits on the list; the allocator refuses new bookings there anyway.
    static func syncSlotTotals(_ db: Connection, plan: CapacityPlan) throws {
        for slot in plan.slots {
            try db.cachedStatement("UPDATE slot_usage SET total = max(booked, ?) WHERE office_id = ? AND slot_start = ?")
                .execute([slot.total, plan.officeId, slot.start.secondsSinceEpoch])
        }
    }

    static func syncSlotTotals(_ db: Connection, office officeId: OfficeID, dates: [LocalDate]) throws {
        guard let setup = try CatalogueRows.load(db).setup(officeId) else { return }
        for date in dates { try syncSlotTotals(db, plan: CapacityPlan(for: date, setup: setup)) }
    }

    /// A removed change takes its open rows along; handled ones stay as a record.
    static func forget(_ db: Connection, change: AffectedBooking.Change) throws {
        try db.run("DELETE FROM affected_bookings WHERE change_kind = ? AND change_id = ? AND handled_at IS NULL",
                   [change.kind, change.id])
    }

    /// Open rows of an office whose booking is still upcoming, one per
    /// booking (the first change that listed it), by start.
    static func open(_ db: Connection, office officeId: OfficeID, catalogue: Catalogue) throws -> [AffectedBooking] {
        var seen: Set<Int64> = []
        return try rows(db, where: "a.office_id = ? AND a.handled_at IS NULL AND b.status IN ('confirmed', 'pendingConfirmation')",
                        [officeId], catalogue: catalogue)
            .filter { seen.insert($0.booking.id).inserted }
    }

    static func rows(_ db: Connection, where condition: String, _ arguments: StatementArguments,
                     catalogue: Catalogue) throws -> [AffectedBooking] {
        return try db.query("""
            SELECT \(BookingRows.columns(of: "b")), a.change_kind, a.change_id, a.cause, a.listed_at, a.handled_at, a.handled_by
            FROM affected_bookings a JOIN bookings b ON b.id = a.booking_id
            WHERE \(condition) ORDER BY b.start, b.id, a.listed_at, a.change_id
            """, arguments).map { row in
            let kind: String = try row["change_kind"]
            let changeId: String = try row["change_id"]
            let causeName: String = try row["cause"]
            guard let change = AffectedBooking.Change(kind: kind, id: changeId), let cause = AffectedBooking.Cause(rawValue: causeName) else {
                throw CatalogueRows.Invalid(description: "affected booking: \(kind) \(causeName)")
            }
            let handledAt: Int64? = try row["handled_at"]
            return AffectedBooking(booking: try BookingRows.booking(row, db: db, catalogue: catalogue), change: change,
                                   cause: cause, listedAt: try OccupationRows.instant(row, "listed_at"),
                                   handledAt: handledAt.map(Instant.init(secondsSinceEpoch:)), handledBy: try row["handled_by"])
        }
    }
}
