import Core
import HTTPServer

/// Cross-site request forgery protection without a server session: the
/// double-submit pattern. A random token goes into a cookie and into a
/// hidden field of every form; a POST is accepted only when both arrive
/// and are equal. Another site can make a browser send the cookie (not even
/// that: it is `SameSite=Strict`), but it can neither read the cookie nor
/// write it — the `__Host-` prefix forbids a sibling subdomain to plant one
/// (it must be `Secure`, host-only, `Path=/`) — so it cannot know the value
/// its forged form would have to carry.
enum CSRF {
    static let cookieName = "__Host-csrf"
    static let fieldName = "_csrf"

    struct Token: Sendable {
        let value: String
        /// A new token, to be set as the cookie by this response.
        let isNew: Bool
    }

    /// The token of the request's cookie when it is one of ours; else a new one.
    static func token(of request: HTTPRequest) -> Token {
        if let value = Identity.cookie(cookieName, in: request), isWellFormed(value) {
            return Token(value: value, isNew: false)
        }
        return Token(value: Crypto.base64URL(Crypto.randomBytes(32)), isNew: true)
    }

    /// Whether a form post carries the token of its cookie, compared in
    /// constant time so the comparison leaks nothing about the cookie.
    static func isValid(_ request: HTTPRequest, field: String?) -> Bool {
        guard let cookie = Identity.cookie(cookieName, in: request), isWellFormed(cookie),
              let field, isWellFormed(field) else { return false }
        return Crypto.constantTimeEqual(Array(cookie.utf8), Array(field.utf8))
    }

    /// 256 random bits as base64url without padding: 43 characters.
    static func isWellFormed(_ value: String) -> Bool {
        value.utf8.count == 43 && value.utf8.allSatisfy { byte in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
    }

    /// Invisible to scripts, sent only over HTTPS, only by this host, and
    /// never on a request another site starts. A session cookie: it lives
    /// as long as the browser, like the forms it protects.
    static func cookieHeader(_ value: String) -> String {
        "\(cookieName)=\(value); Path=/; Secure; HttpOnly; SameSite=Strict"
    }
}
