import Core
import HTTPServer
import Scheduling
import Templating

/// `/verwaltung/konten`: administrators' accounts pages, the same use
/// cases as `/api/v1/admin/accounts`. The list of the accounts the admin
/// administers with a form to add a staff or agent account; one account's
/// page with a new password and disabling or enabling it. Every form
/// redirects after success (post/redirect/get); an account beyond the
/// admin's reach is the 404 page, as one that does not exist.
extension Pages {
    static let accountsPath = "/verwaltung/konten"
    static let accountRoles = Account.Role.allowed(to: .administerAccounts)

    static func accountPath(_ username: String) -> String { accountsPath + "/" + username }

    func registerAccountPages(on builder: RouterBuilder) {
        get(builder, Self.accountsPath, roles: Self.accountRoles) { page, admin in
            try accountsPage(page, admin: admin, errors: FormErrors(), status: .ok)
        }
        post(builder, Self.accountsPath, roles: Self.accountRoles) { page, admin in
            let role = page.field("role").flatMap(Account.Role.init(rawValue:))
            var errors = FormErrors()
            if role == nil || role == .admin { errors.add("role", anchor: "role-staff", page.texts.text("accounts.error.role")) }
            let draft = Accounts.Draft(username: page.field("username") ?? "", displayName: page.field("displayName"),
                                       password: page.isPost ? page.form["password"] ?? "" : "", role: role ?? .staff,
                                       officeIds: Set(page.formFields.filter { $0.0 == "office" }.map { OfficeID($0.1) }),
                                       municipalityIds: Set(page.formFields.filter { $0.0 == "municipality" }.map { MunicipalityID($0.1) }))
            for problem in try accounts.problems(in: draft) where !(role == nil && problem.field == "role") {
                try add(problem, to: &errors, page)
            }
            guard errors.isEmpty else { return try accountsPage(page, admin: admin, errors: errors, status: .unprocessableContent) }
            do {
                _ = try accounts.add(draft, by: admin, idempotency: page.idempotencyKey)
            } catch let error as Accounts.AdministrationError {
                try add(error, to: &errors, page)
                return try accountsPage(page, admin: admin, errors: errors, status: .unprocessableContent)
            } catch BookingError.idempotencyKeyReused {
                errors.add("username", page.texts.text("accounts.error.resubmitted"))
                return try accountsPage(page, admin: admin, errors: errors, status: .unprocessableContent)
            }
            return redirect(PageLink.make(Self.accountsPath, [("angelegt", draft.username), ("lang", page.language)]))
        }
        get(builder, Self.accountsPath + "/:username", roles: Self.accountRoles) { page, admin in
            try accountPage(page, admin: admin, errors: FormErrors(), status: .ok)
        }
        post(builder, Self.accountsPath + "/:username/passwort", roles: Self.accountRoles) { page, admin in
            try change(page, admin: admin, done: "passwort") {
                try accounts.setPassword(page.parameter("username"), to: page.form["password"] ?? "", by: admin)
            }
        }
        post(builder, Self.accountsPath + "/:username/postfach", roles: Self.accountRoles) { page, admin in
            do {
                return try change(page, admin: admin, done: "postfach") {
                    try accounts.setFunctionalMailbox(page.form["functionalMailbox"], of: page.parameter("username"), by: admin)
                }
            } catch is Accounts.InvalidFunctionalMailbox {
                var errors = FormErrors()
                errors.add("functionalMailbox", page.texts.text("accounts.error.functionalMailbox"))
                return try accountPage(page, admin: admin, errors: errors, status: .unprocessableContent)
            }
        }
        post(builder, Self.accountsPath + "/:username/sperren", roles: Self.accountRoles) { page, admin in
            try change(page, admin: admin, done: "gesperrt") { try accounts.disable(page.parameter("username"), by: admin) }
        }
        post(builder, Self.accountsPath + "/:username/entsperren", roles: Self.accountRoles) { page, admin in
            try change(page, admin: admin, done: "entsperrt") { try accounts.enable(page.parameter("username"), by: admin) }
        }
    }

    /// One change of an account: back to its page with what was done, or
    /// the page again with the problem next to its field.
    private func change(_ page: PageRequest, admin: Account, done: String, _ body: () throws -> Void) throws -> HTTPResponse {
        do {
            try body()
        } catch let error as Accounts.AdministrationError {
            var errors = FormErrors()
            try add(error, to: &errors, page)
            return try accountPage(page, admin: admin, errors: errors, status: .unprocessableContent)
        }
        let username = try accounts.administered(page.parameter("username"), by: admin).username
        return redirect(PageLink.make(Self.accountPath(username), [("erledigt", done), ("lang", page.language)]))
    }

