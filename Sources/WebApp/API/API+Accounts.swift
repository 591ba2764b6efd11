import Core
import HTTPServer
import Scheduling

/// Accounts for administrators (docs/api.md, "Accounts"): list, create,
/// disable, enable, set a password. Which accounts an admin reaches is
/// `Accounts`' question (`Account.mayAdminister`); an account beyond it is 404.
extension API {
    func registerAccounts(on routes: APIRoutes) {
        let admins = Audience.allowed(to: .administerAccounts)
        routes.get("/api/v1/admin/accounts", admins) { request in
            try AccountProblems.answer {
                let found = try accounts.administered(by: request.account)
                return .json(["accounts": .array(found.map(Representations.account))], reservingCapacity: 256 * max(1, found.count))
            }
        }
        routes.post("/api/v1/admin/accounts", admins) { request in
            try AccountProblems.answer {
                let draft = try request.http.decodeJSON(Self.readAccountDraft)
                let problems = try accounts.problems(in: draft)
                guard problems.isEmpty else {
                    throw Problem.invalidValues(problems.map { FieldError(field: $0.field ?? "", message: $0.description) })
                }
                let idempotency = try Self.idempotencyKey(of: request.http, account: request.account,
                                                          operation: "POST /api/v1/admin/accounts")
                let account = try accounts.add(draft, by: request.account, idempotency: idempotency).value
                return .json(Representations.account(account), status: .created)
            }
        }
        routes.post("/api/v1/admin/accounts/:username/disable", admins) { request in
            try AccountProblems.answer {
                .json(Representations.account(try accounts.disable(request.http.parameter("username") ?? "", by: request.account)))
            }
        }
        routes.post("/api/v1/admin/accounts/:username/enable", admins) { request in
            try AccountProblems.answer {
                .json(Representations.account(try accounts.enable(request.http.parameter("username") ?? "", by: request.account)))
            }
        }
        routes.post("/api/v1/admin/accounts/:username/password", admins) { request in
            try AccountProblems.answer {
                let password = try request.http.decodeJSON { body in body.string("password", maxLength: 1024) }
                try accounts.setPassword(request.http.parameter("username") ?? "", to: password, by: request.account)
                return HTTPResponse(status: .noContent)
            }
        }
    }

    /// The body of a new account; the account's own rules are `Accounts`'.
    static func readAccountDraft(_ body: JSONFields) -> Accounts.Draft {
        let role = body.parsed("role", message: "must be staff or agent") { name in
            Account.Role(rawValue: name).flatMap { $0 == .admin ? nil : $0 }
        }
        return Accounts.Draft(username: body.string("username", maxLength: 64), displayName: body.optionalString("displayName", maxLength: 200),
                              password: body.string("password", maxLength: 1024), role: role ?? .staff,
                              officeIds: Set(body.stringArray("officeIds", required: false, maxLength: 200).map { OfficeID($0) }),
                              municipalityIds: Set(body.stringArray("municipalityIds", required: false, maxLength: 200).map { MunicipalityID($0) }))
    }
}

/// How `Accounts.AdministrationError` reads as a problem: a taken username
/// is 409, a wrong field 422 naming it, an account beyond the admin's reach
/// 404 as one that does not exist; the store's refusals (an idempotency key
/// reused with another body) as everywhere else.
enum AccountProblems {
    static func answer(_ body: () throws -> HTTPResponse) throws -> HTTPResponse {
        do {
            return try body()
        } catch let error as Accounts.AdministrationError {
            switch error {
            case .unknownUser: throw Problem.notFound("There is no account with this username that you administer.")
            case .forbidden: throw Problem.forbidden("Your account may not administer this account.")
            case .disablingYourself: throw Problem.conflict("An admin does not disable its own account.")
            case .usernameTaken: throw Problem.conflict("There is already an account with this username.")
            default: throw Problem.invalidValue(error.field ?? "", error.description)
            }
        } catch let error as BookingError {
            throw BookingProblems.problem(for: error)  // an Idempotency-Key used for another body
        }
    }
}
