/// When an office is open and with how many counters (Öffnungszeit /
/// Kapazität). A rule is one time band; a lunch break is two rules (morning
/// and afternoon), and a booking never crosses from one band into another.
public struct OpeningRule: Hashable, Codable, Sendable, Identifiable {
    public enum Kind: String, CaseIterable, Codable, Sendable {
        /// Appointments and walk-ins share the counters by `walkInReserve`.
        case mixed
        /// Nur mit Termin: no walk-in reserve, and no walk-in tickets either.
        case appointmentsOnly
        /// Every counter is for walk-ins; only a staff override books here.
        case walkInOnly
    }

    /// How much of a `mixed` band is held back for walk-ins, per slot.
    public enum WalkInReserve: Hashable, Codable, Sendable {
        /// A fraction of the counters, rounded to the nearest counter (half
        /// up): 3 counters × 0.3 = 0.9 → 1 counter.
        case share(Double)
        /// A fixed number of counters.
        case counters(Int)
    }

    /// Also the id of the band this rule produces in a day's plan.
    public var id: String
    public var officeId: OfficeID
    public var weekdays: Set<Weekday>
    public var band: TimeBand
    /// First day the rule applies, and the anchor week of `repeatEveryWeeks`.
    public var validFrom: LocalDate?
    /// Last day the rule applies (inclusive).
    public var validUntil: LocalDate?
    /// 1 = every week; N = every N-th week, counted in ISO weeks from the week
    /// of `validFrom` (from the week of 1970-01-05 when there is none).
    public var repeatEveryWeeks: Int
    /// Counters staffed in every slot of the band.
    public var counters: Int
    public var slotMinutes: Int
    public var walkInReserve: WalkInReserve
    public var kind: Kind
    /// The services this band serves; nil = all services of the office.
    public var serviceIds: Set<ServiceID>?
    /// Counters per slot held for the phone channel until the office's
    /// `phoneReleaseHours` before the slot; capped at the bookable counters.
    public var phoneReserve: Int
    /// Where this band's appointments take place when not at the office's
    /// own address (a mobile office's hours in a library branch); nil = the
    /// office's. Read through `OfficeSetup.location(at:)`.
    public var location: Location?

    public init(id: String, officeId: OfficeID, weekdays: Set<Weekday>, band: TimeBand,
                validFrom: LocalDate? = nil, validUntil: LocalDate? = nil, repeatEveryWeeks: Int = 1,
                counters: Int, slotMinutes: Int, walkInReserve: WalkInReserve = .counters(0),
                kind: Kind = .mixed, serviceIds: Set<ServiceID>? = nil, phoneReserve: Int = 0,
                location: Location? = nil) {
        self.id = id
        self.officeId = officeId
        self.weekdays = weekdays
        self.band = band
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.repeatEveryWeeks = repeatEveryWeeks
        self.counters = counters
        self.slotMinutes = slotMinutes
        self.walkInReserve = walkInReserve
        self.kind = kind
        self.serviceIds = serviceIds
        self.phoneReserve = phoneReserve
        self.location = location
    }

    /// The Monday from which `repeatEveryWeeks` counts.
    static let defaultAnchor = LocalDate(year: 1970, month: 1, day: 5)!

    /// Whether the rule is in force on `date` (weekday, validity, repeat cycle).
    public func applies(on date: LocalDate) -> Bool {
        guard weekdays.contains(date.weekday) else { return false }
        if let validFrom, date < validFrom { return false }
        if let validUntil, date > validUntil { return false }
        guard repeatEveryWeeks > 1 else { return true }
        let anchor = (validFrom ?? Self.defaultAnchor).mondayOfWeek
        let weeks = anchor.days(until: date.mondayOfWeek) / 7
        return ((weeks % repeatEveryWeeks) + repeatEveryWeeks) % repeatEveryWeeks == 0
    }

    /// Counters per slot reserved for walk-ins.
    public var walkInCounters: Int {
        let staffed = max(0, counters)
        switch kind {
        case .appointmentsOnly: return 0
        case .walkInOnly: return staffed
        case .mixed:
            switch walkInReserve {
            case .counters(let reserved):
                return min(max(0, reserved), staffed)
            case .share(let share):
                guard share.isFinite else { return 0 }
                // The small epsilon keeps 10 × 0.15 = 1.4999… at the intended 2.
                let rounded = Int((Double(staffed) * min(max(share, 0), 1) + 0.5 + 1e-9).rounded(.down))
                return min(max(0, rounded), staffed)
            }
        }
    }

    /// `total − walkIn`.
    public var bookableCounters: Int { max(0, counters) - walkInCounters }

    public var phoneReserveCounters: Int { min(max(0, phoneReserve), bookableCounters) }

    /// Whether this band serves every one of the requested services.
    public func serves<S: Sequence>(_ requested: S) -> Bool where S.Element == ServiceID {
        guard let serviceIds else { return true }
        return requested.allSatisfy(serviceIds.contains)
    }
}
