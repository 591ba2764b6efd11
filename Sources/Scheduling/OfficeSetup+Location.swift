/// Where an appointment at this office takes place: the one answer that
/// pages, calendar entries, the schedule and the API all read.
extension OfficeSetup {
    /// The location of the band that holds `instant` on its office-local
    /// day, when that band's rule has one; the office's own otherwise
    /// (also outside every band). Bands are the planner's, so an
    /// overlapping rule the plan ignores never decides the place.
    public func location(at instant: Instant) -> Location {
        guard holdsBandsElsewhere else { return office.location }
        let plan = CapacityPlan(for: timeZone.localDate(of: instant), setup: self)
        guard let index = plan.bandIndex(containing: instant) else { return office.location }
        return location(ofBand: plan.bands[index].id)
    }

    /// The distinct locations of `date`'s bands, in the order of the day;
    /// empty when the office is not open that day.
    public func locations(on date: LocalDate) -> [Location] {
        var seen: Set<Location> = []
        return CapacityPlan(for: date, setup: self).bands.map { location(ofBand: $0.id) }.filter { seen.insert($0).inserted }
    }

    /// Whether any rule sends citizens somewhere other than the office's
    /// own address; most offices have none, and need no plan to say where.
    public var holdsBandsElsewhere: Bool { rules.contains { $0.location != nil } }

    /// A band's id is its rule's.
    private func location(ofBand id: String) -> Location {
        rules.first { $0.id == id }?.location ?? office.location
    }
}
