import Core
import HTTPServer

/// `POST /api/v1/session` signs in with username and password and sets the
/// session cookie; `DELETE` ends the session on the server.
extension API {
    func registerSession(on routes: APIRoutes) {
        routes.post("/api/v1/session") { request in
            let credentials = try request.http.decodeJSON { body in
                (username: body.string("username", maxLength: 100), password: body.string("password", maxLength: 200))
            }
            let account: Account
            switch try throttle.attempt(client: request.http.clientKey, username: credentials.username, verify: {
                try accounts.verify(username: credentials.username, password: credentials.password)
            }) {
            case .signedIn(let verified): account = verified
            case .wrong: throw Problem.unauthenticated("Username or password is wrong.")
            case .wait(let seconds): throw Problem.tooManyRequests(retryAfterSeconds: seconds)
            case .busy: throw Problem.tooManyRequests(retryAfterSeconds: 1)
            }
            // A fresh token at every sign-in: a token planted earlier is worthless.
            if let previous = Identity.sessionToken(of: request.http) { try accounts.endSession(previous) }
            let session = try accounts.startSession(for: account)
            var headers = SecurityHeaders.forSecrets
            headers.set("Set-Cookie", Identity.sessionCookieHeader(session.token))
            return .json(Self.account(account), headers: headers)
        }
        routes.get("/api/v1/session", .signedIn) { request in
            .json(Self.account(request.account), headers: ["Cache-Control": "no-store"])
        }
        routes.delete("/api/v1/session") { request in
            if let token = Identity.sessionToken(of: request.http) { try accounts.endSession(token) }
            return HTTPResponse(status: .noContent, headers: ["Set-Cookie": Identity.clearedSessionCookieHeader])
        }
    }

    static func account(_ account: Account) -> JSONValue {
        .object([
            "username": .string(account.username),
            "displayName": .string(account.displayName),
            "role": .string(account.role.rawValue),
            "offices": .array(account.officeIds.sorted().map(JSONValue.string)),
            "municipalities": .array(account.municipalityIds.sorted().map(JSONValue.string)),
        ])
    }
}
