import Foundation
import XCTest

/// The real `terminbuch` executable, started on a free port with its own
/// database file, as an operator would start it.
final class ServerProcess: @unchecked Sendable {
    // `output` is appended on the pipe's reader thread and read under `lock`.
    let process = Process()
    let databasePath: String
    private(set) var port = 0
    private let lock = NSLock()
    private var outputData = Data()

    /// The executable next to the test bundle: `swift test` builds it.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("terminbuch")
    }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    init(databasePath: String? = nil, arguments: [String] = [], environment: [String: String] = [:]) throws {
        self.databasePath = databasePath ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("tb-e2e-\(UUID().uuidString)/terminbuch.sqlite").path
        process.executableURL = Self.executable
        process.arguments = ["serve", "--port", "0", "--database", self.databasePath,
                             "--public", Self.packageRoot.appendingPathComponent("Public").path] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.withLock { self.outputData.append(data) }
        }
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let match = output.firstMatch(of: /listening on http:\/\/127\.0\.0\.1:(\d+)/) {
                port = Int(match.1)!
                return
            }
            if !process.isRunning { break }
            usleep(20_000)
        }
        process.terminate()
        throw RawClient.Failure(description: "terminbuch did not start:\n\(output)")
    }

    var output: String { lock.withLock { String(decoding: outputData, as: UTF8.self) } }

    func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for the process to end and returns its exit status.
    func waitForExit(timeout: TimeInterval = 30) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        return process.isRunning ? nil : process.terminationStatus
    }

    func stop() {
        if process.isRunning {
            signal(SIGTERM)
            _ = waitForExit()
        }
    }
}
