import Glibc

/// One line per request on standard output: time, method, path without
/// query (queries may carry personal data and secrets: the manage token),
/// with the route's secret segments redacted (`SecretSegments`), status,
/// body bytes, milliseconds.
///
///     2026-11-21T13:02:37Z GET /health 200 15 0.84ms
///
/// Lines are buffered per loop and written once per loop turn, formatted by
/// appending bytes: this runs for every request.
struct AccessLog {
    let enabled: Bool
    private var buffer: [UInt8] = []
    private var second = -1
    private var stamp: [UInt8] = []

    init(enabled: Bool) {
        self.enabled = enabled
    }

    mutating func record(method: HTTPMethod?, path: Substring?, status: Int, bytes: Int, microseconds: Int64) {
        guard enabled else { return }
        let now = HTTPDate.now()
        if now != second {
            second = now
            stamp = Array(HTTPDate.iso8601(now).utf8)
        }
        buffer.append(contentsOf: stamp)
        buffer.append(UInt8(ascii: " "))
        buffer.append(contentsOf: (method?.rawValue ?? "-").utf8)
        buffer.append(UInt8(ascii: " "))
        // The path as received, but never a control byte into the log.
        buffer.append(contentsOf: (path ?? "-").utf8.lazy.map { $0 < 0x20 || $0 == 0x7F ? UInt8(ascii: "?") : $0 })
        buffer.append(UInt8(ascii: " "))
        ResponseSerializer.appendDecimal(status, to: &buffer)
        buffer.append(UInt8(ascii: " "))
        ResponseSerializer.appendDecimal(bytes, to: &buffer)
        buffer.append(UInt8(ascii: " "))
        let hundredths = Int(max(0, microseconds) + 5) / 10
        ResponseSerializer.appendDecimal(hundredths / 100, to: &buffer)
        buffer.append(UInt8(ascii: "."))
        buffer.append(UInt8(ascii: "0") + UInt8(hundredths % 100 / 10))
        buffer.append(UInt8(ascii: "0") + UInt8(hundredths % 10))
        ResponseSerializer.append("ms\n", to: &buffer)
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }  // a full disk or closed pipe must not stop serving
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
