import HTTPServer

/// The kinds of problem the API reports (RFC 9457 §3.1.1 `type`): a stable
/// URI per kind, the status it goes with, and a title that does not change
/// from one occurrence to the next. Clients branch on the URI, never on the
/// title or detail text. `Public/api/openapi.json` lists the same slugs.
public struct ProblemType: Sendable, Hashable {
    public static let baseURI = "https://terminbuch.example/problems/"

    public let slug: String
    public let status: HTTPStatus
    public let title: String
    /// The detail used when the code that raises the problem has nothing
    /// more specific to say.
    public let defaultDetail: String

    public init(slug: String, status: HTTPStatus, title: String, defaultDetail: String) {
        self.slug = slug
        self.status = status
        self.title = title
        self.defaultDetail = defaultDetail
    }

    /// `about:blank` (RFC 9457 §4.2.1) for statuses without a kind of their own.
    public var uri: String { slug == "about:blank" ? slug : Self.baseURI + slug }

    public static let malformedRequest = ProblemType(
        slug: "malformed-request", status: .badRequest, title: "Malformed request",
        defaultDetail: "The request could not be understood.")
    public static let unauthenticated = ProblemType(
        slug: "unauthenticated", status: .unauthorized, title: "Not signed in",
        defaultDetail: "Sign in or send a valid bearer token.")
    public static let forbidden = ProblemType(
        slug: "forbidden", status: .forbidden, title: "Not allowed",
        defaultDetail: "You are signed in but may not do this.")
    /// A session cookie on an unsafe request that does not come from our
    /// own origin (`CrossSiteRequests`): forged by another site, or a
    /// client that should send a bearer token instead.
    public static let crossSiteRequest = ProblemType(
        slug: "cross-site-request", status: .forbidden, title: "Cross-site request refused",
        defaultDetail: "A request signed in by the session cookie must come from this site (Origin or Sec-Fetch-Site); other clients send Authorization: Bearer.")
    public static let notFound = ProblemType(
        slug: "not-found", status: .notFound, title: "Not found",
        defaultDetail: "There is nothing at this address.")
    public static let methodNotAllowed = ProblemType(
        slug: "method-not-allowed", status: .methodNotAllowed, title: "Method not allowed",
        defaultDetail: "This resource does not support the request method; see the Allow header.")
    public static let requestTimeout = ProblemType(
        slug: "request-timeout", status: .requestTimeout, title: "Request timeout",
        defaultDetail: "The request was not received in time.")
    /// A state conflict without a kind of its own, e.g. cancelling twice.
    public static let conflict = ProblemType(
        slug: "conflict", status: .conflict, title: "Conflict",
        defaultDetail: "The request conflicts with the current state of the resource.")
    public static let slotTaken = ProblemType(
        slug: "slot-taken", status: .conflict, title: "Slot no longer available",
        defaultDetail: "The chosen time is no longer free; choose another one.")
    /// No longer sent: the contact limit answers as `slotTaken`, so that no
    /// answer tells whether an address has bookings (`BookingProblems`).
    /// Kept so that its URI, in the document since version 1, still names it.
    public static let contactLimit = ProblemType(
        slug: "contact-limit", status: .conflict, title: "Too many bookings for this contact",
        defaultDetail: "This contact already has as many active bookings at this office as allowed.")
    public static let walkInQuotaExhausted = ProblemType(
        slug: "walk-in-quota-exhausted", status: .conflict, title: "No more walk-ins today",
        defaultDetail: "The office cannot take more walk-in visitors today.")
    /// Holding a start again that the same client or contact gave up (or
    /// let run out) within the office's cooldown.
    public static let holdCooldown = ProblemType(
        slug: "hold-cooldown", status: .conflict, title: "Held again too soon",
        defaultDetail: "You held this time a moment ago; choose another time or try again later.")
    /// Booking on a hold made for another contact.
    public static let holdForAnotherContact = ProblemType(
        slug: "hold-for-another-contact", status: .conflict, title: "Hold made for another contact",
        defaultDetail: "The hold was made for another contact; book it with that contact's e-mail address or phone number.")
    /// A booking for a contact that already has an active one at the
    /// office at an overlapping time; `existingCode` names that booking.
    public static let duplicateBooking = ProblemType(
        slug: "duplicate-booking", status: .conflict, title: "Already booked at this time",
        defaultDetail: "This contact already has a booking at this office at an overlapping time.")
    /// Cancelling, moving or checking in a booking that is cancelled,
    /// checked in or already past.
    public static let bookingNotChangeable = ProblemType(
        slug: "booking-not-changeable", status: .conflict, title: "Booking cannot be changed",
        defaultDetail: "The booking is cancelled, checked in or past; it can no longer be changed.")
    /// The same key arrived again while its first request is still running
    /// (draft-ietf-httpapi-idempotency-key-header §2.7: 409).
    public static let idempotencyInProgress = ProblemType(
        slug: "idempotency-in-progress", status: .conflict, title: "Request still in progress",
        defaultDetail: "A request with this Idempotency-Key is still being processed; retry later.")
    /// The same key arrived with a different body (same draft: 422) — the
    /// key is bound to its first request, and silently answering a different
    /// one with the stored response would hide a client bug.
    public static let idempotencyConflict = ProblemType(
        slug: "idempotency-conflict", status: .unprocessableContent, title: "Idempotency key reused",
        defaultDetail: "This Idempotency-Key was already used for a different request.")
    public static let contentTooLarge = ProblemType(
        slug: "content-too-large", status: .contentTooLarge, title: "Content too large",
        defaultDetail: "The request body is larger than this resource accepts.")
    public static let uriTooLong = ProblemType(
        slug: "uri-too-long", status: .uriTooLong, title: "URI too long",
        defaultDetail: "The request target is longer than the server accepts.")
    public static let unsupportedMediaType = ProblemType(
        slug: "unsupported-media-type", status: .unsupportedMediaType, title: "Unsupported media type",
        defaultDetail: "The request body must be JSON (Content-Type: application/json).")
    public static let invalidValues = ProblemType(
        slug: "invalid-values", status: .unprocessableContent, title: "Invalid values",
        defaultDetail: "Some values of the request are not acceptable; see errors.")
    public static let tooManyRequests = ProblemType(
        slug: "too-many-requests", status: .tooManyRequests, title: "Too many requests",
        defaultDetail: "Too many requests; wait as long as Retry-After says.")
    public static let headerFieldsTooLarge = ProblemType(
        slug: "header-fields-too-large", status: .requestHeaderFieldsTooLarge, title: "Header fields too large",
        defaultDetail: "The request's header fields are larger than the server accepts.")
    public static let internalError = ProblemType(
        slug: "internal", status: .internalServerError, title: "Internal error",
        defaultDetail: "Something went wrong on our side. Please try again later.")
    public static let notImplemented = ProblemType(
        slug: "not-implemented", status: .notImplemented, title: "Not implemented",
        defaultDetail: "The server does not support this request.")
    public static let serviceUnavailable = ProblemType(
        slug: "service-unavailable", status: .serviceUnavailable, title: "Service unavailable",
        defaultDetail: "The service is temporarily unavailable. Please try again later.")
    /// The store cannot be read or written just now (`StoreUnavailable`).
    public static let storageUnavailable = ProblemType(
        slug: "storage-unavailable", status: .serviceUnavailable, title: "Storage unavailable",
        defaultDetail: "The appointment store cannot take requests just now; nothing of this request was saved. "
            + "Retry after the seconds in Retry-After.")
    /// `/ready` only: an e-mail has been due for longer than
    /// `OutboxBacklog.stuckAfterMinutes`.
    public static let mailDeliveryStuck = ProblemType(
        slug: "mail-delivery-stuck", status: .serviceUnavailable, title: "Mail delivery stuck",
        defaultDetail: "E-mails are due but not being sent.")
    public static let httpVersionNotSupported = ProblemType(
        slug: "http-version-not-supported", status: .httpVersionNotSupported, title: "HTTP version not supported",
        defaultDetail: "Only HTTP/1.0 and HTTP/1.1 are supported.")

