import Booking
import HTTPServer
import Scheduling

/// `GET /api/v1/offices/{officeId}/days` and `/slots`: what the caller's
/// channel can book.
extension API {
    func registerAvailability(on builder: RouterBuilder) {
        builder.get("/api/v1/offices/:officeId/days", options: Self.options) { request in
            try BookingProblems.answer {
                let officeId = try office(request)
                var query = QueryParameters(request)
                let services = query.services()
                let from = query.date("from", required: false)
                let to = query.date("to", required: false)
                try query.check()
                let days = try appointments.days(office: officeId, services: services, from: from, through: to,
                                                 caller: try identity(request).caller)
                return .json([
                    "officeId": .string(officeId),
                    "days": .array(days.map { ["date": .string($0.date.description), "freeStarts": .number($0.freeStarts.count)] }),
                ], reservingCapacity: 64 + days.count * 40)
            }
        }
        builder.get("/api/v1/offices/:officeId/slots", options: Self.options) { request in
            try BookingProblems.answer {
                let officeId = try office(request)
                var query = QueryParameters(request)
                let services = query.services()
                let date = query.date("date", required: true)
                try query.check()
                let starts = try appointments.starts(office: officeId, services: services, date: date!,
                                                     caller: try identity(request).caller)
                return .json([
                    "officeId": .string(officeId),
                    "date": .string(date!.description),
                    "slots": .array(starts.map(Representations.slot)),
                ], reservingCapacity: 64 + starts.count * 64)
            }
        }
    }

    /// The `{officeId}` of the path, if such an office exists (else 404).
    func office(_ request: HTTPRequest) throws -> String {
        let id = request.parameter("officeId") ?? ""
        guard try catalogue().office(id) != nil else { throw Problem.notFound("There is no such office.") }
        return id
    }
}
