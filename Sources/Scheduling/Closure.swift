/// A day, a range of days, or part of a day on which an office is closed
/// (Schließtag): staff training, a strike, a broken system. Public holidays of
/// the office's Land are closures too, without being stored as rows.
public struct Closure: Hashable, Codable, Sendable, Identifiable {
    public var id: String
    public var officeId: OfficeID
    public var from: LocalDate
    /// Last closed day (inclusive); equal to `from` for one day.
    public var through: LocalDate
    /// Nil = the whole day; otherwise only slots overlapping this wall-clock
    /// band are closed, on every day of the range.
    public var band: TimeBand?
    /// Shown to citizens and staff ("Betriebsversammlung").
    public var reason: String

    public init(id: String, officeId: OfficeID, from: LocalDate, through: LocalDate? = nil,
                band: TimeBand? = nil, reason: String) {
        self.id = id
        self.officeId = officeId
        self.from = from
        self.through = through ?? from
        self.band = band
        self.reason = reason
    }

    public func covers(_ date: LocalDate) -> Bool {
        from <= date && date <= through
    }

    public var isWholeDay: Bool { band == nil }

    /// Whether a slot of wall-clock minutes `[start, end)` on `date` is closed.
    func closes(_ date: LocalDate, minutes start: Int, _ end: Int) -> Bool {
        guard covers(date) else { return false }
        guard let band else { return true }
        return band.overlaps(minutes: start, end)
    }
}
