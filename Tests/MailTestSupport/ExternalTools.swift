import Foundation

/// The programs MailTests check our output with: Python's `email` and
/// `mailbox` (the system's python3), aiosmtpd in the project's `.venv/`
/// (`scripts/setup --python`), and the openssl command for certificates.
/// A missing one fails the test with the command that installs it: these
/// tests never pass unseen. Shared by MailTests and EndToEndTests.
public enum ExternalTools {
    public struct Missing: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static let scripts = packageRoot.appendingPathComponent("Tests/MailTests/python")
    public static let venvPython = packageRoot.appendingPathComponent(".venv/bin/python3").path

    /// The virtual environment's Python, with aiosmtpd importable.
    public static func requireAiosmtpd() throws -> String {
        guard FileManager.default.isExecutableFile(atPath: venvPython),
              (try? run(venvPython, ["-c", "import aiosmtpd"]))?.status == 0
        else { throw Missing(description: "aiosmtpd is missing from .venv/: scripts/setup --python installs it") }
        return venvPython
    }

    /// What Python's email package makes of a message file.
    public static func parsedFile(_ path: String) throws -> ParsedMail {
        try JSONDecoder().decode(ParsedMail.self, from: python(["file", path]))
    }

    /// Every message of a Maildir, as mailbox.Maildir and email read them.
    public static func parsedMaildir(_ path: String) throws -> [ParsedMail] {
        try JSONDecoder().decode([ParsedMail].self, from: python(["maildir", path]))
    }

    private static func python(_ arguments: [String]) throws -> Data {
        let result = try run("/usr/bin/env", ["python3", scripts.appendingPathComponent("mail_json.py").path] + arguments)
        guard result.status == 0 else { throw Missing(description: "mail_json.py failed: \(String(decoding: result.output, as: UTF8.self))") }
        return result.output
    }

    /// Runs a program to its end: its exit status and standard output
    /// (standard error goes to the test's log).
    @discardableResult
    public static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: Data) {
        let process = Process(), output = Pipe()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data)
    }

    public static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tb-mail-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// A message as `mail_json.py` reports it.
public struct ParsedMail: Decodable, Sendable {
    public struct Attachment: Decodable, Sendable {
        public let filename: String?
        public let content_type: String
        public let params: [String: String]
        public let data: String
    }

    public let headers: [[String]]
    public let from: [[String]]
    public let to: [[String]]
    public let reply_to: [[String]]
    public let subject: String
    public let message_id: String
    public let date: String
    public let content_type: String
    public let parts: [String]
    public let text: String?
    public let html: String?
    public let attachments: [Attachment]
    public let defects: [String]
    public let longest_line: Int
    public let ascii: Bool
    public let bare_line_feeds: Int
    public let subdir: String?

    public func header(_ name: String) -> [String] {
        headers.filter { $0[0].lowercased() == name.lowercased() }.map { $0[1] }
    }
}
