import Scheduling

/// The starts of one day, with the stamp that says how long they hold.
public struct FreeStarts: Sendable {
    public let starts: [Placement]
    public let stamp: AvailabilityStamp
}

/// The days with a free start, with the stamp that says how long they hold.
public struct FreeDays: Sendable {
    public let days: [DayAvailability]
    public let stamp: AvailabilityStamp
}

/// What can be booked: the days with a free start, and the starts of one
/// day, each with the stamp that says how long the answer holds.
public struct Availability: UseCase {
    let store: Store
    let clock: any Clock
}

extension Availability {
    /// Whether an answer is still what the use case would answer now.
    public func isCurrent(_ stamp: AvailabilityStamp) -> Bool {
        store.availability.isCurrent(stamp, now: clock.now())
    }

    /// Days in `from…through` (clipped to the booking window) with at least
    /// one start where the whole booking fits for the caller's channel.
    public func days(office officeId: OfficeID, services: [RequestedService], from: LocalDate?, through: LocalDate?,
                     caller: Caller) throws -> FreeDays {
        try Self.check(services)
        let allocator = try allocator(officeId)
        let now = clock.now()
        let version = store.availability.version(of: officeId)
        let window = allocator.window(at: now)
        let first = max(from ?? window.today, window.today)
        let last = min(through ?? window.latestDate, window.latestDate)
        guard first <= last else {
            let validUntil = allocator.nextChange(in: allocator.plan(for: window.today), occupations: [], after: now)
            return FreeDays(days: [], stamp: AvailabilityStamp(officeId: officeId, version: version, validUntil: validUntil))
        }
        let zone = allocator.timeZone
        let occupations = try store.read { db in
            try OccupationRows.counted(db, office: officeId, zone: zone, from: zone.startOfDay(first),
                                  to: zone.startOfDay(last.adding(days: 1)), now: now)
        }
        let request = BookingRequest(services: services, channel: caller.channel)
        let days = try Self.unwrap(allocator.daysWithFreeStarts(from: first, to: last, for: request,
                                                                 occupations: occupations, now: now))
        var validUntil = now.adding(hours: 24)
        var date = first
        while date <= last {
            validUntil = min(validUntil, allocator.nextChange(in: store.plan(allocator.setup, on: date), occupations: occupations, after: now))
            date = date.adding(days: 1)
        }
        return FreeDays(days: days, stamp: AvailabilityStamp(officeId: officeId, version: version, validUntil: validUntil))
    }

    /// Every start on `date` at which the whole booking fits for the caller.
    public func starts(office officeId: OfficeID, services: [RequestedService], date: LocalDate,
                       caller: Caller) throws -> FreeStarts {
        try Self.check(services)
        let allocator = try allocator(officeId)
        let now = clock.now()
        let version = store.availability.version(of: officeId)
        let occupations = try store.read { db in
            try OccupationRows.counted(db, office: officeId, zone: allocator.timeZone, from: allocator.timeZone.startOfDay(date),
                                  to: allocator.timeZone.startOfDay(date.adding(days: 1)), now: now)
        }
        let request = BookingRequest(services: services, channel: caller.channel)
        let plan = store.plan(allocator.setup, on: date)
        let starts = try Self.unwrap(allocator.freeStarts(in: plan, for: request, occupations: occupations, now: now))
        let stamp = AvailabilityStamp(officeId: officeId, version: version,
                                      validUntil: allocator.nextChange(in: plan, occupations: occupations, after: now))
        return FreeStarts(starts: starts, stamp: stamp)
    }
}
