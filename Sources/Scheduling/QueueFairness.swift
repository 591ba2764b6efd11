/// Who the desk calls next (`call next`): people with an appointment whose
/// time has come, and walk-in visitors by their arrival.
///
/// Appointments are a promise of a time, so a checked-in appointment that is
/// due goes first. But a steady stream of appointments must not starve the
/// walk-ins: after `maxAppointmentsInARow` appointments called one after the
/// other, or once the longest-waiting walk-in has waited `maxWalkInWaitMinutes`
/// past the time their ticket estimated, the walk-in goes first. When nobody
/// is due, the desk does not sit idle: the earliest walk-in, else the
/// earliest checked-in appointment, is called.
public struct QueueFairness: Hashable, Sendable {
    public let maxAppointmentsInARow: Int
    public let maxWalkInWaitMinutes: Int

    public init(maxAppointmentsInARow: Int = 3, maxWalkInWaitMinutes: Int = 20) {
        self.maxAppointmentsInARow = max(1, maxAppointmentsInARow)
        self.maxWalkInWaitMinutes = max(0, maxWalkInWaitMinutes)
    }

    public struct Candidate: Hashable, Sendable {
        public enum Kind: String, Hashable, Sendable { case booking, walkIn }
        public let id: String
        public let kind: Kind
        /// Appointments: their start. Walk-ins: the estimated call time of the ticket.
        public let dueAt: Instant
        /// Checked in (appointments) or ticket issued (walk-ins).
        public let arrivedAt: Instant

        public init(id: String, kind: Kind, dueAt: Instant, arrivedAt: Instant) {
            self.id = id
            self.kind = kind
            self.dueAt = dueAt
            self.arrivedAt = arrivedAt
        }
    }

    /// The next one to call among `waiting` (checked-in appointments and
    /// waiting walk-ins), given how many appointments were called in a row
    /// just before, or nil when nobody waits.
    public func next(_ waiting: [Candidate], appointmentsInARow: Int, now: Instant) -> Candidate? {
        let bookings = waiting.filter { $0.kind == .booking }
            .sorted { ($0.dueAt, $0.arrivedAt, $0.id) < ($1.dueAt, $1.arrivedAt, $1.id) }
        let walkIns = waiting.filter { $0.kind == .walkIn }
            .sorted { ($0.arrivedAt, $0.id) < ($1.arrivedAt, $1.id) }
        let due = bookings.first { $0.dueAt <= now }
        guard let walkIn = walkIns.first else { return due ?? bookings.first }
        guard let due else { return walkIn }
        let overdue = now.seconds(since: walkIn.dueAt) >= Int64(maxWalkInWaitMinutes) * 60
        return appointmentsInARow >= maxAppointmentsInARow || overdue ? walkIn : due
    }

    /// How many appointments were called one after the other at the end of
    /// `calls` (the day's calls, oldest first).
    public static func appointmentsInARow(_ calls: [Candidate.Kind]) -> Int {
        calls.reversed().prefix { $0 == .booking }.count
    }
}
