import Booking
import HTTPServer
import Scheduling

/// Who sent a request: a signed-in account, or nobody (a citizen). Decides
/// the channel (API.md: anonymous = online, agent = phone, staff = desk) and
/// which bookings the caller may see and change.
struct Identity: Sendable {
    static let sessionCookie = "__Host-terminbuch-session"

    let account: Account?
    /// The session token the request came with, for sign-out.
    let sessionToken: String?

    static let anonymous = Identity(account: nil, sessionToken: nil)

    var caller: Caller {
        guard let account else { return .citizen }
        switch account.role {
        case .agent: return Caller(channel: .phone, username: account.username, accountId: account.id)
        case .staff, .admin: return Caller(channel: .desk, username: account.username, accountId: account.id)
        }
    }

    /// Access to existing bookings without their manage token.
    var bookingAccess: Access? {
        switch account?.role {
        case .admin?: .anyOffice
        case .agent?: .municipalities(account!.municipalityIds)
        case .staff?: .offices(account!.officeIds)
        case nil: nil
        }
    }

    /// Whether this account may run the day at `officeId` (`Account.runs`).
    func isStaff(of officeId: String) -> Bool {
        account?.runs(office: officeId) ?? false
    }

    /// Resolves the session from the `__Host-` cookie or an
    /// `Authorization: Bearer` token; an unknown or expired one is anonymous.
    static func of(_ request: HTTPRequest, accounts: Accounts) throws -> Identity {
        guard let token = sessionToken(of: request) else { return .anonymous }
        guard let account = try accounts.account(forSession: token) else { return .anonymous }
        return Identity(account: account, sessionToken: token)
    }

    static func sessionToken(of request: HTTPRequest) -> String? {
        cookie(sessionCookie, in: request) ?? bearerToken(of: request)
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
