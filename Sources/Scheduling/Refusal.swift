/// Why a booking, hold or walk-in ticket cannot be given. Every case says what
/// went wrong and carries what the caller needs to say what to do next; `code`
/// is the stable slug the API puts into its problem `type`.
public enum Refusal: Error, Hashable, Sendable {
    // The request itself (422).
    case noServices
    case duplicateService(ServiceID)
    /// Unknown, or not offered at this office.
    case serviceNotOffered(ServiceID)
    case channelNotAllowed(serviceId: ServiceID, channel: Channel)
    case quantityOutOfRange(serviceId: ServiceID, allowed: ClosedRange<Int>)
    /// Only desk staff may book into the walk-in reserve.
    case overrideNotAllowed

    // The time asked for (422).
    /// `next` is the band's next open slot start after the time asked for.
    case notOnSlotBoundary(next: Instant?)
    case outsideOpeningHours
    case closed(reason: String)
    /// The band at this time serves other services only.
    case serviceNotAtThisTime
    /// The time is reserved for walk-ins.
    case walkInOnly
    case tooSoon(earliest: Instant)
    case beyondHorizon(latest: LocalDate)
    /// The services need more consecutive slots than the band has left.
    case crossesBreak

    // Conflicts with what others did (409).
    case slotTaken
    case contactLimitReached(limit: Int)
    case walkInQuotaExhausted(nextAcceptingDate: LocalDate?)

    /// Stable slug for `https://terminbuch.example/problems/<code>`.
    public var code: String {
        switch self {
        case .noServices: "no-services"
        case .duplicateService: "duplicate-service"
        case .serviceNotOffered: "service-not-offered"
        case .channelNotAllowed: "channel-not-allowed"
        case .quantityOutOfRange: "quantity-out-of-range"
        case .overrideNotAllowed: "override-not-allowed"
        case .notOnSlotBoundary: "not-on-slot-boundary"
        case .outsideOpeningHours: "outside-opening-hours"
        case .closed: "closed"
        case .serviceNotAtThisTime: "service-not-at-this-time"
        case .walkInOnly: "walk-in-only"
        case .tooSoon: "too-soon"
        case .beyondHorizon: "beyond-horizon"
        case .crossesBreak: "crosses-break"
        case .slotTaken: "slot-taken"
        case .contactLimitReached: "contact-limit"
        case .walkInQuotaExhausted: "walk-in-quota-exhausted"
        }
    }

    /// True for refusals caused by the current state (HTTP 409, trying again
    /// later or elsewhere may work); false for invalid requests (HTTP 422).
    public var isConflict: Bool {
        switch self {
        case .slotTaken, .contactLimitReached, .walkInQuotaExhausted: true
        default: false
        }
    }

    /// The request field the problem is about, for RFC 9457 `errors`.
    public var field: String? {
        switch self {
        case .noServices, .duplicateService, .serviceNotOffered, .channelNotAllowed, .serviceNotAtThisTime: "services"
        case .quantityOutOfRange: "quantity"
        case .notOnSlotBoundary, .outsideOpeningHours, .closed, .walkInOnly, .tooSoon, .beyondHorizon, .crossesBreak: "start"
        default: nil
        }
    }
}
