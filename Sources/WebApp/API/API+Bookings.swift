import Core
import HTTPServer
import Scheduling

/// Holds and bookings: create (idempotent), read, cancel, move, calendar,
/// search.
extension API {
    func registerBookings(on routes: APIRoutes) {
        routes.post("/api/v1/holds") { request in
            try BookingProblems.answer {
                let order = try request.http.decodeJSON(Self.readHoldOrder)
                let account = request.identity.account
                try Self.checkMayBook(account, at: order.officeId, catalogue: try catalogue())
                let idempotency = try Self.idempotencyKey(of: request.http, account: account, operation: "POST /api/v1/holds")
                let hold = try AtOffice.run(zone: { try zone(order.officeId) }) {
                    try bookings.hold(office: order.officeId, services: order.services, start: order.start,
                                      caller: request.caller, client: request.http.clientKey, contact: order.contact,
                                      idempotency: idempotency).value
                }
                return .json(["holdId": .string(hold.id), "expiresAt": Representations.instant(hold.expiresAt, in: try zone(hold.officeId))],
                             status: .created)
            }
        }
        routes.delete("/api/v1/holds/:holdId") { request in
            try BookingProblems.answer {
                let id = request.http.parameter("holdId") ?? ""
                guard FieldFormat.opaqueId.matches(id) else { throw BookingError.holdNotFound }
                try bookings.releaseHold(id)
                return HTTPResponse(status: .noContent)
            }
        }
        routes.post("/api/v1/bookings") { request in
            try BookingProblems.answer { try createBooking(request) }
        }
        routes.get("/api/v1/bookings", .allowed(to: .lookUpBookings)) { request in
            try BookingProblems.answer {
                var query = QueryParameters(request.http)
                let officeId: OfficeID? = query.identifier("officeId", required: false)
                let date = query.date("date", required: false)
                try query.check()
                let text = request.http.queryParameters["query"] ?? ""
                // Unicode scalars, as JSON Schema's maxLength counts (not grapheme clusters).
                guard text.unicodeScalars.count <= 200 else { throw Problem.invalidValue("query", "must be at most 200 characters long") }
                let found = try bookings.search(text, office: officeId, date: date, access: request.account.access)
                return .json(["bookings": .array(try found.map { Representations.booking($0, in: try zone($0.officeId)) })], reservingCapacity: 512 * max(1, found.count))
            }
        }
        routes.get("/api/v1/bookings/:code") { request in
            try BookingProblems.answer {
                let booking = try bookings.booking(try code(request.http), access: try access(request))
                return .json(Representations.booking(booking, in: try zone(booking.officeId)))
            }
        }
        routes.post("/api/v1/bookings/:code/cancel") { request in
            try BookingProblems.answer {
                let cancelled = try bookings.cancel(try code(request.http), access: try access(request), caller: request.caller)
                return .json(Representations.booking(cancelled, in: try zone(cancelled.officeId)))
            }
        }
        routes.post("/api/v1/bookings/:code/reschedule") { request in
            try BookingProblems.answer {
                // The reader reports a missing or wrong start (422) before giving the body back.
                let start = try request.http.decodeJSON { body in
                    body.parsed("start", message: "must be a date-time like 2026-12-01T08:30:00+01:00", RFC3339.parse)
                        ?? Instant(secondsSinceEpoch: 0)
                }
                let (code, access) = (try code(request.http), try access(request))
                // The booking's office names the zone of a refusal's time; looked up only when refused.
                let moved = try AtOffice.run(zone: { try zone(try bookings.booking(code, access: access).officeId) }) {
                    try bookings.reschedule(code, to: start, access: access, caller: request.caller)
                }
                return .json(Representations.booking(moved, in: try zone(moved.officeId)))
            }
        }
        routes.get("/api/v1/bookings/:code/calendar.ics") { request in
            try BookingProblems.answer {
                let booking = try bookings.booking(try code(request.http), access: try access(request))
                let text = BookingCalendar.document(name: "Termin \(booking.code.value)", bookings: [booking],
                                                        catalogue: try catalogue(), language: Service.catalogueLanguage,
                                                        zone: try zone(booking.officeId), stamp: time.now())
                return HTTPResponse(status: .ok, contentType: "text/calendar; charset=utf-8", body: Array(text.utf8),
                                    headers: ["Content-Disposition": "attachment; filename=\"termin-\(booking.code.value).ics\""])
            }
        }
    }

    /// The `{code}` of the path, as people type it (`FieldFormat.typedBookingCode`,
    /// the document's pattern); a malformed code is simply not found.
    func code(_ request: HTTPRequest) throws -> BookingCode {
        guard let code = BookingCode(parsing: request.parameter("code") ?? "") else { throw BookingError.notFound }
        return code
    }

    /// Agents and staff by their session; citizens by the manage token as
    /// `Authorization: Bearer`. Without either, the booking is not found.
    func access(_ request: APIRequest) throws -> Access {
        if let account = request.identity.account { return account.access }
        guard let token = Identity.bearerToken(of: request.http) else { throw BookingError.notFound }
        return .manageToken(token)
    }

    /// Only agents of the office's municipality and its own staff book on
    /// someone's behalf; anyone may book online.
    static func checkMayBook(_ account: Account?, at officeId: OfficeID, catalogue: Catalogue) throws {
        guard let account, let office = catalogue.office(officeId) else { return }
        guard account.may(.actForCallers, at: office) else { throw Problem.forbidden("Your account does not book for \(office.name).") }
    }

    struct Selection {
        var officeId: OfficeID
        var services: [RequestedService]
        var start: Instant
        /// Whom a hold is for, when given (bookings read theirs with the order).
        var contact: Contact?
    }

    /// The body of `POST /api/v1/holds`: a selection, and the contact the
    /// hold is for when the client knows it already.
    static func readHoldOrder(_ body: JSONFields) -> Selection {
        var selection = readSelection(body)
        selection.contact = body.optionalObject("contact", readContact)
        if let contact = selection.contact, contact.email == nil && contact.phone == nil {
            body.fail("contact", "needs an e-mail address or a phone number")
        }
        return selection
    }

    static func readSelection(_ body: JSONFields) -> Selection {
        let officeId = OfficeID(body.string("officeId", format: .identifier))
        let services = body.array("services", count: 1...10) { line in
            RequestedService(serviceId: ServiceID(line.string("id", format: .identifier)), quantity: line.int("quantity", range: 1...20, default: 1))
        }
        let start = body.parsed("start", message: "must be a date-time like 2026-12-01T08:30:00+01:00", RFC3339.parse)
        return Selection(officeId: officeId, services: services, start: start ?? Instant(secondsSinceEpoch: 0))
    }
}
