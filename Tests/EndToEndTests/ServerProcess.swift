import Foundation
import XCTest

/// The real `terminbuch` executable, started on a free port with its own
/// database file, as an operator would start it.
final class ServerProcess: @unchecked Sendable {
    // `outputData` is appended on the pipe's reader thread and read under
    // `changed`, which is also signalled when the process ends.
    let process = Process()
    let databasePath: String
    private(set) var port = 0
    private let changed = NSCondition()
    private var outputData = Data()
    /// Whether the pipe has reached its end: all output is in `outputData`.
    private var outputEnded = false
    /// The server's standard input: the clock lines of `--test-clock-on-stdin`.
    private let input = Pipe()

    /// What hashing a password costs the server.
    enum PasswordCost {
        /// scrypt at 2^10, through the executable's test mode: a server
        /// starts and signs in without a second of hashing.
        case test
        /// The production strength, for tests whose subject is its cost.
        case production

        /// The environment that enables the test cost (the flag asks for it).
        static let testModeEnvironment = ["TERMINBUCH_TEST_MODE": "1"]
    }

    /// The executable next to the test bundle: `swift test` builds it.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("terminbuch")
    }

    /// The flags that choose how mail goes; without one, a test server
    /// sends none (`--no-mail`), so tests about something else neither
    /// write into `./data/mail` nor spend time on the demo's confirmations.
    static let mailFlags = ["--mail-dir", "--smtp-url", "--sendmail", "--no-mail"]

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    init(databasePath: String? = nil, arguments: [String] = [], environment: [String: String] = [:],
         passwordCost: PasswordCost = .test) throws {
        self.databasePath = databasePath ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("tb-e2e-\(UUID().uuidString)/terminbuch.sqlite").path
        process.executableURL = Self.executable
        process.arguments = ["serve", "--port", "0", "--database", self.databasePath,
                             "--public", Self.packageRoot.appendingPathComponent("Public").path]
            + (passwordCost == .test ? ["--test-password-cost"] : []) + arguments
            + (arguments.contains { Self.mailFlags.contains(String($0.prefix { $0 != "=" })) } ? [] : ["--no-mail"])
        process.environment = ProcessInfo.processInfo.environment
            .merging(passwordCost == .test ? PasswordCost.testModeEnvironment : [:]) { $1 }
            .merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = input
        // A thread of its own reads the pipe to its end: Foundation's
        // readabilityHandler (a dispatch source) has crashed the test host
        // in libdispatch when the process ended under it.
        let reading = pipe.fileHandleForReading
        Thread { [weak self] in
            while true {
                let data = reading.availableData
                guard let self else { return }
                self.changed.withLock {
                    self.outputData.append(data)
                    if data.isEmpty { self.outputEnded = true }
                    self.changed.broadcast()
                }
                if data.isEmpty { return }
            }
        }.start()
        process.terminationHandler = { [weak self] _ in
            guard let self else { return }
            self.changed.withLock { self.changed.broadcast() }
        }
        try process.run()
        var listening: Int?
        _ = waitUntil(timeout: 30) {
            listening = self.outputText.firstMatch(of: /listening on http:\/\/127\.0\.0\.1:(\d+)/).flatMap { Int($0.1) }
            return listening != nil || !self.process.isRunning
        }
        guard let listening else {
            process.terminate()
            throw RawClient.Failure(description: "terminbuch did not start:\n\(output)")
        }
        port = listening
    }

    var output: String { changed.withLock { outputText } }

    /// The output so far; only under `changed`.
    private var outputText: String { String(decoding: outputData, as: UTF8.self) }

    /// Waits until `condition` (checked under the lock, after each piece of
    /// output and when the process ends) holds; false after `timeout`.
    private func waitUntil(timeout: TimeInterval, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        return changed.withLock {
            while !condition() {
                guard changed.wait(until: deadline) else { return condition() }
            }
            return true
        }
    }

    /// Waits until the output contains `text` (an access-log line, say) at
    /// least `times` times; false after `timeout`.
    @discardableResult
    func waitForOutput(containing text: String, times: Int = 1, timeout: TimeInterval = 10) -> Bool {
        waitUntil(timeout: timeout) { outputText.components(separatedBy: text).count - 1 >= times }
    }

    /// How often `text` occurs in the output so far.
    func occurrences(of text: String) -> Int {
        output.components(separatedBy: text).count - 1
    }

    /// Moves the clock of a server started with `--now` and
    /// `--test-clock-on-stdin` to `instant` (RFC 3339), and waits until it holds.
    func setClock(_ instant: String) throws {
        input.fileHandleForWriting.write(Data((instant + "\n").utf8))
        guard waitForOutput(containing: "terminbuch: clock set to \(instant)\n") else {
            throw RawClient.Failure(description: "the server did not set its clock to \(instant):\n\(output)")
        }
    }

    func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for the process to end, and its output with it, and returns its exit status.
    func waitForExit(timeout: TimeInterval = 30) -> Int32? {
        waitUntil(timeout: timeout) { !process.isRunning && outputEnded } ? process.terminationStatus : nil
    }

    func stop() {
        if process.isRunning {
            signal(SIGTERM)
            _ = waitForExit()
        }
    }
}
