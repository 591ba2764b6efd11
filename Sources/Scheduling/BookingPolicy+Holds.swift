/// What one would-be holder has held at an office lately: the client asking
/// (or the account, for staff and agents), and the contact once it is known.
/// Core reads it inside the write transaction that would insert the hold,
/// so concurrent requests cannot both pass a limit; expired holds are in it
/// only as what they started and how they ended.
public struct HoldRecord: Hashable, Sendable {
    /// When each of the client's live holds at the office expires.
    public var clientLive: [Instant]
    /// When the client made each of its holds at the office still inside the
    /// rate window, live or ended.
    public var clientCreated: [Instant]
    /// When each live hold made for the contact expires; empty while the
    /// contact is unknown.
    public var contactLive: [Instant]
    /// When the last hold of the client or the contact on the same start
    /// ended without a booking (released or expired), if any did.
    public var lastEndedHere: Instant?

    public init(clientLive: [Instant] = [], clientCreated: [Instant] = [], contactLive: [Instant] = [],
                lastEndedHere: Instant? = nil) {
        self.clientLive = clientLive
        self.clientCreated = clientCreated
        self.contactLive = contactLive
        self.lastEndedHere = lastEndedHere
    }
}

/// Why a hold is not given, with how many seconds until it could be.
public enum HoldRefusal: Hashable, Sendable {
    /// The client holds `limit` times at the office already.
    case clientHoldsTooMany(limit: Int, retryAfter: Int)
    /// The contact is held for `limit` times at the office already.
    case contactHoldsTooMany(limit: Int, retryAfter: Int)
    /// The client made `limit` holds at the office within `minutes`.
    case holdingTooOften(limit: Int, minutes: Int, retryAfter: Int)
    /// The client or the contact held this start and gave it up (or let it
    /// run out) less than the cooldown ago.
    case heldAgainTooSoon(retryAfter: Int)

    /// Seconds until the same request would pass this rule (at least 1).
    public var retryAfter: Int {
        switch self {
        case .clientHoldsTooMany(_, let seconds), .contactHoldsTooMany(_, let seconds),
             .holdingTooOften(_, _, let seconds), .heldAgainTooSoon(let seconds): seconds
        }
    }
}

extension BookingPolicy {
    /// The hold rules, in one place: holds are scarce (a few live ones per
    /// client and per contact, a few new ones per client and window), and a
    /// start cannot be kept by holding it again and again. A hold's end
    /// without a booking counts like a cancellation: the same client or
    /// contact may hold that start again only after `cancelCooldownMinutes`,
    /// so hold–release–rehold (or letting it run out and holding anew) keeps
    /// a start for `holdMinutes` at most, never for ever; anyone else may
    /// hold it at once. Nil when the hold may be given.
    public func holdRefusal(for record: HoldRecord, now: Instant) -> HoldRefusal? {
        func wait(until instant: Instant) -> Int { max(1, Int(instant.seconds(since: now))) }
        /// With `limit` or more of `instants` counting, the instant that
        /// brings them below it: the `count − limit + 1`-th oldest.
        func freeing(_ instants: [Instant], limit: Int) -> Instant? {
            guard limit > 0, instants.count >= limit else { return nil }
            return instants.sorted()[instants.count - limit]
        }
        if let ended = record.lastEndedHere, cancelCooldownMinutes > 0 {
            let until = ended.adding(minutes: cancelCooldownMinutes)
            if now < until { return .heldAgainTooSoon(retryAfter: wait(until: until)) }
        }
        if let expiry = freeing(record.clientLive.filter { $0 > now }, limit: maxLiveHolds) {
            return .clientHoldsTooMany(limit: maxLiveHolds, retryAfter: wait(until: expiry))
        }
        if let expiry = freeing(record.contactLive.filter { $0 > now }, limit: maxLiveHolds) {
            return .contactHoldsTooMany(limit: maxLiveHolds, retryAfter: wait(until: expiry))
        }
        let windowStart = now.adding(minutes: -holdWindowMinutes)
        if let created = freeing(record.clientCreated.filter { $0 > windowStart }, limit: maxHoldsPerWindow) {
            return .holdingTooOften(limit: maxHoldsPerWindow, minutes: holdWindowMinutes,
                                    retryAfter: wait(until: created.adding(minutes: holdWindowMinutes)))
        }
        return nil
    }
}
