import Scheduling
import SQLite

/// Closures and changed counters of an office. Each
/// change is one write transaction that also lists, in the same commit, the
/// bookings it no longer fits; after the commit the catalogue, the plans
/// and the cached availability answers of the office are thrown away, so
/// the very next request sees the change.
public struct OfficeChanges: UseCase {
    let store: Store
    let clock: any Clock

    /// Today in the office's own calendar: what drafts are checked against.
    public func today(at officeId: OfficeID) throws -> LocalDate {
        try time.today(office: officeId)
    }

    /// The office's closures, latest first day last; past ones too.
    public func closures(office officeId: OfficeID) throws -> [Closure] {
        try store.setup(officeId).closures.sorted { ($0.from, $0.through, $0.id) < ($1.from, $1.through, $1.id) }
    }

    public func capacityChanges(office officeId: OfficeID) throws -> [CapacityChange] {
        try store.setup(officeId).capacityChanges.sorted { first, second in
            let firstStart: Int = first.band?.start.minutesSinceMidnight ?? -1
            let secondStart: Int = second.band?.start.minutesSinceMidnight ?? -1
            return (first.date, firstStart, first.id) < (second.date, secondStart, second.id)
        }
    }

    public func addClosure(_ draft: ClosureDraft, by username: String?) throws -> (Closure, [AffectedBooking]) {
        _ = try store.setup(draft.officeId)
        try Self.refuse(draft.issues(today: try today(at: draft.officeId)))
        let closure = Closure(id: "closure-" + Crypto.hex(Crypto.randomBytes(6)), officeId: draft.officeId, from: draft.from,
                              through: draft.through, band: draft.band, reason: draft.reason.trimmingSpaces())
        let (clock, store) = (self.clock, self.store)
        let affected = try store.changeSetup(of: draft.officeId) { db in
            let now = clock.now()
            try CatalogueWriter(db).insert(closure)
            try db.run("INSERT INTO closure_records(closure_id, created_by, created_at) VALUES (?, ?, ?)",
                       [closure.id, username, now.secondsSinceEpoch])
            let dates = (0...closure.from.days(until: closure.through)).map { closure.from.adding(days: $0) }
            let listed = try AffectedRows.list(db, office: draft.officeId, dates: dates, change: .closure(closure.id), now: now)
            try store.enqueueAffected(db, listed, reason: closure.reason, now: now)
            return listed
        }
        return (closure, affected)
    }

    public func removeClosure(office officeId: OfficeID, id: String) throws {
        _ = try store.setup(officeId)
        try store.changeSetup(of: officeId) { db in
            try db.run("DELETE FROM closures WHERE id = ? AND office_id = ?", [id, officeId])
            guard db.changes > 0 else { throw BookingError.notFound }
            try db.run("DELETE FROM closure_records WHERE closure_id = ?", [id])
            try AffectedRows.forget(db, change: .closure(id))
        }
    }

    /// Everything wrong with `draft`, checked against the office's today,
    /// its booking horizon and its opening days.
    public func issues(of draft: CapacityChangeDraft) throws -> [OfficeChangeIssue] {
        let setup = try store.setup(draft.officeId)
        var found = draft.issues(today: try today(at: draft.officeId), horizonDays: setup.policy.horizonDays)
        if found.isEmpty && Self.days(of: draft, setup: setup).isEmpty {
            found.append(OfficeChangeIssue(field: "through", kind: .noOpeningDay))
        }
        return found
    }

    /// The days a draft changes: its one date, or each opening day of its
    /// range — a day without rules, a holiday or a whole-day closure has no
    /// open counters to change.
    static func days(of draft: CapacityChangeDraft, setup: OfficeSetup) -> [LocalDate] {
        draft.through == draft.date ? [draft.date] : draft.days.filter { !CapacityPlan(for: $0, setup: setup).openSlots.isEmpty }
    }

    /// One change per day of the draft, written in one transaction with the
    /// bookings they no longer fit: all days or none.
    public func addCapacityChange(_ draft: CapacityChangeDraft, by username: String?) throws -> ([CapacityChange], [AffectedBooking]) {
        try Self.refuse(try issues(of: draft))
        let days = Self.days(of: draft, setup: try store.setup(draft.officeId))
        let changes = days.map { date in
            CapacityChange(id: "capacity-" + Crypto.hex(Crypto.randomBytes(6)), officeId: draft.officeId, date: date,
                           band: draft.band, counters: draft.counters, reason: draft.reason.trimmingSpaces())
        }
        let (clock, store) = (self.clock, self.store)
        let affected = try store.changeSetup(of: draft.officeId) { db in
            let now = clock.now()
            var listed: [AffectedBooking] = []
            for change in changes {
                try CatalogueWriter(db).insert(change, createdBy: username, at: now.secondsSinceEpoch)
                listed += try AffectedRows.list(db, office: draft.officeId, dates: [change.date], change: .capacity(change.id), now: now)
            }
            // A capacity change's reason is for the office's own record, not for citizens.
            try store.enqueueAffected(db, listed, reason: nil, now: now)
            return listed
        }
        return (changes, affected)
    }

    public func removeCapacityChange(office officeId: OfficeID, id: String) throws {
        _ = try store.setup(officeId)
        try store.changeSetup(of: officeId) { db in
            guard let row = try db.query("SELECT date FROM capacity_changes WHERE id = ? AND office_id = ?", [id, officeId]).first,
                  let date = LocalDate(try row["date"] as String) else { throw BookingError.notFound }
            try db.run("DELETE FROM capacity_changes WHERE id = ?", [id])
            try AffectedRows.forget(db, change: .capacity(id))
            // Counters come back: `slot_usage.total` follows the plan again.
            try AffectedRows.syncSlotTotals(db, office: officeId, dates: [date])
        }
    }

    static func refuse(_ issues: [OfficeChangeIssue]) throws {
        if let first = issues.first { throw BookingError.invalid(field: first.field, message: first.englishMessage) }
    }
}

/// The "to contact" list.
extension OfficeChanges {
    public func affectedBookings(office officeId: OfficeID) throws -> [AffectedBooking] {
        _ = try store.setup(officeId)
        let catalogue = try store.catalogue()
        return try store.read { try AffectedRows.open($0, office: officeId, catalogue: catalogue) }
    }

    /// Staff reached the citizen (or decided nobody needs to be called):
    /// every open row of the booking leaves the list, with who and when.
    public func markHandled(office officeId: OfficeID, code: BookingCode, by username: String?) throws {
        _ = try store.setup(officeId)
        let clock = self.clock
        try store.write { db in
            try db.run("""
                UPDATE affected_bookings SET handled_at = ?, handled_by = ?
                WHERE office_id = ? AND handled_at IS NULL AND booking_id = (SELECT id FROM bookings WHERE code = ? AND office_id = ?)
                """, [clock.now().secondsSinceEpoch, username, officeId, code.value, officeId])
            guard db.changes > 0 else { throw BookingError.notFound }
        }
    }
}
