import Scheduling
import SQLite

/// Reads the catalogue out as a document and applies a document to the
/// database in one write transaction: what `terminbuch catalogue export`
/// and `import` run. Afterwards this store's catalogue, plans and cached
/// answers are thrown away, as after any office change.
public struct CatalogueImport: UseCase {
    let store: Store
    let clock: any Clock

    /// Why an import that is valid on its own cannot be applied here.
    public enum Conflict: Error, Sendable, CustomStringConvertible {
        /// Upcoming bookings the new setup no longer fits, as `office code start`;
        /// this version refuses such an import rather than strand them.
        case wouldStrand([String])
        /// Offices, services or municipalities the file leaves out that
        /// bookings (or accounts, tickets, …) still name.
        case stillBooked([String])

        public var description: String {
            switch self {
            case .wouldStrand(let bookings):
                (["the import would leave these bookings without a place; change them first or keep their hours:"]
                    + bookings).joined(separator: "\n")
            case .stillBooked(let items):
                (["bookings still name what the file removes:"] + items).joined(separator: "\n")
            }
        }
    }

    /// The catalogue as it is now, sorted for a stable export.
    public func export() throws -> CatalogueDocument {
        CatalogueDocument(try store.catalogue())
    }

    /// Applies `document` (or with `dryRun` only works out what it would
    /// change, in a transaction that is rolled back) and says what changed.
    /// Refuses an invalid document whole, before touching the database.
    @discardableResult
    public func apply(_ document: CatalogueDocument, dryRun: Bool = false) throws -> CatalogueChanges {
        let problems = document.problems
        guard problems.isEmpty else { throw InvalidCatalogue(problems) }
        let new = document.sorted
        let changes = CatalogueChanges(from: try export(), to: new)
        let now = clock.now()
        do {
            try store.changeCatalogue { writer in
                let strandedBefore = try Self.stranded(writer.db, now: now)
                try Self.write(new, with: writer)
                let stranded = try Self.stranded(writer.db, now: now).subtracting(strandedBefore)
                guard stranded.isEmpty else { throw Conflict.wouldStrand(stranded.sorted()) }
                try Self.syncSlotTotals(writer.db, now: now)
                if dryRun { throw DryRun() }
            }
        } catch is DryRun {}
        return changes
    }

    /// Thrown to roll a dry run back.
    private struct DryRun: Error {}

    private static func write(_ document: CatalogueDocument, with writer: CatalogueWriter) throws {
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
        var booked: [String] = []
        let officeIds = Set(document.offices.map(\.office.id.rawValue))
        for row in try db.query("SELECT o.id, (SELECT COUNT(*) FROM bookings b WHERE b.office_id = o.id) AS n FROM offices o ORDER BY o.id") {
            let id: String = try row["id"]
            guard !officeIds.contains(id) else { continue }
            let count: Int = try row["n"]
            if count > 0 {
                booked.append("office \(id): \(count) bookings")
            } else if !(try delete("offices", id, db)) {
                booked.append("office \(id): named by accounts or other records")
            }
        }
        let serviceIds = Set(document.services.map(\.id.rawValue))
        for row in try db.query("SELECT s.id, (SELECT COUNT(*) FROM booking_services b WHERE b.service_id = s.id) AS n FROM services s ORDER BY s.id") {
            let id: String = try row["id"]
            guard !serviceIds.contains(id) else { continue }
            let count: Int = try row["n"]
            if count > 0 {
                booked.append("service \(id): \(count) bookings")
            } else if !(try delete("services", id, db)) {
                booked.append("service \(id): named by other records")
            }
        }
        let municipalityIds = Set(document.municipalities.map(\.id.rawValue))
        for row in try db.query("SELECT id FROM municipalities") {
            let id: String = try row["id"]
            if !municipalityIds.contains(id), !(try delete("municipalities", id, db)) {
                booked.append("municipality \(id): named by accounts or other records")
            }
        }
        guard booked.isEmpty else { throw Conflict.stillBooked(booked) }
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
    private static func syncSlotTotals(_ db: Connection, now: Instant) throws {
        let catalogue = try CatalogueRows.load(db)
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

    /// The upcoming bookings the setup as this transaction sees it does not
    /// fit, by the same findings the "to contact" list uses; before and
    /// after the import, so that only what the import strands counts.
    private static func stranded(_ db: Connection, now: Instant) throws -> Set<String> {
        /// One office's upcoming bookings on one local date, and how to name each.
        struct Day {
            let setup: OfficeSetup
            let date: LocalDate
            var bookings: [Occupation] = []
            var names: [Int64: String] = [:]
        }
        let catalogue = try CatalogueRows.load(db)
        var days: [String: Day] = [:]
        for row in try db.query("""
            SELECT id, channel, start, end, staff_override, status, office_id, code FROM bookings
            WHERE status != 'cancelled' AND start >= ? ORDER BY id
            """, [now.secondsSinceEpoch]) {
            let status: String = try row["status"]
            let start = try OccupationRows.instant(row, "start")
            guard let status = Booking.Status(rawValue: status), Booking.isChangeable(status: status, start: start, at: now),
                  let setup = catalogue.setup(try row["office_id"]) else { continue }
            let id: Int64 = try row["id"]
            let date = setup.timeZone.localDateTime(of: start).date
            let key = "\(setup.office.id) \(date)"
            var day = days[key] ?? Day(setup: setup, date: date)
            day.bookings.append(Occupation(id: .booking(id), kind: .booking, start: start, end: try OccupationRows.instant(row, "end"),
                                           channel: try OccupationRows.channel(row), staffOverride: try row["staff_override"]))
            day.names[id] = "\(setup.office.id) \(try row["code"] as String) \(RFC3339.format(start, in: setup.timeZone))"
            days[key] = day
        }
        var stranded: Set<String> = []
        for day in days.values {
            let plan = CapacityPlan(for: day.date, setup: day.setup)
            for finding in FollowUp.findings(plan: plan, bookings: day.bookings) {
                if let id = finding.occupationId.bookingRowID, let name = day.names[id] { stranded.insert(name) }
            }
        }
        return stranded
    }
}
