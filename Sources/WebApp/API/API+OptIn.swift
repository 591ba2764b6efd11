import Core
import HTTPServer
import Scheduling

/// `POST /api/v1/bookings/{code}/confirm` with `{"token": …}`: the double
/// opt-in for a client that books through the API (docs/api.md). Answers
/// as booking does, the booking now `confirmed` and a manage token for it;
/// a lapsed booking is a 409 `booking-not-changeable`, and an unknown code,
/// a wrong token or a link already used the same 404.
extension API {
    func registerOptIn(on routes: APIRoutes) {
        routes.post("/api/v1/bookings/:code/confirm") { request in
            try BookingProblems.answer {
                let token = try request.http.decodeJSON { body in body.string("token", maxLength: 128) }
                switch try bookings.confirm(try code(request.http), token: token) {
                case .confirmed(let confirmation):
                    return .json([
                        "booking": Representations.booking(confirmation.booking, in: try zone(confirmation.booking.officeId)),
                        "manageToken": .string(confirmation.manageToken),
                    ], headers: SecurityHeaders.forSecrets)
                case .lapsed(let booking):
                    return Problem(type: .bookingNotChangeable,
                                   detail: "The booking lapsed: it was not confirmed by "
                                       + RFC3339.format(booking.confirmBy ?? booking.createdAt, in: try zone(booking.officeId)) + ".")
                        .response
                case .awaiting:
                    // `confirm` confirms what waits; only a read answers `awaiting`.
                    throw BookingError.notFound
                }
            }
        }
    }
}
