import Foundation

/// Pipes each message to `PATH -t -oi` (`--sendmail PATH`), as Debian's
/// postfix, exim and msmtp provide: `-t` takes the recipients from the
/// headers, `-oi` keeps a line of a single dot from ending the message.
/// Exit status 0 is sent, 75 (`EX_TEMPFAIL`) temporary, any other status
/// permanent, with what the program wrote to its output as the reason.
///
/// The program reads from a socket pair rather than a pipe, so that a
/// program that exits without reading makes our write fail with `EPIPE`
/// (`MSG_NOSIGNAL`) instead of a `SIGPIPE` that would end the server.
public struct SendmailTransport: MailTransport {
    public let path: String

    /// EX_TEMPFAIL of `sysexits.h`.
    static let temporaryFailure: Int32 = 75

    public init(path: String) {
        self.path = path
    }

    public func send(_ message: MailMessage) throws(MailDeliveryError) {
        var sockets: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &sockets) == 0 else {
            throw .temporary("sendmail: no socket pair: \(String(cString: strerror(errno)))")
        }
        let ours = sockets[0], theirs = FileHandle(fileDescriptor: sockets[1], closeOnDealloc: true)
        defer { close(ours) }
        let process = Process(), output = Pipe()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-t", "-oi"]
        process.standardInput = theirs
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            throw .temporary("sendmail: cannot run \(path): \(error.localizedDescription)")
        }
        try? theirs.close()
        // Read the output while writing, so a talkative program never blocks on it.
        let said = OutputCollector(output.fileHandleForReading)
        let bytes = message.renderedWithLineFeeds()
        var written = 0, writeError: Int32 = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { Glibc.send(ours, $0.baseAddress! + written, bytes.count - written, Int32(MSG_NOSIGNAL)) }
            if result < 0 && errno == EINTR { continue }
            if result <= 0 { writeError = errno; break }
            written += result
        }
        shutdown(ours, Int32(SHUT_WR))
        process.waitUntilExit()
        let text = said.text()
        let detail = text.isEmpty ? "" : ": " + text
        guard process.terminationReason == .exit else {
            throw .temporary("sendmail: \(path) ended by signal \(process.terminationStatus)\(detail)")
        }
        switch process.terminationStatus {
        case 0 where writeError == 0: return
        case 0: throw .temporary("sendmail: \(path) exited before reading the whole message: \(String(cString: strerror(writeError)))")
        case Self.temporaryFailure: throw .temporary("sendmail: \(path) exited with 75 (EX_TEMPFAIL)\(detail)")
        case let status: throw .permanent("sendmail: \(path) exited with \(status)\(detail)")
        }
    }
}

/// A program's output read to its end on a thread of its own, the last
/// 2 KiB kept for the reason of a failure.
private final class OutputCollector: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func text() -> String {
        done.wait()
        return String(decoding: data.suffix(2048), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
