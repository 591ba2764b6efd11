import Core
import HTTPServer

/// Who may call an API route, declared where it is registered.
enum Audience: Hashable, Sendable {
    /// Anyone, signed in or not.
    case anyone
    /// Signed-in accounts of these roles: 401 without a sign-in, 403 for another role.
    case roles(Set<Account.Role>)

    /// Any signed-in account.
    static let signedIn = Audience.roles(Set(Account.Role.allCases))

    /// The roles that may do `permission` somewhere, as Core decides.
    static func allowed(to permission: Permission) -> Audience { .roles(Account.Role.allowed(to: permission)) }
}

/// A request to the API as its handler sees it: the HTTP request and who
/// sent it, resolved once before the handler runs.
struct APIRequest: Sendable {
    let http: HTTPRequest
    let identity: Identity

    var caller: Caller { identity.caller }
}

/// A request that passed its route's role guard: the account is there.
struct SignedInRequest: Sendable {
    let http: HTTPRequest
    let account: Account
}

/// Registers the API's routes, each with its declared audience, and keeps
/// the declarations as a table (method, path, audience) for the tests.
final class APIRoutes {
    struct Declaration: Hashable, Sendable {
        let method: HTTPMethod
        let path: String
        let audience: Audience
    }

    private let builder: RouterBuilder
    private let accounts: Accounts
    private(set) var declarations: [Declaration] = []

    init(builder: RouterBuilder, accounts: Accounts) {
        self.builder = builder
        self.accounts = accounts
    }

    /// A route anyone may call. A handler on the event loop sees every
    /// caller as anonymous: looking a session up reads the database.
    func add(_ method: HTTPMethod, _ path: String, options: RouteOptions,
             _ handler: @escaping @Sendable (APIRequest) throws -> HTTPResponse) {
        declarations.append(Declaration(method: method, path: path, audience: .anyone))
        let accounts = self.accounts
        let onEventLoop = options.runsOnEventLoop
        builder.add(method, path, options: options) { request in
            try handler(APIRequest(http: request, identity: onEventLoop ? .anonymous : try Self.identity(of: request, accounts: accounts)))
        }
    }

    /// A route behind a sign-in, for the roles of `audience`.
    func add(_ method: HTTPMethod, _ path: String, _ audience: Audience, options: RouteOptions,
             _ handler: @escaping @Sendable (SignedInRequest) throws -> HTTPResponse) {
        precondition(!options.runsOnEventLoop, "a guarded route reads the session from the database")
        declarations.append(Declaration(method: method, path: path, audience: audience))
        let accounts = self.accounts
        builder.add(method, path, options: options) { request in
            guard let account = try Self.identity(of: request, accounts: accounts).account else { throw Problem.unauthenticated() }
            if case .roles(let roles) = audience, !account.hasRole(in: roles) {
                throw Problem.forbidden("Your account's role may not use this.")
            }
            return try handler(SignedInRequest(http: request, account: account))
        }
    }

    /// Who sent the request, once it is clear the request is not forged
    /// by another site: every route resolves its caller here, so a new
    /// route is covered by construction.
    private static func identity(of request: HTTPRequest, accounts: Accounts) throws -> Identity {
        let identity = try Identity.of(request, accounts: accounts)
        try CrossSiteRequests.check(request, identity: identity)
        return identity
    }

    func get(_ path: String, options: RouteOptions = API.options, _ handler: @escaping @Sendable (APIRequest) throws -> HTTPResponse) {
        add(.get, path, options: options, handler)
    }

    func post(_ path: String, options: RouteOptions = API.options, _ handler: @escaping @Sendable (APIRequest) throws -> HTTPResponse) {
        add(.post, path, options: options, handler)
    }

    func delete(_ path: String, options: RouteOptions = API.options, _ handler: @escaping @Sendable (APIRequest) throws -> HTTPResponse) {
        add(.delete, path, options: options, handler)
    }

    func get(_ path: String, _ audience: Audience, options: RouteOptions = API.options,
             _ handler: @escaping @Sendable (SignedInRequest) throws -> HTTPResponse) {
        add(.get, path, audience, options: options, handler)
    }

    func post(_ path: String, _ audience: Audience, options: RouteOptions = API.options,
              _ handler: @escaping @Sendable (SignedInRequest) throws -> HTTPResponse) {
        add(.post, path, audience, options: options, handler)
    }

    func put(_ path: String, _ audience: Audience, options: RouteOptions = API.options,
             _ handler: @escaping @Sendable (SignedInRequest) throws -> HTTPResponse) {
        add(.put, path, audience, options: options, handler)
    }

    func delete(_ path: String, _ audience: Audience, options: RouteOptions = API.options,
                _ handler: @escaping @Sendable (SignedInRequest) throws -> HTTPResponse) {
        add(.delete, path, audience, options: options, handler)
    }
}
