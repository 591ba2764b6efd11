/// Where and how to reach an SMTP server, from the `--smtp-url` form:
///
///     smtp://[user:password@]host[:port][?tls=required]   STARTTLS when offered (port 25)
///     smtps://[user:password@]host[:port]                  TLS from the first byte (port 465)
///
/// User and password are percent-decoded (`%40` for an `@` in a user
/// name). Credentials are sent only over TLS unless `allowsCleartextAuth`.
public struct SMTPConfiguration: Hashable, Sendable {
    public enum Security: Hashable, Sendable {
        /// STARTTLS when the server offers it, else in the clear.
        case startTLSWhenOffered
        /// STARTTLS, and no message in the clear when the server offers none.
        case startTLSRequired
        /// `smtps://`: TLS before the greeting.
        case implicitTLS
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var user: String?
    public var password: String?
    /// Certificates to trust instead of the system's store (`--smtp-ca-file`).
    public var caFile: String?
    /// Whether AUTH may be sent without TLS; only for a server on loopback.
    public var allowsCleartextAuth = false
    /// The name this host gives in EHLO.
    public var clientName = "localhost"
    /// Seconds to wait for the connection and the TLS handshake.
    public var connectTimeout = 10.0
    /// Seconds to wait for each reply (RFC 5321 §4.5.3.2 suggests minutes;
    /// a delivery worker rather retries).
    public var replyTimeout = 30.0

    public init(host: String, port: Int, security: Security = .startTLSWhenOffered,
                user: String? = nil, password: String? = nil, caFile: String? = nil) {
        self.host = host
        self.port = port
        self.security = security
        self.user = user
        self.password = password
        self.caFile = caFile
    }

    public init(url: String) throws(SMTPConfigurationError) {
        let scheme: Security, rest: Substring
        if url.hasPrefix("smtp://") { (scheme, rest) = (.startTLSWhenOffered, url.dropFirst(7)) }
        else if url.hasPrefix("smtps://") { (scheme, rest) = (.implicitTLS, url.dropFirst(8)) }
        else { throw .invalid("must begin with smtp:// or smtps://") }
        var authority = rest, query: Substring?
        if let mark = rest.firstIndex(of: "?") { (authority, query) = (rest[..<mark], rest[rest.index(after: mark)...]) }
        if authority.hasSuffix("/") { authority = authority.dropLast() }
        guard !authority.contains("/") else { throw .invalid("must not have a path") }
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            authority = authority[authority.index(after: at)...]
            let pair = userInfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2, let user = Self.percentDecoded(pair[0]), let password = Self.percentDecoded(pair[1]),
                  !user.isEmpty
            else { throw .invalid("user and password must be user:password, percent-encoded") }
            self.user = user
            self.password = password
        }
        (host, port) = try Self.hostAndPort(authority, defaultPort: scheme == .implicitTLS ? 465 : 25)
        security = scheme
        for parameter in query?.split(separator: "&") ?? [] {
            switch parameter {
            case "tls=required" where scheme == .startTLSWhenOffered: security = .startTLSRequired
            case "tls=required": break
            default: throw .invalid("unknown parameter \(parameter) (only tls=required)")
            }
        }
    }

    /// `host`, `host:port`, `[::1]:port`.
    private static func hostAndPort(_ text: Substring, defaultPort: Int) throws(SMTPConfigurationError) -> (String, Int) {
        var host = text, portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw .invalid("an IPv6 address needs its ]") }
            host = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if !after.isEmpty {
                guard after.first == ":" else { throw .invalid("expected :port after ]") }
                portText = after.dropFirst()
            }
        } else if let colon = text.lastIndex(of: ":") {
            (host, portText) = (text[..<colon], text[text.index(after: colon)...])
        }
        guard !host.isEmpty, host.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }) else {
            throw .invalid("needs a host")
        }
        guard let portText else { return (String(host), defaultPort) }
        guard let port = Int(portText), (1...65535).contains(port) else { throw .invalid("port must be 1 to 65535") }
        return (String(host), port)
    }

    private static func percentDecoded(_ text: Substring) -> String? {
        var bytes: [UInt8] = [], index = text.utf8.startIndex
        let utf8 = text.utf8
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%") {
                let high = utf8.index(after: index)
                guard high < utf8.endIndex, utf8.index(after: high) < utf8.endIndex,
                      let value = UInt8(String(decoding: utf8[high...utf8.index(after: high)], as: UTF8.self), radix: 16)
                else { return nil }
                bytes.append(value)
                index = utf8.index(high, offsetBy: 2)
            } else {
                bytes.append(byte)
                index = utf8.index(after: index)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}

/// An `--smtp-url` or a CA file that cannot be used: found when the
/// transport is made, before any message waits for it.
public enum SMTPConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalid(String)
    case caFile(String)

    public var description: String {
        switch self {
        case .invalid(let reason): "SMTP URL \(reason)"
        case .caFile(let reason): "SMTP CA file: \(reason)"
        }
    }
}
