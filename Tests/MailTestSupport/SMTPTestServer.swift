import Foundation

/// `python/smtp_server.py` (aiosmtpd) in a process of its own on a free
/// port, started for one test: ready once it has printed `ready PORT`, and
/// each message it accepted on disk, parsed, before it answered 250, and
/// a line `accepted N <message-id> to RCPT,…` on its output after.
public final class SMTPTestServer: @unchecked Sendable {
    public struct Received: Decodable, Sendable {
        public let mail_from: String
        public let rcpt_tos: [String]
        public let tls: Bool
        /// Which connection it came on, counted from 1.
        public let connection: Int
        /// The mechanism and the user, when the client authenticated.
        public let auth: [String]?
        public let message: ParsedMail
    }

    public enum Security: Sendable { case plain, startTLS, implicitTLS }

    private let process = Process()
    private let directory: String
    private let changed = NSCondition()
    private var output = ""
    private var ended = false
    public private(set) var port = 0

    /// On `port`, when given (a server back after it was down), else on a free one.
    public init(security: Security = .plain, certificates: TestCertificates? = nil, identity: TestCertificates.Identity = .localhost,
                auth: String? = nil, authInClear: Bool = false, loginOnly: Bool = false, port fixedPort: Int? = nil) throws {
        let python = try ExternalTools.requireAiosmtpd()
        directory = try ExternalTools.temporaryDirectory()
        var arguments = [ExternalTools.scripts.appendingPathComponent("smtp_server.py").path, directory]
        if security != .plain, let certificates {
            arguments += ["--cert", certificates.certificate(identity), "--key", certificates.key(identity)]
        }
        if security == .implicitTLS { arguments.append("--implicit-tls") }
        if let auth { arguments += ["--auth", auth] }
        if authInClear { arguments.append("--auth-in-clear") }
        if loginOnly { arguments.append("--login-only") }
        if let fixedPort { arguments += ["--port", String(fixedPort)] }
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        // A thread of its own reads the pipe to its end: Foundation's
        // readabilityHandler (a dispatch source) has crashed the test host
        // in libdispatch when the process ended under it.
        let reading = pipe.fileHandleForReading
        Thread { [weak self] in
            while true {
                let data = reading.availableData
                guard let self else { return }
                self.changed.withLock {
                    self.output += String(decoding: data, as: UTF8.self)
                    if data.isEmpty { self.ended = true }
                    self.changed.broadcast()
                }
                if data.isEmpty { return }
            }
        }.start()
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        let ready: Int? = changed.withLock {
            while true {
                if let match = output.firstMatch(of: /ready (\d+)\n/) { return Int(match.1) }
                if ended || !changed.wait(until: deadline) { return nil }
            }
        }
        guard let ready else {
            stop()
            throw ExternalTools.Missing(description: "the SMTP server did not start:\n\(changed.withLock { output })")
        }
        port = ready
    }

    /// Waits until the server has accepted `times` messages to `recipient`
    /// (its last one); false after `timeout` seconds.
    @discardableResult
    public func waitForAccepted(to recipient: String, times: Int = 1, timeout: TimeInterval = 20) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        return changed.withLock {
            while output.components(separatedBy: "to " + recipient + "\n").count - 1 < times {
                if ended || !changed.wait(until: deadline) { return false }
            }
            return true
        }
    }

    /// What the server accepted, in order.
    public func received() throws -> [Received] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".json") }.sorted { Int($0.dropLast(5))! < Int($1.dropLast(5))! }
        return try files.map { name in
            try JSONDecoder().decode(Received.self, from: Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
        }
    }

    public func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    deinit { stop() }
}
