import Scheduling
import SQLite

/// What one catalogue change did: its items, the upcoming bookings it put
/// on the "to contact" list, and the revision that records it.
public struct CatalogueOutcome: Sendable, Hashable {
    public let changes: CatalogueChanges
    /// Bookings the new setup no longer fits, now on their offices' "to
    /// contact" list (in a dry run or preview: would be).
    public let stranded: [AffectedBooking]
    /// Nil when nothing changed (and nothing was recorded).
    public let revisionId: Int64?
}

/// One revision of the catalogue, made inside the caller's write
/// transaction: the one way the catalogue is replaced, for an import and
/// for every admin edit. The new document takes the old one's place item
/// by item (offices, services and municipalities in place, since bookings
/// and accounts name them; offerings, rules and closures whole); the
/// revision and its items are the audit trail; bookings the new setup no
/// longer fits go on the "to contact" list, never dropped or moved; and
/// `slot_usage.total` follows the new counters, never below what is booked.
enum CatalogueRevision {
    typealias Source = CatalogueRevisionRecord.Source

    /// Why a valid document cannot replace the catalogue here.
    struct StillNamed: Error { let items: [String] }

    static func make(_ new: CatalogueDocument, with writer: CatalogueWriter, source: Source, by username: String?,
                     now: Instant, store: Store) throws -> CatalogueOutcome {
        let db = writer.db
        let changes = CatalogueChanges(from: CatalogueDocument(try CatalogueRows.load(db)), to: new)
        guard !changes.isEmpty else { return CatalogueOutcome(changes: changes, stranded: [], revisionId: nil) }
        let strandedBefore = try stranded(db, now: now)
        try replace(with: new, writer)
        let revisionId = try record(changes, db, source: source, by: username, now: now)
        let change = AffectedBooking.Change.catalogue(String(revisionId))
        for (bookingId, finding) in try stranded(db, now: now) where strandedBefore[bookingId] == nil {
            try db.run("""
                INSERT OR IGNORE INTO affected_bookings(booking_id, office_id, change_kind, change_id, cause, listed_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """, [bookingId, finding.officeId, change.kind, change.id, finding.cause.rawValue, now.secondsSinceEpoch])
        }
        let catalogue = try CatalogueRows.load(db)
        try syncSlotTotals(db, catalogue: catalogue, now: now)
        let listed = try AffectedRows.rows(db, where: "a.change_kind = ? AND a.change_id = ?", [change.kind, change.id],
                                           catalogue: catalogue)
        // Rehearsed (a dry run, a preview), these roll back with the rest.
        try store.enqueueAffected(db, listed, reason: nil, now: now)
        return CatalogueOutcome(changes: changes, stranded: listed, revisionId: revisionId)
    }

