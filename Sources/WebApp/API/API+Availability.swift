import Core
import HTTPServer
import Scheduling

/// `GET /api/v1/offices/{officeId}/days` and `/slots`: what the caller's
/// channel can book.
extension API {
    func registerAvailability(on routes: APIRoutes) {
        // Each cache keyed by exactly the parameters its handler reads.
        let daysCache = ResponseCache(availability: availability, keyedBy: ["services", "quantity", "from", "to"])
        var daysOptions = Self.options
        daysOptions.fastPath = { daysCache.lookup($0) }
        routes.get("/api/v1/offices/:officeId/days", options: daysOptions) { request in
            try BookingProblems.answer {
                let officeId = try office(request.http)
                var query = QueryParameters(request.http)
                let services = query.services()
                let from = query.date("from", required: false)
                let to = query.date("to", required: false)
                if let from, let to, from > to { query.errors.append(FieldError(field: "to", message: "must not be before from")) }
                try query.check()
                let free = try availability.days(office: officeId, services: services, from: from, through: to,
                                                 caller: request.caller)
                let response = HTTPResponse.json([
                    "officeId": .string(officeId),
                    "days": .array(free.days.map { ["date": .string($0.date.description), "freeStarts": .number($0.freeStarts.count)] }),
                ], reservingCapacity: 64 + free.days.count * 40)
                daysCache.store(response, stamp: free.stamp, for: request.http)
                return response
            }
        }
        let slotsCache = ResponseCache(availability: availability, keyedBy: ["services", "quantity", "date"])
        var slotsOptions = Self.options
        slotsOptions.fastPath = { slotsCache.lookup($0) }
        routes.get("/api/v1/offices/:officeId/slots", options: slotsOptions) { request in
            try BookingProblems.answer {
                let officeId = try office(request.http)
                var query = QueryParameters(request.http)
                let services = query.services()
                let asked = query.date("date", required: true)
                let date = try query.required(asked)
                let free = try availability.starts(office: officeId, services: services, date: date,
                                                   caller: request.caller)
                let zone = try zone(officeId)
                // The services echoed as request lines: a client (or a test
                // following the document's links) can post them with a start
                // straight to /holds or /bookings.
                let response = HTTPResponse.json([
                    "officeId": .string(officeId),
                    "date": .string(date.description),
                    "services": .array(services.map { ["id": .string($0.serviceId), "quantity": .number($0.quantity)] }),
                    "slots": .array(free.starts.map { Representations.slot($0, in: zone) }),
                ], reservingCapacity: 128 + free.starts.count * 64)
                slotsCache.store(response, stamp: free.stamp, for: request.http)
                return response
            }
        }
    }

    /// The `{officeId}` of the path, if such an office exists (else 404).
    func office(_ request: HTTPRequest) throws -> OfficeID {
        let id = OfficeID(request.parameter("officeId") ?? "")
        guard try catalogue().office(id) != nil else { throw Problem.notFound("There is no such office.") }
        return id
    }
}
