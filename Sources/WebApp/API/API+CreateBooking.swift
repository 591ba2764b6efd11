import Booking
import HTTPServer
import Scheduling

/// `POST /api/v1/bookings`, with `Idempotency-Key`: the same key and body
/// return the first response again and never book twice.
extension API {
    func createBooking(_ request: HTTPRequest) throws -> HTTPResponse {
        let order = try request.decodeJSON { body -> BookingOrder in
            let selection = Self.readSelection(body)
            let holdId = body.optionalString("holdId", format: .opaqueId)
            let contact = body.object("contact") { contact in
                Contact(name: contact.string("name", maxLength: 200),
                        email: contact.optionalString("email", maxLength: 254, format: .email),
                        phone: contact.optionalString("phone", maxLength: 40, format: .phone))
            }
            if contact.email == nil && contact.phone == nil && body.has("contact") {
                body.fail("contact", "needs an e-mail address or a phone number")
            }
            let note = body.optionalString("note", maxLength: 1000)
            return BookingOrder(officeId: selection.officeId, services: selection.services, start: selection.start,
                                holdId: holdId, contact: contact, note: note)
        }
        let identity = try identity(request)
        try Self.checkMayBook(identity, at: order.officeId, catalogue: try catalogue())
        var idempotency: IdempotencyKey?
        if let key = request.headers["Idempotency-Key"] {
            guard FieldFormat.idempotencyKey.matches(key) else {
                throw Problem.invalidValue("Idempotency-Key", FieldFormat.idempotencyKey.message)
            }
            // The caller is part of the fingerprint: another account reusing
            // a key does not get this caller's booking.
            let fingerprint = Crypto.sha256(Array("POST /api/v1/bookings\n\(identity.account?.id ?? 0)\n".utf8) + request.body)
            idempotency = IdempotencyKey(key: key, fingerprint: fingerprint)
        }
        let reply = try appointments.book(order, caller: identity.caller, idempotency: idempotency) { confirmation in
            StoredReply(status: 201, body: JSONWriter.serialize([
                "booking": Representations.appointment(confirmation.appointment),
                "manageToken": .string(confirmation.manageToken),
            ]))
        }
        return HTTPResponse(status: HTTPStatus(reply.status, reply.status == 201 ? "Created" : "OK"),
                            contentType: "application/json", body: reply.body,
                            headers: ["Cache-Control": "no-store"])
    }
}
