import Booking
import HTTPServer
import Scheduling

/// The front desk (API.md "Office"): check-in, no-show and completion of
/// appointments, walk-in tickets, the queue with "call next", and the public
/// walk-in board. Only the office's staff (and admins) act here.
extension API {
    func registerDesk(on builder: RouterBuilder) {
        for (path, action) in [("check-in", Appointment.DeskAction.checkIn), ("no-show", .noShow), ("complete", .complete)] {
            builder.post("/api/v1/bookings/:code/" + path, options: Self.options) { request in
                try BookingProblems.answer {
                    let identity = try signedIn(request)
                    let code = try code(request)
                    // The office first, so staff of another office hear 403, not a status.
                    let officeId = try appointments.appointment(code, access: .anyOffice).officeId
                    guard identity.isStaff(of: officeId) else { throw Problem.forbidden("Only the office's staff run its desk.") }
                    let changed = try appointments.deskStep(action, code, access: .offices([officeId]), caller: identity.caller)
                    return .json(Representations.appointment(changed))
                }
            }
        }
        builder.post("/api/v1/offices/:officeId/walk-ins", options: Self.options) { request in
            try BookingProblems.answer {
                let officeId = try deskOffice(request)
                let services = try request.decodeJSON { body in
                    body.array("services", count: 1...10) { line in
                        RequestedService(serviceId: line.string("id", format: .identifier),
                                         quantity: line.int("quantity", range: 1...20, default: 1))
                    }
                }
                let identity = try identity(request)
                let key = try Self.idempotencyKey(of: request, identity: identity, operation: "POST /walk-ins/" + officeId)
                let ticket = try appointments.issueWalkIn(office: officeId, services: services, caller: identity.caller,
                                                          idempotency: key).value
                return .json(Representations.walkInTicket(ticket), status: .created)
            }
        }
        builder.get("/api/v1/offices/:officeId/walk-ins", options: Self.options) { request in
            try BookingProblems.answer {
                let officeId = try deskOffice(request)
                let tickets = try appointments.walkIns(office: officeId, date: try appointments.today(office: officeId))
                return .json(["walkIns": .array(tickets.map(Representations.walkInTicket))])
            }
        }
        for (path, status) in [("done", WalkInTicket.Status.done), ("no-show", .noShow)] {
            builder.post("/api/v1/offices/:officeId/walk-ins/:number/" + path, options: Self.options) { request in
                try BookingProblems.answer {
                    let officeId = try deskOffice(request)
                    guard let number = WalkInTicket.number(parsing: request.parameter("number") ?? "") else {
                        throw BookingError.ticketNotFound
                    }
                    return .json(Representations.walkInTicket(try appointments.finishWalkIn(office: officeId, number: number, status: status)))
                }
            }
        }
        builder.get("/api/v1/offices/:officeId/queue", options: Self.options) { request in
            try BookingProblems.answer {
                .json(Representations.queue(try appointments.queue(office: try deskOffice(request))), reservingCapacity: 2048)
            }
        }
        builder.post("/api/v1/offices/:officeId/queue/call-next", options: Self.options) { request in
            try BookingProblems.answer {
                let officeId = try deskOffice(request)
                guard let call = try appointments.callNext(office: officeId, caller: try identity(request).caller) else {
                    throw Problem.conflict("Nobody is waiting.")
                }
                return .json(Representations.queueCall(call))
            }
        }
        registerWalkInBoard(on: builder)
    }

    /// Polled by the waiting-room screens: answered from memory for up to 30
    /// seconds, and at once again after any change at the office.
    private func registerWalkInBoard(on builder: RouterBuilder) {
        let cache = ResponseCache(appointments: appointments, capacity: 1_000)
        var options = Self.options
        options.fastPath = { cache.lookup($0) }
        builder.get("/api/v1/offices/:officeId/walk-in-status", options: options) { request in
            try BookingProblems.answer {
                let board = try appointments.walkInBoard(office: try office(request))
                let response = HTTPResponse.json(Representations.walkInBoard(board))
                cache.store(response, stamp: board.stamp, for: request)
                return response
            }
        }
    }

    /// The `{officeId}` of the path, when the caller is its staff: 401
    /// without a session, 403 for anyone else, 404 for no such office.
    func deskOffice(_ request: HTTPRequest) throws -> String {
        let identity = try signedIn(request)
        let officeId = try office(request)
        guard identity.isStaff(of: officeId) else { throw Problem.forbidden("Only the office's staff run its desk.") }
        return officeId
    }
}
