import Core
import HTTPServer

/// `POST /api/v1/booking-links` `{"email": …}`: "resend my links". Always
/// 202 with the same body for a valid address, whether or not it has
/// upcoming bookings and whether or not the request was throttled
/// (`Outbox.sendBookingLinks`), so the answer tells nobody which
/// addresses have bookings; 422 for no e-mail address.
extension API {
    static let bookingLinksAccepted: JSONValue = .object([
        "status": .string("accepted"),
        "detail": .string("If there are upcoming bookings for this address, their links are on their way to it."),
    ])

    func registerBookingLinks(on routes: APIRoutes) {
        routes.post("/api/v1/booking-links") { request in
            let (email, language) = try request.http.decodeJSON { body in
                (body.string("email", maxLength: 254),
                 body.parsed("language", required: false, message: "must be de or en") { ["de", "en"].contains($0) ? $0 : nil })
            }
            return try BookingProblems.answer {
                try outbox.sendBookingLinks(to: email, language: language ?? "de", client: request.http.clientKey)
                return .json(Self.bookingLinksAccepted, status: .accepted)
            }
        }
    }
}
