import Core
import HTTPServer
import Templating

/// Sign-in and sign-out for agents, office staff and administrators.
///
/// The form checks the password with `Accounts.verify` behind the same
/// `SignInThrottle` as `POST /api/v1/session`, so guessing through the page
/// and through the API counts as one. Every sign-in ends the session the
/// browser came with and starts a new one (a session id planted before
/// sign-in is worthless); sign-out is a POST that deletes the session on the
/// server, not just the cookie.
extension Pages {
    static let signInPath = "/anmelden"
    static let signOutPath = "/abmelden"

    func registerSignIn(on builder: RouterBuilder) {
        get(builder, Self.signInPath) { page in
            let identity = try Identity.of(page.http, accounts: accounts)
            // Already signed in: straight on, unless the form is asked for to change accounts.
            if let account = identity.account, page.field("wechseln") == nil {
                return redirect(Self.nextPath(page) ?? Self.home(of: account))
            }
            var response = try signInPage(page, username: "", errors: FormErrors())
            response.headers.set("Cache-Control", "no-store")
            return response
        }
        post(builder, Self.signInPath) { page in
            var response = try signIn(page)
            response.headers.set("Cache-Control", "no-store")
            return response
        }
        post(builder, Self.signOutPath) { page in
            if let token = Identity.sessionToken(of: page.http) { try accounts.endSession(token) }
            var response = redirect(PageLink.make(Self.signInPath, [("abgemeldet", "1")]))
            response.headers.add("Set-Cookie", Identity.clearedSessionCookieHeader)
            return response
        }
    }

    private func signIn(_ page: PageRequest) throws -> HTTPResponse {
        let username = String((page.field("username") ?? "").prefix(100))
        let password = page.isPost ? String((page.form["password"] ?? "").prefix(200)) : ""
        var errors = FormErrors()
        if username.isEmpty { errors.add("username", page.texts.text("signIn.error.usernameMissing")) }
        if password.isEmpty { errors.add("password", page.texts.text("signIn.error.passwordMissing")) }
        guard errors.isEmpty else {
            return try signInPage(page, username: username, errors: errors, status: .unprocessableContent)
        }
        let account: Account
        switch try throttle.attempt(client: page.http.clientKey, username: username, verify: {
            try accounts.verify(username: username, password: password)
        }) {
        case .signedIn(let verified):
            account = verified
        case .wrong:
            errors.add("password", page.texts.text("signIn.error.wrong"))
            return try signInPage(page, username: username, errors: errors, status: .unauthorized)
        case .wait(let seconds):
            errors.add("password", page.texts.format("signIn.error.throttled", ["minutes": String(max(1, (seconds + 59) / 60))]))
            var response = try signInPage(page, username: username, errors: errors, status: .tooManyRequests)
            response.headers.set("Retry-After", String(seconds))
            return response
        case .busy:
            errors.add("password", page.texts.text("signIn.error.busy"))
            var response = try signInPage(page, username: username, errors: errors, status: .tooManyRequests)
            response.headers.set("Retry-After", "1")
            return response
        }
        if let previous = Identity.sessionToken(of: page.http) { try accounts.endSession(previous) }
        let session = try accounts.startSession(for: account)
        var response = redirect(Self.nextPath(page) ?? Self.home(of: account))
        response.headers.add("Set-Cookie", Identity.sessionCookieHeader(session.token))
        return response
    }

    private func signInPage(_ page: PageRequest, username: String, errors: FormErrors,
                            status: HTTPStatus = .ok) throws -> HTTPResponse {
        let values: TemplateValue = [
            "action": .string(Self.signInPath),
            "username": .string(username),
            "signedOut": .bool(!page.isPost && page.field("abgemeldet") != nil),
            "hidden": .list(Self.nextPath(page).map { [["name": "weiter", "value": .string($0)]] } ?? []),
        ]
        return try render("pages/signin", values, page, status: status, errors: errors,
                          here: PageLink.make(Self.signInPath, [("weiter", Self.nextPath(page))]))
    }

    /// Where to go after signing in, if asked: only a path of this site
    /// (`/…`, never `//host` or `/\host`), so the form is no open redirect.
    static func nextPath(_ page: PageRequest) -> String? {
        guard let next = page.field("weiter"), next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"),
              next.utf8.count <= 500, !next.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7f }) else {
            return nil
        }
        return next
    }
}
