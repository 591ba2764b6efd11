import Scheduling
import Synchronization

/// What the use cases committed since the process started, counted: the
/// bookings made, cancelled and moved, the holds and walk-in tickets, by
/// channel and office. Counted after the commit is durable, never for a
/// refusal, a rollback or an idempotent replay. Figures only, no format:
/// WebApp writes them for Prometheus.
///
/// A lock rather than atomics because an office can be added while the
/// server runs; it is taken once per committed change, after its fsync,
/// never on a read or an event loop.
public final class Tally: Sendable {
    public enum Event: String, CaseIterable, Sendable {
        case bookingCreated, bookingCancelled, bookingMoved, holdMade, walkInTicketIssued
    }

    public struct Key: Hashable, Sendable {
        public let event: Event
        public let channel: Channel
        public let officeId: OfficeID
    }

    private let counts = Mutex<[Key: Int]>([:])

    public init() {}

    func count(_ event: Event, channel: Channel, office officeId: OfficeID) {
        counts.withLock { $0[Key(event: event, channel: channel, officeId: officeId), default: 0] += 1 }
    }

    /// Every count so far; a key appears once its event first happened.
    public var snapshot: [Key: Int] { counts.withLock { $0 } }
}
