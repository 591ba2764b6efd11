import Glibc

/// One line per request on standard output, without query (queries may
/// carry personal data and secrets: the manage token). Plain, the default:
/// time, method, path with the route's secret segments redacted
/// (`SecretSegments`), status, body bytes, milliseconds.
///
///     2026-11-21T13:02:37Z GET /health 200 15 0.84ms
///
/// JSON (`LogFormat.json`): one object per line, with the route's pattern
/// instead of the path, so no segment of it (a code, a token) is written at
/// all, the client's network (its address anonymised: `IPAddress.anonymised`)
/// and the request id of the answer's `X-Request-Id`.
///
///     {"ts":"2026-11-21T13:02:37Z","level":"info","event":"access","method":"GET","route":"/health",
///      "status":200,"ms":0.84,"bytes":15,"client":"127.0.0.0","request_id":"5c1f9e0a2b7d-1"}
///
/// Lines are buffered per loop and written once per loop turn, formatted by
/// appending bytes: this runs for every request.
struct AccessLog {
    /// What one line says of its request.
    struct Entry {
        var method: HTTPMethod?
        /// The path, secret segments redacted; nil when no request line was read.
        var path: Substring?
        /// The route's pattern (`/api/v1/bookings/:code`); nil when none matched.
        var route: String?
        var status: Int
        var bytes: Int
        var microseconds: Int64
        /// The client's address anonymised, never the address itself.
        var client: String
        var requestID: String
    }

    let enabled: Bool
    let format: LogFormat
    private var buffer: [UInt8] = []
    private var second = -1
    private var stamp: [UInt8] = []

    init(enabled: Bool, format: LogFormat = .plain) {
        self.enabled = enabled
        self.format = format
    }

    mutating func record(_ entry: Entry) {
        guard enabled else { return }
        let now = HTTPDate.now()
        if now != second {
            second = now
            stamp = Array(HTTPDate.iso8601(now).utf8)
        }
        switch format {
        case .plain: appendPlain(entry)
        case .json: appendJSON(entry)
        }
    }

    private mutating func appendPlain(_ entry: Entry) {
        buffer.append(contentsOf: stamp)
        buffer.append(UInt8(ascii: " "))
        buffer.append(contentsOf: (entry.method?.rawValue ?? "-").utf8)
        buffer.append(UInt8(ascii: " "))
        // The path as received, but never a control byte into the log.
        buffer.append(contentsOf: (entry.path ?? "-").utf8.lazy.map { $0 < 0x20 || $0 == 0x7F ? UInt8(ascii: "?") : $0 })
        buffer.append(UInt8(ascii: " "))
        ResponseSerializer.appendDecimal(entry.status, to: &buffer)
        buffer.append(UInt8(ascii: " "))
        ResponseSerializer.appendDecimal(entry.bytes, to: &buffer)
        buffer.append(UInt8(ascii: " "))
        appendMilliseconds(entry.microseconds)
        ResponseSerializer.append("ms\n", to: &buffer)
    }

    private mutating func appendJSON(_ entry: Entry) {
        JSONLine.appendKey("ts", to: &buffer, first: true)
        buffer.append(UInt8(ascii: "\""))
        buffer.append(contentsOf: stamp)
        buffer.append(UInt8(ascii: "\""))
        JSONLine.appendKey("level", to: &buffer)
        JSONLine.appendString(entry.status >= 500 ? "error" : "info", to: &buffer)
        JSONLine.appendKey("event", to: &buffer)
        JSONLine.appendString("access", to: &buffer)
        JSONLine.appendKey("method", to: &buffer)
        JSONLine.appendString(entry.method?.rawValue ?? "-", to: &buffer)
        JSONLine.appendKey("route", to: &buffer)
        if let route = entry.route { JSONLine.appendString(route, to: &buffer) } else { ResponseSerializer.append("null", to: &buffer) }
        JSONLine.appendKey("status", to: &buffer)
        ResponseSerializer.appendDecimal(entry.status, to: &buffer)
        JSONLine.appendKey("ms", to: &buffer)
        appendMilliseconds(entry.microseconds)
        JSONLine.appendKey("bytes", to: &buffer)
        ResponseSerializer.appendDecimal(entry.bytes, to: &buffer)
        JSONLine.appendKey("client", to: &buffer)
        JSONLine.appendString(entry.client, to: &buffer)
        JSONLine.appendKey("request_id", to: &buffer)
        JSONLine.appendString(entry.requestID, to: &buffer)
        ResponseSerializer.append("}\n", to: &buffer)
    }

    /// `0.84`: milliseconds with two decimals.
    private mutating func appendMilliseconds(_ microseconds: Int64) {
        let hundredths = Int(max(0, microseconds) + 5) / 10
        ResponseSerializer.appendDecimal(hundredths / 100, to: &buffer)
        buffer.append(UInt8(ascii: "."))
        buffer.append(UInt8(ascii: "0") + UInt8(hundredths % 100 / 10))
        buffer.append(UInt8(ascii: "0") + UInt8(hundredths % 10))
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
