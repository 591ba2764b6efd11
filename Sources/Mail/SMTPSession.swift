import Foundation

/// One SMTP dialogue (RFC 5321) on its own connection: the greeting, EHLO,
/// STARTTLS when offered (or TLS from the start), AUTH, then
/// MAIL FROM / RCPT TO / DATA for each message (RSET after one refused),
/// and QUIT.
///
/// Once TLS is wanted and fails, nothing goes in the clear: a failed
/// STARTTLS is a failed delivery, never a fall-back.
final class SMTPSession {
    private let connection: SMTPConnection
    private let configuration: SMTPConfiguration
    /// EHLO's keywords, upper-cased, with their parameters.
    private var extensions: [String: String] = [:]
    private var secure = false

    init(configuration: SMTPConfiguration, tls: TLSContext) throws(MailDeliveryError) {
        self.configuration = configuration
        connection = try SMTPConnection(host: configuration.host, port: configuration.port,
                                        timeout: configuration.connectTimeout)
        do {
            try open(tls)
        } catch {
            connection.close()
            throw error
        }
    }

    private func open(_ tls: TLSContext) throws(MailDeliveryError) {
        if configuration.security == .implicitTLS {
            try connection.startTLS(tls, timeout: configuration.connectTimeout)
            secure = true
        }
        try expect([220], to: "the connection")
        try hello()
        if !secure, extensions["STARTTLS"] != nil {
            try command("STARTTLS", expect: 220)
            try connection.startTLS(tls, timeout: configuration.connectTimeout)
            secure = true
            try hello()
        } else if !secure, configuration.security == .startTLSRequired {
            throw .temporary("\(configuration.host) offers no STARTTLS, and tls=required sends nothing in the clear")
        }
        if let user = configuration.user { try authenticate(user, configuration.password ?? "") }
    }

    private func hello() throws(MailDeliveryError) {
        let reply = try command("EHLO " + configuration.clientName, expect: 250)
        extensions = [:]
        for line in reply.lines.dropFirst() {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard let keyword = parts.first else { continue }
            extensions[keyword.uppercased()] = parts.count > 1 ? String(parts[1]) : ""
        }
    }

    /// AUTH PLAIN when offered, else LOGIN (RFC 4954, 4616); only over TLS
    /// unless the configuration allows the clear.
    private func authenticate(_ user: String, _ password: String) throws(MailDeliveryError) {
        guard secure || configuration.allowsCleartextAuth else {
            throw .temporary("\(configuration.host) offers no TLS, and the password is sent only over TLS")
        }
        let mechanisms = Set((extensions["AUTH"] ?? "").uppercased().split(separator: " ").map(String.init))
        if mechanisms.contains("PLAIN") {
            try command("AUTH PLAIN " + Self.base64("\0" + user + "\0" + password), expect: 235, shown: "AUTH PLAIN")
        } else if mechanisms.contains("LOGIN") {
            try command("AUTH LOGIN", expect: 334)
            try command(Self.base64(user), expect: 334, shown: "AUTH LOGIN's user")
            try command(Self.base64(password), expect: 235, shown: "AUTH LOGIN's password")
        } else {
            throw .permanent("\(configuration.host) offers neither AUTH PLAIN nor AUTH LOGIN")
        }
    }

    /// The envelope from the message's own From and To, then the message,
    /// dot-stuffed. Any refused recipient fails the whole message: it is
    /// sent to all its recipients or to none.
    func deliver(_ message: MailMessage) throws(MailDeliveryError) {
        try command("MAIL FROM:<\(message.from.mailbox)>", expect: 250)
        for recipient in message.to {
            try command("RCPT TO:<\(recipient.mailbox)>", expect: 250, 251)
        }
        try command("DATA", expect: 354)
        try connection.write(Self.dotStuffed(message.rendered()) + Array(".\r\n".utf8), timeout: configuration.replyTimeout)
        try expect([250], to: "the message's end of data")
    }

    /// After a message refused: the envelope forgotten, the session ready
    /// for the next. False when the connection is no longer usable.
    func reset() -> Bool {
        (try? command("RSET", expect: 250)) != nil
    }

    /// The polite end; the reply is not waited on for long nor needed.
    func quit() {
        _ = try? command("QUIT", expect: 221)
    }

    func close() { connection.close() }

    @discardableResult
    private func command(_ line: String, expect codes: Int..., shown: String? = nil) throws(MailDeliveryError) -> SMTPReply {
        try connection.write(Array((line + "\r\n").utf8), timeout: configuration.replyTimeout)
        return try expect(codes, to: shown ?? line)
    }

    @discardableResult
    private func expect(_ codes: [Int], to what: String) throws(MailDeliveryError) -> SMTPReply {
        let reply = try SMTPReply.read(from: connection, timeout: configuration.replyTimeout)
        guard codes.contains(reply.code) else { throw reply.failure(to: what) }
        return reply
    }

    /// RFC 5321 §4.5.2: a line that begins with a dot gets another.
    static func dotStuffed(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = [], lineStart = true
        output.reserveCapacity(bytes.count + 64)
        for byte in bytes {
            if lineStart && byte == UInt8(ascii: ".") { output.append(byte) }
            output.append(byte)
            lineStart = byte == UInt8(ascii: "\n")
        }
        return output
    }

    private static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
}
