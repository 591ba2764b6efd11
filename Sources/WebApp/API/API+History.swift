import Core
import HTTPServer

/// `GET /api/v1/bookings/{code}/history`: who created, moved and cancelled a
/// booking, through which channel and for whom. For the office's staff and
/// admins, who answer a citizen's dispute; agents and citizens see none.
extension API {
    func registerHistory(on routes: APIRoutes) {
        routes.get("/api/v1/bookings/:code/history", .allowed(to: .seeHistory)) { request in
            try BookingProblems.answer {
                let (booking, events) = try bookings.history(try code(request.http), by: request.account)
                let zone = try zone(booking.officeId)
                return .json(["code": .string(booking.code.value), "events": .array(events.map { Representations.event($0, in: zone) })],
                             headers: ["Cache-Control": "no-store"])
            }
        }
    }
}
