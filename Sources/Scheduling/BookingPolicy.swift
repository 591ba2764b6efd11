/// An office's rules for when and how much may be booked.
public struct BookingPolicy: Hashable, Codable, Sendable {
    /// Earliest start is this many minutes after now, for every channel: staff
    /// need to see the appointment coming, and inside it the desk hands the
    /// capacity to walk-ins instead.
    public var minNoticeMinutes: Int
    /// How many days ahead a booking may be made (see `releaseTime`).
    public var horizonDays: Int
    /// A new day opens each day at this local time, not at midnight, so that
    /// people are not rewarded for booking at 00:00.
    public var releaseTime: LocalTime
    /// How long a hold keeps capacity while the citizen fills in the form.
    public var holdMinutes: Int
    /// A cancelled booking keeps its capacity blocked this long, against
    /// appointment trading (cancel and instantly rebook for someone else).
    public var cancelCooldownMinutes: Int
    /// Active bookings one contact (normalised e-mail or phone) may hold at this office.
    public var maxActiveBookingsPerContact: Int
    /// The phone reserve of a slot opens to online bookings this many hours
    /// before the slot starts.
    public var phoneReleaseHours: Int
    /// Live holds one client, and one contact once known, may have at this
    /// office at once (`HoldRecord`); 0 for no limit.
    public var maxLiveHolds: Int
    /// Holds one client may make at this office within `holdWindowMinutes`,
    /// live or not; 0 for no limit.
    public var maxHoldsPerWindow: Int
    public var holdWindowMinutes: Int
    /// Whether an online booking waits for the citizen to follow the link
    /// in the e-mail (double opt-in), holding its capacity for
    /// `confirmationMinutes`, and lapses unconfirmed. Phone and desk
    /// bookings never wait.
    public var confirmationRequired: Bool
    public var confirmationMinutes: Int
    /// A reminder goes out this many hours before the appointment; none for
    /// a booking made later than that, and none at all at 0.
    public var reminderHours: Int

    public init(minNoticeMinutes: Int = 120, horizonDays: Int = 42, releaseTime: LocalTime = LocalTime(hour: 7, minute: 0)!,
                holdMinutes: Int = 10, cancelCooldownMinutes: Int = 30, maxActiveBookingsPerContact: Int = 2,
                phoneReleaseHours: Int = 48, maxLiveHolds: Int = 3, maxHoldsPerWindow: Int = 10,
                holdWindowMinutes: Int = 10, confirmationRequired: Bool = false, confirmationMinutes: Int = 30,
                reminderHours: Int = 24) {
        self.minNoticeMinutes = minNoticeMinutes
        self.horizonDays = horizonDays
        self.releaseTime = releaseTime
        self.holdMinutes = holdMinutes
        self.cancelCooldownMinutes = cancelCooldownMinutes
        self.maxActiveBookingsPerContact = maxActiveBookingsPerContact
        self.phoneReleaseHours = phoneReleaseHours
        self.maxLiveHolds = maxLiveHolds
        self.maxHoldsPerWindow = maxHoldsPerWindow
        self.holdWindowMinutes = holdWindowMinutes
        self.confirmationRequired = confirmationRequired
        self.confirmationMinutes = confirmationMinutes
        self.reminderHours = reminderHours
    }

    /// The booking window at `now` in the office's zone.
    public func window(at now: Instant, in zone: TimeZoneRules) -> BookingWindow {
        let local = zone.localDateTime(of: now)
        let released = local.secondsIntoDay >= releaseTime.minutesSinceMidnight * 60
        return BookingWindow(
            today: local.date,
            earliestStart: now.adding(minutes: max(0, minNoticeMinutes)),
            latestDate: local.date.adding(days: horizonDays - (released ? 0 : 1)))
    }

    /// When the phone reserve of a slot starting at `slotStart` opens to online.
    public func phoneReserveRelease(forSlotStartingAt slotStart: Instant) -> Instant {
        slotStart.adding(hours: -phoneReleaseHours)
    }
}

/// Which starts are bookable at a given moment: not before `earliestStart`,
/// not on a local date after `latestDate`.
public struct BookingWindow: Hashable, Sendable {
    /// The office's local date at `now`.
    public let today: LocalDate
    public let earliestStart: Instant
    /// The last bookable local date; before `today` when `horizonDays` is 0
    /// and today's release time has not come yet (nothing is bookable).
    public let latestDate: LocalDate

    public func admits(start: Instant, on date: LocalDate) -> Bool {
        start >= earliestStart && date <= latestDate
    }
}
