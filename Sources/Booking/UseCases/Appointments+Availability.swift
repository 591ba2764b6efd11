import Scheduling

/// What can be booked: the days with a free start, and the starts of a day.
extension Appointments {
    /// Days in `from…through` (clipped to the booking window) with at least
    /// one start where the whole booking fits for the caller's channel.
    public func days(office officeId: String, services: [RequestedService], from: LocalDate?, through: LocalDate?,
                     caller: Caller) throws -> [DayAvailability] {
        try Self.check(services)
        let allocator = try allocator(officeId)
        let now = clock.now()
        let window = allocator.window(at: now)
        let first = max(from ?? window.today, window.today)
        let last = min(through ?? window.latestDate, window.latestDate)
        guard first <= last else { return [] }
        let zone = allocator.timeZone
        let occupations = try store.database.read { db in
            try Occupancy.occupations(db, office: officeId, from: zone.startOfDay(first),
                                      to: zone.startOfDay(last.adding(days: 1)), now: now)
        }
        let request = BookingRequest(services: services, channel: caller.channel)
        return try Self.unwrap(allocator.daysWithFreeStarts(from: first, to: last, for: request,
                                                             occupations: occupations, now: now))
    }

    /// Every start on `date` at which the whole booking fits for the caller.
    public func starts(office officeId: String, services: [RequestedService], date: LocalDate,
                       caller: Caller) throws -> [Placement] {
        try Self.check(services)
        let allocator = try allocator(officeId)
        let now = clock.now()
        let occupations = try store.database.read { db in
            try Occupancy.occupations(db, setup: allocator.setup, date: date, now: now)
        }
        let request = BookingRequest(services: services, channel: caller.channel)
        return try Self.unwrap(allocator.freeStarts(on: date, for: request, occupations: occupations, now: now))
    }
}
