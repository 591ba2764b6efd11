import Core
import HTTPServer
import Scheduling
import Templating

/// The pages behind a sign-in (agents, office staff, administrators): each
/// names the roles that may open it. Anonymous visitors are sent to the
/// sign-in page and come back afterwards; a wrong role gets the 403 page.
/// Nothing signed in is kept by a cache: the pages hold callers' personal
/// data, and the back button after sign-out must not show them again.
extension Pages {
    func registerSignedIn(on builder: RouterBuilder) {
        registerSignIn(on: builder)
        registerStaffHome(on: builder)
        registerConsole(on: builder)
        registerConsoleBooking(on: builder)
        registerBookingLookup(on: builder)
        registerBookingChanges(on: builder)
        registerCatalogueAnswers(on: builder)
        registerCallCentreNotes(on: builder)
        registerOfficeInbox(on: builder)
        registerAccountPages(on: builder)
        registerCatalogueHoursPages(on: builder)
        registerCataloguePages(on: builder)
    }

    /// GET of a page for `roles`.
    func get(_ builder: RouterBuilder, _ path: String, roles: Set<Account.Role>,
             _ body: @escaping @Sendable (PageRequest, Account) throws -> HTTPResponse) {
        get(builder, path, guarded(roles, body))
    }

    /// POST of a form for `roles`; the CSRF token is checked first, as for every form.
    func post(_ builder: RouterBuilder, _ path: String, roles: Set<Account.Role>,
              _ body: @escaping @Sendable (PageRequest, Account) throws -> HTTPResponse) {
        post(builder, path, guarded(roles, body))
    }

    /// GET of a page of one office (`:officeId` in `path`): the guard for
    /// staff and administrators, then the office's scope (403 for staff of
    /// another office, 404 for an office that does not exist).
    func staffGet(_ builder: RouterBuilder, _ path: String,
                  _ body: @escaping @Sendable (PageRequest, Account, Office) throws -> HTTPResponse) {
        get(builder, path, roles: Self.officeRoles) { page, account in try body(page, account, try runOffice(page, account)) }
    }

    /// POST of a form of one office, guarded as `staffGet`.
    func staffPost(_ builder: RouterBuilder, _ path: String,
                   _ body: @escaping @Sendable (PageRequest, Account, Office) throws -> HTTPResponse) {
        post(builder, path, roles: Self.officeRoles) { page, account in try body(page, account, try runOffice(page, account)) }
    }

    /// The path's office, if the account runs its day.
    private func runOffice(_ page: PageRequest, _ account: Account) throws -> Office {
        guard let office = try catalogue().office(page.parameterID("officeId")) else { throw PageFailure.notFound }
        guard account.may(.runDay, at: office) else { throw PageFailure.forbidden }
        return office
    }

    private func guarded(_ roles: Set<Account.Role>, _ body: @escaping @Sendable (PageRequest, Account) throws -> HTTPResponse)
        -> @Sendable (PageRequest) throws -> HTTPResponse {
        { request in
            var page = request
            page.identity = try Identity.of(page.http, accounts: accounts)
            guard let account = page.identity.account else {
                return redirect(PageLink.make(Self.signInPath, [("weiter", page.isPost ? nil : page.address)]))
            }
            var response: HTTPResponse
            if account.hasRole(in: roles) {
                response = try answer(page) { try body($0, account) }
            } else {
                response = try forbiddenPage(page, notAllowed: true)
            }
            response.headers.set("Cache-Control", "no-store")
            return response
        }
    }

    /// Where an account starts after sign-in: agents at the console, staff
    /// and administrators at the list of their offices (administrators see
    /// the console's link there too).
    static func home(of account: Account) -> String {
        account.may(.runDay) ? staffHomePath : consolePath
    }

    /// The layout's header for a signed-in page: who, in which role, home,
    /// sign-out. Pages outside the guard (the desk's, the citizens') look the
    /// session up here, and only when the request carries one: a citizen
    /// without a session cookie costs nothing.
    func signedInHeader(_ page: PageRequest) -> TemplateValue {
        var account = page.identity.account
        if account == nil, Identity.sessionToken(of: page.http) != nil {
            account = (try? Identity.of(page.http, accounts: accounts))?.account
        }
        guard let account else { return .null }
        return [
            "name": .string(account.displayName),
            "role": .string(page.texts.text("signedIn.role.\(account.role.rawValue)")),
            "homeHref": .string(Self.home(of: account)),
            "signOutAction": .string(Self.signOutPath),
        ]
    }

    // MARK: Who may act for what

    /// Municipalities an account may book for: an agent's own, every one for an administrator.
    func municipalities(of account: Account, catalogue: Catalogue) -> [Municipality] {
        catalogue.municipalities.filter { account.may(.answerCalls, inMunicipality: $0.id) }
    }

    /// Offices whose day an account runs: a staff member's own, every one for an administrator.
    func offices(of account: Account, catalogue: Catalogue) -> [Office] {
        catalogue.offices.filter { account.may(.runDay, at: $0) }
    }

    /// Throws the 403 page unless the account may act for this office: an
    /// agent of its municipality, its own staff, an administrator.
    func requireServes(_ account: Account, _ officeId: OfficeID, catalogue: Catalogue) throws {
        guard let office = catalogue.office(officeId) else { throw PageFailure.notFound }
        guard account.may(.actForCallers, at: office) else { throw PageFailure.forbidden }
    }
}