    /// Every kind with a URI of its own.
    public static let all: [ProblemType] = [
        .malformedRequest, .unauthenticated, .forbidden, .crossSiteRequest, .notFound, .methodNotAllowed, .requestTimeout,
        .conflict, .slotTaken, .contactLimit, .walkInQuotaExhausted, .holdCooldown, .holdForAnotherContact,
        .duplicateBooking, .bookingNotChangeable, .idempotencyInProgress,
        .idempotencyConflict, .contentTooLarge, .uriTooLong, .unsupportedMediaType, .invalidValues,
        .tooManyRequests, .headerFieldsTooLarge, .internalError, .notImplemented, .serviceUnavailable,
        .storageUnavailable, .mailDeliveryStuck, .httpVersionNotSupported,
    ]

    /// The generic kind for a bare status, as the server's own refusals
    /// (404, 405, 413 …) carry nothing more specific.
    public static func generic(for status: HTTPStatus) -> ProblemType {
        switch status.code {
        case 400: .malformedRequest
        case 401: .unauthenticated
        case 403: .forbidden
        case 404: .notFound
        case 405: .methodNotAllowed
        case 408: .requestTimeout
        case 409: .conflict
        case 413: .contentTooLarge
        case 414: .uriTooLong
        case 415: .unsupportedMediaType
        case 422: .invalidValues
        case 429: .tooManyRequests
        case 431: .headerFieldsTooLarge
        case 500: .internalError
        case 501: .notImplemented
        case 503: .serviceUnavailable
        case 505: .httpVersionNotSupported
        default:
            ProblemType(slug: "about:blank", status: status, title: status.reason, defaultDetail: status.reason + ".")
        }
    }
}
