import Booking
import HTTPServer
import Scheduling

/// The office's day: `GET /api/v1/offices/{officeId}/schedule` (staff of
/// the office, admins).
extension API {
    func registerOffice(on builder: RouterBuilder) {
        builder.get("/api/v1/offices/:officeId/schedule", options: Self.options) { request in
            try BookingProblems.answer {
                let identity = try signedIn(request)
                let officeId = try office(request)
                guard identity.isStaff(of: officeId) else { throw Problem.forbidden("Only the office's staff see its schedule.") }
                var query = QueryParameters(request)
                let date = query.date("date", required: true)
                try query.check()
                let schedule = try appointments.schedule(office: officeId, date: date!)
                return .json([
                    "officeId": .string(officeId),
                    "date": .string(date!.description),
                    "appointments": .array(schedule.appointments.map(Representations.appointment)),
                    "walkIns": .array([]),
                    "capacity": .array(schedule.capacity.map(Representations.capacity)),
                ], reservingCapacity: 4096)
            }
        }
    }
}