    /// A use case's refusal as a message next to its field; an account
    /// beyond the admin's reach is the 404 page, a scope beyond it the 403.
    private func add(_ error: Accounts.AdministrationError, to errors: inout FormErrors, _ page: PageRequest) throws {
        switch error {
        case .unknownUser: throw PageFailure.notFound
        case .forbidden: throw PageFailure.forbidden
        case .disablingYourself: errors.add("status", anchor: "status-button", page.texts.text("accounts.error.self"))
        case .usernameTaken: errors.add("username", page.texts.text("accounts.error.taken"))
        case .invalidUsername: errors.add("username", page.texts.text("accounts.error.username"))
        case .invalidDisplayName: errors.add("displayName", page.texts.text("accounts.error.displayName"))
        case .passwordTooShort(let minimum):
            errors.add("password", page.texts.format("accounts.error.password", ["minimum": String(minimum)]))
        case .unknownOffice, .unknownMunicipality, .scopeDoesNotFitRole:
            // Staff need offices, agents municipalities: said at the scope the role asks for.
            let field = page.field("role") == Account.Role.agent.rawValue ? "municipality" : "office"
            errors.add(field, anchor: field + "-1", page.texts.text("accounts.error.\(field)"))
        }
    }

    private func accountsPage(_ page: PageRequest, admin: Account, errors: FormErrors, status: HTTPStatus) throws -> HTTPResponse {
        let catalogue = try catalogue()
        let posted = page.isPost ? page.formFields : []
        let chosenOffices = Set(posted.filter { $0.0 == "office" }.map(\.1))
        let chosenMunicipalities = Set(posted.filter { $0.0 == "municipality" }.map(\.1))
        let role = page.isPost ? page.field("role") : nil
        let values: TemplateValue = [
            "accounts": .list(try accounts.administered(by: admin).map { account in accountRow(account, page, catalogue: catalogue) }),
            "created": page.isPost ? .null : TemplateValue(page.query["angelegt"].map { page.texts.format("accounts.created", ["username": $0]) }),
            "action": .string(Self.accountsPath),
            "idempotencyKey": .string(page.isPost ? page.field("idempotencyKey") ?? "" : Crypto.base64URL(Crypto.randomBytes(18))),
            "values": [
                "username": .string(page.isPost ? page.form["username"] ?? "" : ""),
                "displayName": .string(page.isPost ? page.form["displayName"] ?? "" : ""),
                "staff": .bool(role == Account.Role.staff.rawValue),
                "agent": .bool(role == Account.Role.agent.rawValue),
            ],
            "offices": .list(catalogue.offices.filter { admin.may(.administerAccounts, at: $0) }.enumerated().map { index, office in
                ["id": .string("office-\(index + 1)"), "value": .string(office.id), "name": .string(office.name),
                 "checked": .bool(chosenOffices.contains(office.id.rawValue))]
            }),
            "municipalities": .list(catalogue.municipalities.filter { admin.may(.administerAccounts, inMunicipality: $0.id) }
                .enumerated().map { index, municipality in
                    ["id": .string("municipality-\(index + 1)"), "value": .string(municipality.id), "name": .string(municipality.name),
                     "checked": .bool(chosenMunicipalities.contains(municipality.id.rawValue))]
                }),
        ]
        return try render("pages/admin-accounts", values, page, status: status, errors: errors, here: Self.accountsPath)
    }

    private func accountPage(_ page: PageRequest, admin: Account, errors: FormErrors, status: HTTPStatus) throws -> HTTPResponse {
        let account: Account
        do {
            account = try accounts.administered(page.parameter("username"), by: admin)
        } catch Accounts.AdministrationError.unknownUser {
            throw PageFailure.notFound
        }
        let path = Self.accountPath(account.username)
        var values = accountRow(account, page, catalogue: try catalogue())
        values.set("done", page.isPost ? .null : TemplateValue(page.query["erledigt"].flatMap { done in
            ["passwort", "postfach", "gesperrt", "entsperrt"].contains(done) ? page.texts.text("accounts.done.\(done)") : nil
        }))
        values.set("passwordAction", .string(path + "/passwort"))
        // Only the call centre types a shared address in for its callers.
        if account.role == .agent {
            let mailbox = page.isPost ? page.form["functionalMailbox"] : try accounts.functionalMailbox(username: account.username)
            values.set("functionalMailbox", ["action": .string(path + "/postfach"), "value": .string(mailbox ?? "")])
        }
        values.set("statusAction", .string(path + (account.isDisabled ? "/entsperren" : "/sperren")))
        values.set("statusButton", .string(page.texts.text(account.isDisabled ? "accounts.enable" : "accounts.disable")))
        values.set("listHref", .string(Self.accountsPath))
        return try render("pages/admin-account", values, page, status: status, errors: errors, here: path)
    }

    /// What the list and the account's page show of an account.
    private func accountRow(_ account: Account, _ page: PageRequest, catalogue: Catalogue) -> TemplateValue {
        let scope = account.officeIds.sorted().map { catalogue.office($0)?.name ?? $0.rawValue }
            + account.municipalityIds.sorted().map { id in catalogue.municipalities.first { $0.id == id }?.name ?? id.rawValue }
        return [
            "username": .string(account.username),
            "displayName": .string(account.displayName),
            "role": .string(page.texts.text("signedIn.role.\(account.role.rawValue)")),
            "scope": .string(scope.isEmpty ? page.texts.text("accounts.everywhere") : scope.joined(separator: ", ")),
            "status": .string(page.texts.text(account.isDisabled ? "accounts.status.disabled" : "accounts.status.enabled")),
            "href": .string(PageLink.make(Self.accountPath(account.username), [("lang", page.language)])),
        ]
    }
}
