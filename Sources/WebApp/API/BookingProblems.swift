import Core
import HTTPServer
import Scheduling

/// How the use cases' errors read as problems (docs/api.md):
/// conflicts with what others did are 409, wrong values 422, and a missing
/// booking or a wrong secret the same 404. A time in a detail is written
/// in the zone of the office it belongs to (`AtOffice`), else in UTC.
enum BookingProblems {
    static func problem(for error: BookingError, zone: TimeZoneRules = .utc) -> Problem {
        switch error {
        case .refused(let refusal): problem(for: refusal, zone: zone)
        case .unknownOffice(let id): .notFound("There is no office \(id).")
        case .notFound: .notFound("No booking with this code, or the secret does not match.")
        case .forbidden(let permission): .forbidden(forbiddenDetail(permission))
        case .holdNotFound: .notFound("The hold does not exist or has expired.")
        case .holdRefused(let refusal): problem(for: refusal)
        case .holdForAnotherContact: Problem(type: .holdForAnotherContact)
        // The code to a signed-in caller only, never the manage token
        // (`BookingError.duplicateBooking`).
        case .duplicateBooking(let existing):
            Problem(type: .duplicateBooking, extensions: existing.map { ["existingCode": .string($0.value)] } ?? [:])
        case .invalid(let field, let message): .invalidValue(field, message)
        case .notChangeable(let status):
            Problem(type: .bookingNotChangeable, detail: "The booking is \(status.rawValue) or already past; it can no longer be changed.")
        case .idempotencyKeyReused: .idempotencyConflict()
        case .deskRefused(let refusal): Problem(type: .bookingNotChangeable, detail: RefusalText.english(refusal, in: zone))
        case .ticketNotFound: .notFound("No walk-in ticket with this number today.")
        }
    }

    /// Why an account hears 403, in the words of what it may not do.
    static func forbiddenDetail(_ permission: Permission) -> String {
        switch permission {
        case .useConsole: "Only call-centre agents use the console."
        case .lookUpBookings: "Your account does not look up bookings."
        case .actForCallers: "Your account does not book for this office."
        case .answerCalls: "Only call-centre agents file callbacks and memos."
        case .runDay: "Only the office's staff run its desk."
        case .seeHistory: "Only office staff and admins see a booking's history."
        case .administerAccounts: "Only admins administer accounts."
        case .administerCatalogue: "Only admins set up municipalities, offices and services."
        case .answerDataRequests: "Only the office's staff and admins hand out or erase a booking's personal data."
        }
    }

    static func problem(for refusal: Refusal, zone: TimeZoneRules) -> Problem {
        let detail = RefusalText.english(refusal, in: zone)
        switch refusal {
        // The contact limit answers exactly as a taken slot: anyone can send
        // anyone's address, so an answer of its own (or a count) would tell
        // whether that address has appointments here. `contact-limit` is no
        // longer sent (docs/api.md).
        case .slotTaken, .contactLimitReached: return .slotTaken(detail)
        case .walkInQuotaExhausted(let next): return .walkInQuotaExhausted(nextAcceptingDate: next?.description, detail: detail)
        default:
            let type = ProblemType(slug: refusal.code, status: .unprocessableContent, title: "Invalid values", defaultDetail: detail)
            return Problem(type: type, detail: detail, errors: [FieldError(field: refusal.field ?? "", message: detail)])
        }
    }

    /// Too many holds are 429, the same start again too soon 409; both say
    /// in `Retry-After` when the same request would pass.
    static func problem(for refusal: HoldRefusal) -> Problem {
        let detail = RefusalText.english(refusal)
        let headers: HTTPHeaders = ["Retry-After": String(refusal.retryAfter)]
        if case .heldAgainTooSoon = refusal { return Problem(type: .holdCooldown, detail: detail, headers: headers) }
        return Problem(type: .tooManyRequests, detail: detail, headers: headers)
    }

    /// Runs a handler body, turning the use cases' errors into problems.
    static func answer(_ body: () throws -> HTTPResponse) throws -> HTTPResponse {
        do {
            return try body()
        } catch let error as BookingError {
            throw problem(for: error)
        } catch let error as AtOffice {
            throw problem(for: error.error, zone: error.zone)
        }
    }
}

/// A use case's error together with the zone of the office it is about, so
/// the times in its detail read as that office's local time.
struct AtOffice: Error {
    let error: BookingError
    let zone: TimeZoneRules

    /// Runs `body`; a refusal it throws comes out with the zone `zone()`
    /// names. Other errors pass as they are: they carry no time, and the
    /// zone's look-up must not turn a 403 into a 404.
    static func run<T>(zone: () throws -> TimeZoneRules, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as BookingError {
            switch error {
            case .refused, .deskRefused: throw AtOffice(error: error, zone: try zone())
            default: throw error
            }
        }
    }
}

/// What a refusal means, in words a developer reading the API can act on.
enum RefusalText {
    static func english(_ refusal: Booking.DeskRefusal, in zone: TimeZoneRules) -> String {
        switch refusal {
        case .wrongStatus(let status, let action):
            "The booking is \(status.rawValue); it cannot be marked \(action.resultingStatus.rawValue)."
        case .notOnItsDay(let date): "The booking is on \(date); check-in is only possible on that day."
        case .notYetBegun(let start):
            "The appointment begins at \(RFC3339.format(start, in: zone)); a no-show can be noted only after that."
        }
    }

    static func english(_ refusal: HoldRefusal) -> String {
        switch refusal {
        case .clientHoldsTooMany(let limit, _): "You already hold \(limit) times at this office; book or release one of them first."
        case .contactHoldsTooMany(let limit, _): "This contact is already held for \(limit) times at this office."
        case .holdingTooOften(let limit, let minutes, _): "At most \(limit) holds per \(minutes) minutes at this office."
        case .heldAgainTooSoon(let seconds):
            "You held this time a moment ago; it cannot be held by you again for \((seconds + 59) / 60) minutes. Choose another time."
        }
    }

    static func english(_ refusal: Refusal, in zone: TimeZoneRules) -> String {
        switch refusal {
        case .noServices: return "Choose at least one service."
        case .duplicateService(let id): return "The service \(id) is listed twice."
        case .serviceNotOffered(let id): return "The service \(id) is not offered at this office."
        case .channelNotAllowed(let id, let channel): return "The service \(id) cannot be booked through the \(channel.rawValue) channel."
        case .quantityOutOfRange(let id, let allowed):
            return "The quantity for \(id) must be between \(allowed.lowerBound) and \(allowed.upperBound)."
        case .overrideNotAllowed: return "Only office staff may book into the walk-in reserve."
        case .notOnSlotBoundary(let next):
            return "The start is not the start of a slot" + (next.map { "; the next slot starts at \(RFC3339.format($0, in: zone))." } ?? ".")
        case .outsideOpeningHours: return "The office is not open for appointments at this time."
        case .closed(let reason): return "The office is closed at this time: \(reason)."
        case .serviceNotAtThisTime: return "At this time the office serves other services only."
        case .walkInOnly: return "This time is reserved for visitors without an appointment."
        case .tooSoon(let earliest): return "The start is too soon; the earliest possible start is \(RFC3339.format(earliest, in: zone))."
        case .beyondHorizon(let latest): return "The start is too far ahead; bookings are open up to \(latest)."
        case .crossesBreak: return "The services need more time than is left before the next break."
        case .slotTaken, .contactLimitReached:
            return "This time can no longer be booked. Please choose another time or another office."
        case .walkInQuotaExhausted: return "No walk-in capacity is left today."
        }
    }
}
