import Scheduling

/// The figures of one office over a period: only counts,
/// never personal data, so they survive the erasure of contacts.
public struct OfficeStatistics: Sendable, Hashable {
    public let officeId: OfficeID
    public let from: LocalDate
    public let through: LocalDate
    /// Appointments in the period by the channel they were booked through,
    /// cancelled ones included (they were bookings once).
    public let bookingsByChannel: [Channel: Int]
    public let cancellations: Int
    /// Appointments that were due and not cancelled: checked in, completed or no-show.
    public let attended: Int
    public let noShows: Int
    /// Walk-in tickets of the period and their waiting times.
    public let walkIns: WalkInFigures
    /// Booked against bookable counters per weekday and hour, from the plans.
    public let utilisation: [UtilisationCell]

    public var bookings: Int { bookingsByChannel.values.reduce(0, +) }

    /// No-shows among the appointments that were due; nil when none were.
    public var noShowRate: Double? { StatisticsMath.rate(noShows, of: attended + noShows) }
}

public struct WalkInFigures: Sendable, Hashable {
    public let tickets: Int
    /// Tickets whose visitor was called, and the mean minutes they waited.
    public let called: Int
    public let averageWaitMinutes: Double?
    public let longestWaitMinutes: Int?

    public init(tickets: Int, called: Int, averageWaitMinutes: Double?, longestWaitMinutes: Int?) {
        self.tickets = tickets
        self.called = called
        self.averageWaitMinutes = averageWaitMinutes
        self.longestWaitMinutes = longestWaitMinutes
    }
}

/// One weekday × hour of the period: counter-slots booked and bookable.
public struct UtilisationCell: Sendable, Hashable {
    public let weekday: Weekday
    /// Local hour the slots start in, 0–23.
    public let hour: Int
    public let booked: Int
    public let bookable: Int

    public init(weekday: Weekday, hour: Int, booked: Int, bookable: Int) {
        self.weekday = weekday
        self.hour = hour
        self.booked = booked
        self.bookable = bookable
    }

    public var ratio: Double? { StatisticsMath.rate(booked, of: bookable) }
}

/// The sums behind the figures, kept free of the database so they can be
/// checked by hand.
public enum StatisticsMath {
    public static func rate(_ part: Int, of whole: Int) -> Double? {
        whole > 0 ? Double(part) / Double(whole) : nil
    }

    /// Utilisation per weekday and hour: every open slot adds its bookable
    /// counters, and every appointment (not cancelled, without override)
    /// covering the slot one booked counter — capped at bookable, since
    /// overrides and overflow after a cut do not make a slot more than full.
    public static func utilisation(plans: [CapacityPlan], bookings: [Occupation]) -> [UtilisationCell] {
        var cells: [Int: (booked: Int, bookable: Int)] = [:]
        for plan in plans {
            let usage = DayUsage(plan: plan, occupations: bookings.filter { $0.kind == .booking && !$0.staffOverride },
                                 now: Instant(secondsSinceEpoch: 0))
            for (index, slot) in plan.slots.enumerated() where slot.isOpen && slot.bookable > 0 {
                let key = plan.date.weekday.isoNumber * 100 + slot.localStart.minutesSinceMidnight / 60
                let booked = min(usage.slots[index].bookings, slot.bookable)
                cells[key, default: (0, 0)].booked += booked
                cells[key, default: (0, 0)].bookable += slot.bookable
            }
        }
        return cells.keys.sorted().compactMap { key in
            guard let weekday = Weekday.allCases.first(where: { $0.isoNumber == key / 100 }), let cell = cells[key] else { return nil }
            return UtilisationCell(weekday: weekday, hour: key % 100, booked: cell.booked, bookable: cell.bookable)
        }
    }
}
