import Core
import HTTPServer
import Scheduling
import Templating

/// `POST /api/v1/bookings`, with `Idempotency-Key`: the same key and body
/// answer with the first booking again, the very same response, and never
/// book twice.
extension API {
    func createBooking(_ request: APIRequest) throws -> HTTPResponse {
        let order = try request.http.decodeJSON { body in
            var order = Self.readBookingOrder(body)
            order.language = readLanguage(body, acceptLanguage: request.http.headers["Accept-Language"])
            return order
        }
        let account = request.identity.account
        try Self.checkMayBook(account, at: order.officeId, catalogue: try catalogue())
        let idempotency = try Self.idempotencyKey(of: request.http, account: account, operation: "POST /api/v1/bookings")
        let confirmation = try AtOffice.run(zone: { try zone(order.officeId) }) {
            try bookings.book(order, caller: request.caller, idempotency: idempotency).value
        }
        return .json([
            "booking": Representations.booking(confirmation.booking, in: try zone(confirmation.booking.officeId)),
            "manageToken": .string(confirmation.manageToken),
        ], status: .created, headers: SecurityHeaders.forSecrets)
    }

    /// The body of `POST /api/v1/bookings` as an order; the fuzz target
    /// `Fuzz/FuzzBookingJSON` reads bodies with this same function.
    static func readBookingOrder(_ body: JSONFields) -> BookingOrder {
        let selection = readSelection(body)
        let holdId = body.optionalString("holdId", format: .opaqueId)
        let contact = body.object("contact", readContact)
        if contact.email == nil && contact.phone == nil && body.has("contact") {
            body.fail("contact", "needs an e-mail address or a phone number")
        }
        let note = body.optionalString("note", maxLength: 1000)
        return BookingOrder(officeId: selection.officeId, services: selection.services, start: selection.start,
                            holdId: holdId, contact: contact, note: note)
    }

    /// The language the booking's messages are written in: the body's
    /// `language` if it is one the service writes in, else the best match
    /// of the request's `Accept-Language`, else German.
    func readLanguage(_ body: JSONFields, acceptLanguage: String?) -> String {
        guard let asked = body.optionalString("language", maxLength: 35) else {
            return translations.language(forAcceptLanguage: acceptLanguage)
        }
        guard translations.supports(asked) else {
            body.fail("language", "must be one of " + translations.languages.joined(separator: ", "))
            return translations.language(forAcceptLanguage: nil)
        }
        return asked
    }

    /// A contact object, as bookings and holds take it.
    static func readContact(_ contact: JSONFields) -> Contact {
        Contact(name: contact.string("name", maxLength: 200),
                email: contact.optionalString("email", maxLength: 254, format: .email),
                phone: contact.optionalString("phone", maxLength: 40, format: .phone))
    }
}
