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
    /// Seconds the program may take to read the message and exit; a program
    /// still running then is killed and the delivery is temporary, so a hung
    /// sendmail never holds the delivery worker.
    public let timeout: Double

    /// EX_TEMPFAIL of `sysexits.h`.
    static let temporaryFailure: Int32 = 75

    public init(path: String, timeout: Double = 60) {
        self.path = path
        self.timeout = timeout
    }

    public func send(_ message: MailMessage) throws(MailDeliveryError) {
        let deadline = DispatchTime.now() + timeout
        var sockets: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &sockets) == 0 else {
            throw .temporary("sendmail: no socket pair: \(String(cString: strerror(errno)))")
        }
        let ours = sockets[0], theirs = FileHandle(fileDescriptor: sockets[1], closeOnDealloc: true)
        defer { close(ours) }
        var sendTimeout = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1_000_000))
        setsockopt(ours, SOL_SOCKET, SO_SNDTIMEO, &sendTimeout, socklen_t(MemoryLayout<timeval>.size))
        let process = Process(), output = Pipe(), exited = DispatchSemaphore(value: 0)
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-t", "-oi"]
        process.standardInput = theirs
        process.standardOutput = output
        process.standardError = output
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            throw .temporary("sendmail: cannot run \(path): \(error.localizedDescription)")
        }
        try? theirs.close()
        // Read the output while writing, so a talkative program never blocks on it.
        let said = OutputCollector(output.fileHandleForReading)
        let writeError = Self.write(message.renderedWithLineFeeds(), to: ours)
        shutdown(ours, Int32(SHUT_WR))
        guard exited.wait(timeout: deadline) == .success else {
            kill(process.processIdentifier, SIGKILL)
            exited.wait()
            throw .temporary("sendmail: \(path) did not finish within \(timeout) s")
        }
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

    /// Writes all of `bytes`, or stops at the first error (EPIPE: the
    /// program exited; EAGAIN: it stopped reading for `timeout`) and returns
    /// its errno; 0 when all was written.
    private static func write(_ bytes: [UInt8], to socket: Int32) -> Int32 {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress! + written, bytes.count - written, Int32(MSG_NOSIGNAL)) }
            if result < 0 && errno == EINTR { continue }
            if result <= 0 { return errno }
            written += result
        }
        return 0
    }
}

/// A program's output read on a thread of its own, the last 2 KiB kept for
/// the reason of a failure. Asked for it, waits a second at most for the
/// output to end: a child the program left behind may hold it open.
private final class OutputCollector: @unchecked Sendable {
    private let ended = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var data = Data()

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            while case let chunk = handle.availableData, !chunk.isEmpty {
                lock.withLock { data = (data + chunk).suffix(2048) }
            }
            ended.signal()
        }
    }

    func text() -> String {
        _ = ended.wait(timeout: .now() + 1)
        return lock.withLock { String(decoding: data, as: UTF8.self) }.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
