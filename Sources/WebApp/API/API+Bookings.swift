import Booking
import HTTPServer
import Scheduling

/// Holds and bookings: create (idempotent), read, cancel, move, calendar,
/// search.
extension API {
    func registerBookings(on builder: RouterBuilder) {
        builder.post("/api/v1/holds", options: Self.options) { request in
            try BookingProblems.answer {
                let order = try request.decodeJSON(Self.readSelection)
                let identity = try identity(request)
                try Self.checkMayBook(identity, at: order.officeId, catalogue: try catalogue())
                let idempotency = try Self.idempotencyKey(of: request, identity: identity, operation: "POST /api/v1/holds")
                let hold = try appointments.hold(office: order.officeId, services: order.services, start: order.start,
                                                 caller: identity.caller, idempotency: idempotency).value
                return .json(["holdId": .string(hold.id), "expiresAt": Representations.instant(hold.expiresAt)], status: .created)
            }
        }
        builder.delete("/api/v1/holds/:holdId", options: Self.options) { request in
            try BookingProblems.answer {
                let id = request.parameter("holdId") ?? ""
                guard FieldFormat.opaqueId.matches(id) else { throw BookingError.holdNotFound }
                try appointments.releaseHold(id)
                return HTTPResponse(status: .noContent)
            }
        }
        builder.post("/api/v1/bookings", options: Self.options) { request in
            try BookingProblems.answer { try createBooking(request) }
        }
        builder.get("/api/v1/bookings", options: Self.options) { request in
            try BookingProblems.answer {
                let identity = try signedIn(request)
                var query = QueryParameters(request)
                let officeId = query.identifier("officeId", required: false)
                let date = query.date("date", required: false)
                try query.check()
                let text = request.queryParameters["query"] ?? ""
                // Unicode scalars, as JSON Schema's maxLength counts (not grapheme clusters).
                guard text.unicodeScalars.count <= 200 else { throw Problem.invalidValue("query", "must be at most 200 characters long") }
                let found = try appointments.search(text, office: officeId, date: date, access: identity.bookingAccess!)
                return .json(["bookings": .array(found.map(Representations.appointment))], reservingCapacity: 512 * max(1, found.count))
            }
        }
        builder.get("/api/v1/bookings/:code", options: Self.options) { request in
            try BookingProblems.answer {
                .json(Representations.appointment(try appointments.appointment(try code(request), access: try access(request))))
            }
        }
        builder.post("/api/v1/bookings/:code/cancel", options: Self.options) { request in
            try BookingProblems.answer {
                let identity = try identity(request)
                let cancelled = try appointments.cancel(try code(request), access: try access(request), caller: identity.caller)
                return .json(Representations.appointment(cancelled))
            }
        }
        builder.post("/api/v1/bookings/:code/reschedule", options: Self.options) { request in
            try BookingProblems.answer {
                let start = try request.decodeJSON { body in
                    body.parsed("start", message: "must be a date-time like 2026-12-01T08:30:00+01:00", RFC3339.parse)
                }
                let moved = try appointments.reschedule(try code(request), to: start!, access: try access(request),
                                                        caller: try identity(request).caller)
                return .json(Representations.appointment(moved))
            }
        }
        builder.get("/api/v1/bookings/:code/calendar.ics", options: Self.options) { request in
            try BookingProblems.answer {
                let appointment = try appointments.appointment(try code(request), access: try access(request))
                let text = AppointmentCalendar.document(name: "Termin \(appointment.code.value)", appointments: [appointment],
                                                        catalogue: try catalogue(), stamp: appointments.clock.now())
                return HTTPResponse(status: .ok, contentType: "text/calendar; charset=utf-8", body: Array(text.utf8),
                                    headers: ["Content-Disposition": "attachment; filename=\"termin-\(appointment.code.value).ics\""])
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
    func access(_ request: HTTPRequest) throws -> Access {
        if let access = try identity(request).bookingAccess { return access }
        guard let token = Identity.bearerToken(of: request) else { throw BookingError.notFound }
        return .manageToken(token)
    }

    /// Only agents of the office's municipality and its own staff book on
    /// someone's behalf; anyone may book online.
    static func checkMayBook(_ identity: Identity, at officeId: String, catalogue: Catalogue) throws {
        guard let account = identity.account, let office = catalogue.office(officeId) else { return }
        guard account.acts(for: office) else { throw Problem.forbidden("Your account does not book for \(office.name).") }
    }

    struct Selection {
        var officeId: String
        var services: [RequestedService]
        var start: Instant
    }

    static func readSelection(_ body: JSONFields) -> Selection {
        let officeId = body.string("officeId", format: .identifier)
        let services = body.array("services", count: 1...10) { line in
            RequestedService(serviceId: line.string("id", format: .identifier), quantity: line.int("quantity", range: 1...20, default: 1))
        }
        let start = body.parsed("start", message: "must be a date-time like 2026-12-01T08:30:00+01:00", RFC3339.parse)
        return Selection(officeId: officeId, services: services, start: start ?? Instant(secondsSinceEpoch: 0))
    }
}
