/// A change of the number of counters on one date (Kapazitätsänderung):
/// two clerks are ill, or a temporary colleague helps out. It replaces the
/// counters of every rule's slots that overlap `band` (the whole day when
/// nil); the walk-in share and the phone reserve follow from the new number
/// by the rule's own terms, as if the rule had said so for that day.
public struct CapacityChange: Hashable, Codable, Sendable, Identifiable {
    public var id: String
    public var officeId: OfficeID
    public var date: LocalDate
    /// Nil = the whole day; otherwise the slots overlapping this wall-clock band.
    public var band: TimeBand?
    /// Counters staffed instead of the rule's; 0 closes the slots to new bookings.
    public var counters: Int
    public var reason: String

    public init(id: String, officeId: OfficeID, date: LocalDate, band: TimeBand? = nil, counters: Int, reason: String = "") {
        self.id = id
        self.officeId = officeId
        self.date = date
        self.band = band
        self.counters = counters
        self.reason = reason
    }

    /// Whether it changes a slot of wall-clock minutes `[start, end)` on `date`.
    func applies(on date: LocalDate, minutes start: Int, _ end: Int) -> Bool {
        guard self.date == date else { return false }
        guard let band else { return true }
        return band.overlaps(minutes: start, end)
    }

    /// The change that decides a slot when several apply: one for a time
    /// band is more precise than one for the whole day; among equals the
    /// fewest counters win, so overlapping entries never over-state capacity.
    static func deciding(_ changes: [CapacityChange], on date: LocalDate, minutes start: Int, _ end: Int) -> CapacityChange? {
        changes.filter { $0.applies(on: date, minutes: start, end) }
            .min { ($0.band == nil ? 1 : 0, $0.counters, $0.id) < ($1.band == nil ? 1 : 0, $1.counters, $1.id) }
    }
}

extension OpeningRule {
    /// The rule as it stands on a slot with `change` applied: the same
    /// terms with another number of counters.
    func changed(by change: CapacityChange?) -> OpeningRule {
        guard let change else { return self }
        var rule = self
        rule.counters = max(0, change.counters)
        return rule
    }
}
