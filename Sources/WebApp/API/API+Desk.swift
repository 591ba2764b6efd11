import Core
import HTTPServer
import Scheduling

/// The front desk (docs/api.md, "The operations"): check-in, no-show and completion of
/// appointments, walk-in tickets, the queue with "call next", and the public
/// walk-in board. Only the office's staff (and admins) act here.
extension API {
    func registerDesk(on routes: APIRoutes) {
        for (path, action) in [("check-in", Booking.DeskAction.checkIn), ("no-show", .noShow), ("complete", .complete)] {
            // Any signed-in account: the use case refuses an account that
            // runs no desk (403) and answers a code of another office as it
            // answers an unknown one (404).
            routes.post("/api/v1/bookings/:code/" + path, .signedIn) { request in
                try BookingProblems.answer {
                    let code = try code(request.http)
                    // The booking's office names the zone of a refusal's time; looked up only when refused.
                    let changed = try AtOffice.run(zone: {
                        try zone(try bookings.booking(code, access: request.account.access).officeId)
                    }) {
                        try frontDesk.deskStep(action, code, by: request.account)
                    }
                    return .json(Representations.booking(changed, in: try zone(changed.officeId)))
                }
            }
        }
        routes.post("/api/v1/offices/:officeId/walk-ins", Self.dayRoles) { request in
            try BookingProblems.answer {
                let officeId = try deskOffice(request)
                let (services, name) = try request.http.decodeJSON { body in
                    (body.array("services", count: 1...10) { line in
                        RequestedService(serviceId: ServiceID(line.string("id", format: .identifier)),
                                         quantity: line.int("quantity", range: 1...20, default: 1))
                    },
                     body.optionalString("name", maxLength: WalkInName.maximumLength))
                }
                let key = try Self.idempotencyKey(of: request.http, account: request.account, operation: "POST /walk-ins/" + officeId.rawValue)
                let ticket = try walkIns.issue(office: officeId, services: services, name: name, caller: request.account.caller,
                                               idempotency: key).value
                return .json(Representations.walkInTicket(ticket, in: try zone(officeId)), status: .created)
            }
        }
        routes.get("/api/v1/offices/:officeId/walk-ins", Self.dayRoles) { request in
            try BookingProblems.answer {
                let officeId = try deskOffice(request)
                let tickets = try walkIns.tickets(office: officeId, date: try time.today(office: officeId))
                let zone = try zone(officeId)
                return .json(["walkIns": .array(tickets.map { Representations.walkInTicket($0, in: zone) })])
            }
        }
        for (path, status) in [("done", WalkInTicket.Status.done), ("no-show", .noShow)] {
            routes.post("/api/v1/offices/:officeId/walk-ins/:number/" + path, Self.dayRoles) { request in
                try BookingProblems.answer {
                    let officeId = try deskOffice(request)
                    guard let number = WalkInTicket.number(parsing: request.http.parameter("number") ?? "") else {
                        throw BookingError.ticketNotFound
                    }
                    let ticket = try walkIns.finish(office: officeId, number: number, status: status)
                    return .json(Representations.walkInTicket(ticket, in: try zone(officeId)))
                }
            }
        }
        routes.get("/api/v1/offices/:officeId/queue", Self.dayRoles) { request in
            try BookingProblems.answer {
                let officeId = try deskOffice(request)
                return .json(Representations.queue(try queue.current(office: officeId), in: try zone(officeId)), reservingCapacity: 2048)
            }
        }
        routes.post("/api/v1/offices/:officeId/queue/call-next", Self.dayRoles) { request in
            try BookingProblems.answer {
                let officeId = try deskOffice(request)
                guard let call = try queue.callNext(office: officeId, caller: request.account.caller) else {
                    throw Problem.conflict("Nobody is waiting.")
                }
                return .json(Representations.queueCall(call, in: try zone(officeId)))
            }
        }
        registerWalkInBoard(on: routes)
    }

    /// Polled by the waiting-room screens: answered from memory for up to 30
    /// seconds, and at once again after any change at the office.
    private func registerWalkInBoard(on routes: APIRoutes) {
        let cache = ResponseCache(availability: availability, capacity: 1_000, keyedBy: [])
        var options = Self.options
        options.fastPath = { cache.lookup($0) }
        routes.get("/api/v1/offices/:officeId/walk-in-status", options: options) { request in
            try BookingProblems.answer {
                let board = try walkIns.board(office: try office(request.http))
                let response = HTTPResponse.json(Representations.walkInBoard(board))
                cache.store(response, stamp: board.stamp, for: request.http)
                return response
            }
        }
    }

    /// The `{officeId}` of the path, when the account runs its day: 404 for
    /// no such office, 403 for another's.
    func deskOffice(_ request: SignedInRequest) throws -> OfficeID {
        let officeId = try office(request.http)
        return try catalogue().office(officeId, for: request.account, may: .runDay).id
    }
}
