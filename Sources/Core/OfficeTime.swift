import Scheduling

/// Time as each office keeps it: Core's one clock, read in the office's
/// own zone (its setup's `timeZone`). Every "now", "today" and "in which
/// zone is this shown" of the use cases and of the pages comes from here,
/// so no caller picks a zone of its own or reads a clock of its own.
public struct OfficeTime: Clock {
    let store: Store
    let clock: any Clock

    public init(store: Store, clock: any Clock = SystemClock()) {
        self.store = store
        self.clock = clock
    }

    /// The current instant, the same for every office.
    public func now() -> Instant { clock.now() }

    /// The office's zone, or `BookingError.unknownOffice`.
    public func zone(office officeId: OfficeID) throws -> TimeZoneRules {
        try store.setup(officeId).timeZone
    }

    /// Today in the office's own calendar.
    public func today(office officeId: OfficeID) throws -> LocalDate {
        try zone(office: officeId).localDate(of: now())
    }
}
