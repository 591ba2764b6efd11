import Core
import HTTPServer
import Scheduling

/// Who sent a request: a signed-in account, or nobody (a citizen). What
/// the account may do is Core's to say (`Account.may`, `caller`, `access`).
struct Identity: Sendable {
    static let sessionCookie = "__Host-terminbuch-session"

    /// How a session token came with the request. A browser adds a cookie
    /// to any request, also to one another site starts; a bearer token only
    /// a client that knows it sends.
    enum Credential: Sendable {
        case cookie, bearer
    }

    let account: Account?
    /// The session token the request came with, for sign-out.
    let sessionToken: String?
    /// Where the token came from; nil without a live session.
    let credential: Credential?

    static let anonymous = Identity(account: nil, sessionToken: nil, credential: nil)

    /// The account's channel and name (`Account.caller`); a citizen online.
    var caller: Caller { account?.caller ?? .citizen }

    /// Resolves the session from the `__Host-` cookie or an
    /// `Authorization: Bearer` token; an unknown or expired one is anonymous.
    static func of(_ request: HTTPRequest, accounts: Accounts) throws -> Identity {
        guard let (token, credential) = sessionCredential(of: request) else { return .anonymous }
        guard let account = try accounts.account(forSession: token) else { return .anonymous }
        return Identity(account: account, sessionToken: token, credential: credential)
    }

    static func sessionToken(of request: HTTPRequest) -> String? {
        sessionCredential(of: request)?.token
    }

    /// The cookie wins over a bearer token, as `sessionToken` always read it.
    private static func sessionCredential(of request: HTTPRequest) -> (token: String, credential: Credential)? {
        if let token = cookie(sessionCookie, in: request) { return (token, .cookie) }
        return bearerToken(of: request).map { ($0, .bearer) }
    }

    static func bearerToken(of request: HTTPRequest) -> String? {
        guard let value = request.headers["Authorization"] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: " ")
        return token.isEmpty ? nil : token
    }

    static func cookie(_ name: String, in request: HTTPRequest) -> String? {
        for header in request.headers.values("Cookie") {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: " ") == name {
                    return parts[1].trimmingCharacters(in: " ")
                }
            }
        }
        return nil
    }

    /// The `Set-Cookie` value of a new session: host-only, HTTPS-only,
    /// invisible to scripts, not sent on cross-site subrequests.
    static func sessionCookieHeader(_ token: String) -> String {
        "\(sessionCookie)=\(token); Path=/; Secure; HttpOnly; SameSite=Lax"
    }

    static let clearedSessionCookieHeader = "\(sessionCookie)=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0"
}

extension Substring {
    func trimmingCharacters(in set: String) -> String {
        var text = self
        while let first = text.first, set.contains(first) { text.removeFirst() }
        while let last = text.last, set.contains(last) { text.removeLast() }
        return String(text)
    }
}
