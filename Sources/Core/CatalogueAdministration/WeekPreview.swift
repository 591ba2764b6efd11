import Scheduling

/// An office's week as a setup plans it: per day and band the slots, the
/// counters, what is kept for walk-ins and the phone, and what is left to
/// book online. What an admin sees before saving a change of hours.
public struct WeekPreview: Sendable, Hashable {
    public struct Day: Sendable, Hashable {
        public let date: LocalDate
        /// The reason the whole day is closed (a closure or a public holiday).
        public let closure: String?
        public let bands: [BandSummary]
    }

    /// One opening rule's band on one day.
    public struct BandSummary: Sendable, Hashable {
        public let ruleId: String
        public let kind: OpeningRule.Kind
        public let band: TimeBand
        public let slots: Int
        /// Slots a closure of part of the day takes.
        public let closedSlots: Int
        /// Counters per slot (the most of any slot: a capacity change may cut some).
        public let counters: Int
        public let walkInReserve: Int
        public let phoneReserve: Int
        /// Appointments the open slots hold, all channels: counters less walk-in reserve, summed.
        public let bookable: Int
    }

    public let officeId: OfficeID
    public let days: [Day]

    /// The seven days from `first` under `setup`.
    init(_ setup: OfficeSetup, from first: LocalDate) {
        officeId = setup.office.id
        days = (0..<7).map { offset in
            let plan = CapacityPlan(for: first.adding(days: offset), setup: setup)
            let bands = plan.bands.map { band in
                let slots = plan.slots[band.slotRange]
                let open = slots.filter(\.isOpen)
                return BandSummary(ruleId: band.id, kind: band.kind, band: band.localBand, slots: slots.count,
                                   closedSlots: slots.count - open.count, counters: slots.map(\.total).max() ?? 0,
                                   walkInReserve: slots.map(\.walkIn).max() ?? 0, phoneReserve: slots.map(\.phoneReserve).max() ?? 0,
                                   bookable: open.reduce(0) { $0 + $1.bookable })
            }
            return Day(date: plan.date, closure: plan.closure, bands: bands)
        }
    }
}
