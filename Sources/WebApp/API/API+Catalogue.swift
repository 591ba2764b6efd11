import Core
import Scheduling
import HTTPServer

/// `GET /api/v1/offices`, `/offices/{officeId}`, `/services`: public.
extension API {
    func registerCatalogue(on routes: APIRoutes) {
        routes.get("/api/v1/offices") { _ in
            let catalogue = try catalogue()
            return .json(["offices": .array(catalogue.offices.map { Representations.office($0, catalogue: catalogue) })],
                         reservingCapacity: 4096)
        }
        routes.get("/api/v1/offices/:officeId") { request in
            let catalogue = try catalogue()
            guard let office = catalogue.office(OfficeID(request.http.parameter("officeId") ?? "")) else {
                throw Problem.notFound("There is no such office.")
            }
            return .json(Representations.office(office, catalogue: catalogue))
        }
        routes.get("/api/v1/services") { _ in
            let catalogue = try catalogue()
            return .json(["services": .array(catalogue.services.map { Representations.service($0, catalogue: catalogue) })],
                         reservingCapacity: 8192)
        }
    }
}
