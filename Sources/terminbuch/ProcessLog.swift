import Glibc
import HTTPServer

/// What `serve` says about itself (listening, signals, a reloaded
/// catalogue, a storage fault) in the format of its log (`--log-format`),
/// so that with `json` every line of its output is an object. Unbuffered,
/// so the lines appear in order with the access log and none is lost if
/// the process dies right after.
struct ProcessLog: Sendable {
    let format: LogFormat

    /// On standard output, with the access log.
    func say(_ line: String, level: LogFormat.Level = .info) {
        Self.write(format.line(line, level: level), to: STDOUT_FILENO)
    }

    /// On standard error, with the request error lines.
    func tell(_ line: String, level: LogFormat.Level = .warning) {
        Self.write(format.line(line, level: level), to: STDERR_FILENO)
    }

    static func write(_ line: String, to descriptor: Int32) {
        var bytes = Array(line.utf8)
        _ = Glibc.write(descriptor, &bytes, bytes.count)
    }
}
