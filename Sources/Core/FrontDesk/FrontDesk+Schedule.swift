import Scheduling

/// One slot of an office's day as staff see it.
public struct SlotCapacity: Hashable, Sendable {
    public let start: Instant
    public let total: Int
    public let walkIn: Int
    /// Appointments in the slot.
    public let booked: Int
    /// Live holds in the slot: counters kept while someone fills in the
    /// form, not yet booked (and perhaps never).
    public let held: Int
    /// Bookable counters not taken by appointments, holds or cooldowns.
    public let free: Int
}

/// The staff's view of a day: appointments and capacity per slot.
public struct DaySchedule: Sendable {
    public let officeId: OfficeID
    public let date: LocalDate
    public let bookings: [Booking]
    /// The day's walk-in tickets, by number.
    public let walkIns: [WalkInTicket]
    public let capacity: [SlotCapacity]
}

extension FrontDesk {
    public func schedule(office officeId: OfficeID, date: LocalDate) throws -> DaySchedule {
        let setup = try store.setup(officeId)
        let catalogue = try store.catalogue()
        let now = clock.now()
        let zone = setup.timeZone
        let plan = store.plan(setup, on: date)
        let (bookings, occupations, walkIns) = try store.read { db in
            (try BookingRows.bookings(db, where: "office_id = ? AND start >= ? AND start < ?",
                                              [officeId, zone.startOfDay(date).secondsSinceEpoch,
                                               zone.startOfDay(date.adding(days: 1)).secondsSinceEpoch],
                                              catalogue: catalogue),
             try OccupationRows.counted(db, office: officeId, zone: zone, from: zone.startOfDay(date), to: zone.startOfDay(date.adding(days: 1)), now: now),
             try WalkInRows.tickets(db, office: officeId, date: date))
        }
        let capacity = plan.slots.map { slot in
            let covering = occupations.filter { $0.start < slot.end && $0.end > slot.start }
            let booked = covering.filter { $0.kind == .booking }.reduce(0) { $0 + $1.quantity }
            let held = covering.filter { if case .hold = $0.kind { true } else { false } }.reduce(0) { $0 + $1.quantity }
            // Staff overrides (and walk-in tickets) use the walk-in reserve, not bookable counters.
            let bookablePool = covering.filter { !$0.staffOverride && $0.kind != .walkIn }.reduce(0) { $0 + $1.quantity }
            // A ticket inside the minimum notice may have taken a bookable counter too.
            let used = covering.reduce(0) { $0 + $1.quantity }
            let free = slot.isOpen ? max(0, min(slot.bookable - bookablePool, slot.total - used)) : 0
            return SlotCapacity(start: slot.start, total: slot.isOpen ? slot.total : 0, walkIn: slot.isOpen ? slot.walkIn : 0,
                                booked: booked, held: held, free: free)
        }
        return DaySchedule(officeId: officeId, date: date, bookings: bookings, walkIns: walkIns, capacity: capacity)
    }
}
