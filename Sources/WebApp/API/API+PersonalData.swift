import Core
import HTTPServer

/// `GET` and `DELETE /api/v1/bookings/{code}/personal-data`: the citizen's
/// right to see everything stored about their booking and to have it
/// erased now (Art. 15, 17 DSGVO), by the manage token; the office's staff
/// for a citizen at the desk.
extension API {
    func registerPersonalData(on routes: APIRoutes) {
        routes.get("/api/v1/bookings/:code/personal-data") { request in
            try BookingProblems.answer {
                let data = try bookings.personalData(try code(request.http), for: try requester(request))
                return .json(Representations.personalData(data, in: try zone(data.booking.officeId)))
            }
        }
        routes.delete("/api/v1/bookings/:code/personal-data") { request in
            try BookingProblems.answer {
                let erased = try bookings.erasePersonalData(try code(request.http), for: try requester(request))
                return .json(Representations.booking(erased, in: try zone(erased.officeId)))
            }
        }
    }

    /// A signed-in account asks for a citizen at the desk; anyone else by
    /// the booking's manage token, as `access` reads it.
    private func requester(_ request: APIRequest) throws -> PersonalData.Requester {
        if let account = request.identity.account { return .account(account) }
        guard case .manageToken(let token) = try access(request) else { throw BookingError.notFound }
        return .citizen(manageToken: token)
    }
}