    private static func record(_ changes: CatalogueChanges, _ db: Connection, source: Source, by username: String?,
                               now: Instant) throws -> Int64 {
        let revisionId = try db.run("INSERT INTO catalogue_revisions(made_at, made_by, source) VALUES (?, ?, ?)",
                                    [now.secondsSinceEpoch, username, source.rawValue]).lastInsertRowID
        for (position, item) in changes.items.enumerated() {
            try db.run("""
                INSERT INTO catalogue_revision_items(revision_id, position, action, subject, subject_id, office_id,
                    municipality_id, fields)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, [revisionId, position, item.action.rawValue, item.subject.rawValue, item.id, item.officeId,
                      item.municipalityId, item.fields.joined(separator: ",")])
        }
        return revisionId
    }

    private static func replace(with document: CatalogueDocument, _ writer: CatalogueWriter) throws {
        let db = writer.db
        for municipality in document.municipalities { try writer.save(municipality) }
        for service in document.services { try writer.save(service) }
        for entry in document.offices { try writer.save(entry.office, policy: entry.policy, observesPublicHolidays: entry.observesPublicHolidays) }
        // Offerings, rules and closures are nobody's reference: replaced whole.
        let closureIds = Set(document.offices.flatMap { $0.closures.map(\.id) })
        for row in try db.query("SELECT id FROM closures") {
            let id: String = try row["id"]
            guard !closureIds.contains(id) else { continue }
            try db.run("DELETE FROM closure_records WHERE closure_id = ?", [id])
            try AffectedRows.forget(db, change: .closure(id))
        }
        try db.run("DELETE FROM office_services")
        try db.run("DELETE FROM opening_rules")
        try db.run("DELETE FROM closures")
        for entry in document.offices {
            for offering in entry.offerings { try writer.offer(offering.serviceId, at: entry.office.id, channels: offering.channels) }
            for rule in entry.rules { try writer.insert(rule) }
            for closure in entry.closures { try writer.insert(closure) }
        }
        // What the document leaves out goes, unless something still names it.
        let named = try removeLeftOut("office", "offices", keeping: Set(document.offices.map(\.office.id.rawValue)),
                                      bookedIn: "bookings b WHERE b.office_id", others: "accounts or other records", db)
            + removeLeftOut("service", "services", keeping: Set(document.services.map(\.id.rawValue)),
                            bookedIn: "booking_services b WHERE b.service_id", others: "other records", db)
            + removeLeftOut("municipality", "municipalities", keeping: Set(document.municipalities.map(\.id.rawValue)),
                            bookedIn: nil, others: "accounts or other records", db)
        guard named.isEmpty else { throw StillNamed(items: named) }
    }

    /// Deletes the rows of `table` whose ids are not in `keeping`; says why
    /// of each it cannot: the bookings (counted from `bookedIn`, a table and
    /// the condition naming the row) or, when the foreign keys refuse, `others`.
    private static func removeLeftOut(_ kind: String, _ table: String, keeping: Set<String>, bookedIn bookings: String?,
                                      others: String, _ db: Connection) throws -> [String] {
        let count = bookings.map { "(SELECT COUNT(*) FROM \($0) = t.id)" } ?? "0"
        var named: [String] = []
        for row in try db.query("SELECT t.id, \(count) AS n FROM \(table) t ORDER BY t.id") {
            let id: String = try row["id"]
            guard !keeping.contains(id) else { continue }
            let booked: Int = try row["n"]
            if booked > 0 {
                named.append("\(kind) \(id): \(booked) bookings")
            } else if !(try delete(table, id, db)) {
                named.append("\(kind) \(id): named by \(others)")
            }
        }
        return named
    }

    /// Deletes one row of `table`; false when another row still names it
    /// (the foreign key refuses just this statement, the transaction goes on).
    private static func delete(_ table: String, _ id: String, _ db: Connection) throws -> Bool {
        do {
            try db.run("DELETE FROM \(table) WHERE id = ?", [id])
            return true
        } catch let error as SQLiteError where error.isForeignKeyViolation {
            return false
        }
    }

    /// Brings `slot_usage.total` of every upcoming booked slot in line with
    /// the new counters, as a capacity change does (never below what is
    /// booked: the CHECK stays true).
    private static func syncSlotTotals(_ db: Connection, catalogue: Catalogue, now: Instant) throws {
        var dates: [OfficeID: Set<LocalDate>] = [:]
        for row in try db.query("SELECT office_id, slot_start FROM slot_usage WHERE slot_start >= ?", [now.secondsSinceEpoch]) {
            guard let setup = catalogue.setup(try row["office_id"]) else { continue }
            let start = try OccupationRows.instant(row, "slot_start")
            dates[setup.office.id, default: []].insert(setup.timeZone.localDateTime(of: start).date)
        }
        for (officeId, days) in dates {
            guard let setup = catalogue.setup(officeId) else { continue }
            for date in days { try AffectedRows.syncSlotTotals(db, plan: CapacityPlan(for: date, setup: setup)) }
        }
    }

    /// Why the setup no longer fits a booking, and where.
    private struct Finding { let officeId: OfficeID; let cause: AffectedBooking.Cause }

    /// The upcoming bookings the setup as this transaction sees it does not
    /// fit, by the same findings the "to contact" list uses, and those of a
    /// service their office no longer offers; before and after the change,
    /// so that only what the change strands is listed.
    private static func stranded(_ db: Connection, now: Instant) throws -> [Int64: Finding] {
        /// One office's upcoming bookings on one local date.
        struct Day {
            let setup: OfficeSetup
            let date: LocalDate
            var bookings: [Occupation] = []
        }
        let catalogue = try CatalogueRows.load(db)
        var days: [String: Day] = [:]
        var upcoming: Set<Int64> = []
        for row in try db.query("""
            SELECT id, channel, start, end, staff_override, status, office_id FROM bookings
            WHERE status != 'cancelled' AND start >= ? ORDER BY id
            """, [now.secondsSinceEpoch]) {
            let status: String = try row["status"]
            let start = try OccupationRows.instant(row, "start")
            guard let setup = catalogue.setup(try row["office_id"]) else { continue }
            let id: Int64 = try row["id"]
            if let status = Booking.Status(rawValue: status), Booking.isChangeable(status: status, start: start, at: now) {
                upcoming.insert(id)
            }
            let date = setup.timeZone.localDateTime(of: start).date
            let key = "\(setup.office.id) \(date)"
            var day = days[key] ?? Day(setup: setup, date: date)
            day.bookings.append(Occupation(id: .booking(id), kind: .booking, start: start, end: try OccupationRows.instant(row, "end"),
                                           channel: try OccupationRows.channel(row), staffOverride: try row["staff_override"]))
            days[key] = day
        }
        var stranded: [Int64: Finding] = [:]
        for row in try db.query("""
            SELECT b.id, b.office_id, s.service_id FROM bookings b JOIN booking_services s ON s.booking_id = b.id
            WHERE b.status != 'cancelled' AND b.start >= ?
            """, [now.secondsSinceEpoch]) {
            let id: Int64 = try row["id"]
            guard upcoming.contains(id), let setup = catalogue.setup(try row["office_id"]),
                  setup.service(try row["service_id"]) == nil else { continue }
            stranded[id] = Finding(officeId: setup.office.id, cause: .serviceWithdrawn)
        }
        for day in days.values {
            let plan = CapacityPlan(for: day.date, setup: day.setup)
            for finding in FollowUp.findings(plan: plan, bookings: day.bookings) {
                guard let id = finding.occupationId.bookingRowID, upcoming.contains(id), stranded[id] == nil else { continue }
                stranded[id] = Finding(officeId: day.setup.office.id, cause: AffectedBooking.Cause(finding.cause))
            }
        }
        return stranded
    }
}
