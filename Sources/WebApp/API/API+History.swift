import Booking
import HTTPServer

/// `GET /api/v1/bookings/{code}/history`: who created, moved and cancelled a
/// booking, through which channel and for whom. For the office's staff and
/// admins, who answer a citizen's dispute; agents and citizens see none.
extension API {
    func registerHistory(on builder: RouterBuilder) {
        builder.get("/api/v1/bookings/:code/history", options: Self.options) { request in
            try BookingProblems.answer {
                let identity = try signedIn(request)
                guard identity.account!.role != .agent, let access = identity.bookingAccess else {
                    throw Problem.forbidden("Only office staff and admins see a booking's history.")
                }
                let (appointment, events) = try appointments.history(try code(request), access: access)
                let zone = try zone(appointment.officeId)
                return .json(["code": .string(appointment.code.value), "events": .array(events.map { Representations.event($0, in: zone) })],
                             headers: ["Cache-Control": "no-store"])
            }
        }
    }
}
