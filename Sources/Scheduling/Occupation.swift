/// Something that takes counters in a stretch of time: an active booking, a
/// live hold, the cooling-off block of a cancelled booking, or a walk-in
/// ticket. Core turns its rows into occupations; the allocator counts them.
///
/// An occupation covers every slot overlapping `[start, end)`. Keeping the end
/// (rather than only a slot count) makes old bookings count correctly even
/// after an admin changed the slot length of a rule.
public struct Occupation: Hashable, Codable, Sendable, Identifiable {
    public enum Kind: Hashable, Codable, Sendable {
        /// An appointment that still needs its counter (confirmed, pending
        /// confirmation, checked in). Cancelled ones become `cooldown`.
        case booking
        /// Capacity kept while someone fills in the form; gone at `expiresAt`.
        case hold(expiresAt: Instant)
        /// A cancelled booking's capacity, still blocked until `until`.
        case cooldown(until: Instant)
        /// A walk-in ticket's estimated service time.
        case walkIn
    }

    /// Unique across kinds: lets a booking ignore its own hold, or a
    /// reschedule ignore the booking it moves (`BookingRequest.replacing`).
    public var id: OccupationID
    public var kind: Kind
    public var start: Instant
    public var end: Instant
    public var channel: Channel
    /// A desk booking that may use the walk-in reserve (audited by Booking).
    public var staffOverride: Bool
    /// Counters taken in each covered slot: 1 per appointment, whatever the
    /// number of persons (they make the appointment longer, not wider).
    public var quantity: Int
    /// A booking waiting for its double opt-in: it gives its capacity back
    /// at this instant unless confirmed by then.
    public var lapsesAt: Instant?

    public init(id: OccupationID, kind: Kind, start: Instant, end: Instant, channel: Channel,
                staffOverride: Bool = false, quantity: Int = 1, lapsesAt: Instant? = nil) {
        self.id = id
        self.kind = kind
        self.start = start
        self.end = end
        self.channel = channel
        self.staffOverride = staffOverride
        self.quantity = quantity
        self.lapsesAt = lapsesAt
    }

    /// Whether it still takes capacity at `now`.
    public func isActive(at now: Instant) -> Bool {
        if let lapsesAt, now >= lapsesAt { return false }
        return switch kind {
        case .booking, .walkIn: true
        case .hold(let expiresAt): now < expiresAt
        case .cooldown(let until): now < until
        }
    }

    /// What remains of a booking cancelled at `cancelledAt`: a block in the
    /// same pool (bookable or override) until the cooldown has passed, or nil
    /// when there is no cooldown. Holds and walk-in tickets give their
    /// capacity back at once — there is nothing to trade.
    public func cancelled(at cancelledAt: Instant, cooldownMinutes: Int) -> Occupation? {
        guard case .booking = kind, cooldownMinutes > 0 else { return nil }
        var block = self
        block.kind = .cooldown(until: cancelledAt.adding(minutes: cooldownMinutes))
        return block
    }

    /// The pool of a slot this occupation draws from.
    var pool: Pool {
        if case .walkIn = kind { return .walkIn }
        return staffOverride ? .override : .bookable
    }

    enum Pool { case bookable, override, walkIn }
}
