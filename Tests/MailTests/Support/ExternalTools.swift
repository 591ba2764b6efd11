import Foundation
import XCTest

/// The programs MailTests check our output with: Python's `email` and
/// `mailbox` (the system's python3), aiosmtpd in the project's `.venv/`
/// (`scripts/setup --python`), and the openssl command for certificates.
/// A missing one fails the test with the command that installs it: these
/// tests never pass unseen.
enum ExternalTools {
    struct Missing: Error, CustomStringConvertible { let description: String }

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let scripts = packageRoot.appendingPathComponent("Tests/MailTests/python")
    static let venvPython = packageRoot.appendingPathComponent(".venv/bin/python3").path

    /// The virtual environment's Python, with aiosmtpd importable.
    static func requireAiosmtpd() throws -> String {
        guard FileManager.default.isExecutableFile(atPath: venvPython),
              (try? run(venvPython, ["-c", "import aiosmtpd"]))?.status == 0
        else { throw Missing(description: "aiosmtpd is missing from .venv/: scripts/setup --python installs it") }
        return venvPython
    }

    /// What Python's email package makes of a message file.
    static func parsedFile(_ path: String) throws -> ParsedMail {
        try JSONDecoder().decode(ParsedMail.self, from: python(["file", path]))
    }

    /// Every message of a Maildir, as mailbox.Maildir and email read them.
    static func parsedMaildir(_ path: String) throws -> [ParsedMail] {
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
    static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: Data) {
        let process = Process(), output = Pipe()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data)
    }

    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tb-mail-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// A message as `mail_json.py` reports it.
struct ParsedMail: Decodable {
    struct Attachment: Decodable {
        let filename: String?
        let content_type: String
        let params: [String: String]
        let data: String
    }

    let headers: [[String]]
    let from: [[String]]
    let to: [[String]]
    let reply_to: [[String]]
    let subject: String
    let message_id: String
    let date: String
    let content_type: String
    let parts: [String]
    let text: String?
    let html: String?
    let attachments: [Attachment]
    let defects: [String]
    let longest_line: Int
    let ascii: Bool
    let bare_line_feeds: Int
    let subdir: String?

    func header(_ name: String) -> [String] {
        headers.filter { $0[0].lowercased() == name.lowercased() }.map { $0[1] }
    }
}
