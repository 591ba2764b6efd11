/// Writes a response's bytes: status line, fields, framing, body. It runs
/// for every response, so it appends bytes directly and formats nothing
/// through string interpolation.
enum ResponseSerializer {
    /// Appends `response` to `output` and returns the number of body bytes.
    /// The framing fields are the server's: a handler cannot get them wrong.
    static func write(
        _ response: HTTPResponse, method: HTTPMethod, version: HTTPVersion, keepAlive: Bool,
        date: [UInt8], into output: inout [UInt8]
    ) -> Int {
        var body: [UInt8] = []
        let count = write(response, method: method, version: version, keepAlive: keepAlive, date: date,
                          into: &output, sharedBody: &body)
        output.append(contentsOf: body)
        return count
    }

    /// Bodies from this size on are not copied into the output.
    static let sharedBodyThreshold = 8 * 1024

    /// As above, but a whole body of `sharedBodyThreshold` bytes or more is
    /// handed over in `sharedBody`, to be sent after `output` straight from
    /// the handler's array: a static file or a cached answer is then shared by
    /// every connection sending it, not copied into each — a thousand slow
    /// readers of a 60 KB file would otherwise hold 60 MB.
    static func write(
        _ response: HTTPResponse, method: HTTPMethod, version: HTTPVersion, keepAlive: Bool,
        date: [UInt8], into output: inout [UInt8], sharedBody: inout [UInt8]
    ) -> Int {
        let status = response.status
        append("HTTP/1.1 ", to: &output)
        appendDecimal(status.code, to: &output)
        output.append(UInt8(ascii: " "))
        output.append(contentsOf: status.reason.utf8)
        append("\r\n", to: &output)
        for (name, value) in response.headers where isSafe(name) && isSafe(value) && !isFraming(name) {
            output.append(contentsOf: name.utf8)
            append(": ", to: &output)
            output.append(contentsOf: value.utf8)
            append("\r\n", to: &output)
        }
        append("Date: ", to: &output)
        output.append(contentsOf: date)
        append("\r\nServer: terminbuch\r\n", to: &output)
        if !keepAlive {
            append("Connection: close\r\n", to: &output)
        } else if version == .http1_0 {
            append("Connection: keep-alive\r\n", to: &output)
        }

        let sendsBody = status.allowsBody && method != .head
        switch response.body {
        case .chunks(let chunks) where version == .http1_1 && status.allowsBody:
            append("Transfer-Encoding: chunked\r\n\r\n", to: &output)
            guard sendsBody else { return 0 }
            for chunk in chunks where !chunk.isEmpty {
                output.append(contentsOf: String(chunk.count, radix: 16).utf8)
                append("\r\n", to: &output)
                output.append(contentsOf: chunk)
                append("\r\n", to: &output)
            }
            append("0\r\n\r\n", to: &output)
            return response.body.count
        default:
            // 304 and HEAD keep the length the body would have (RFC 9110 §8.6);
            // 1xx and 204 carry none at all.
            let count = response.body.count
            if status.code != 204 && !(100..<200).contains(status.code) && (status.code != 304 || count > 0) {
                append("Content-Length: ", to: &output)
                appendDecimal(count, to: &output)
                append("\r\n", to: &output)
            }
            append("\r\n", to: &output)
            guard sendsBody else { return 0 }
            switch response.body {
            case .bytes(let bytes) where bytes.count >= sharedBodyThreshold: sharedBody = bytes
            case .bytes(let bytes): output.append(contentsOf: bytes)
            case .chunks(let chunks): for chunk in chunks { output.append(contentsOf: chunk) }
            }
            return count
        }
    }

    static func append(_ text: StaticString, to output: inout [UInt8]) {
        output.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    static func appendDecimal(_ value: Int, to output: inout [UInt8]) {
        guard value >= 10 else {
            output.append(UInt8(ascii: "0") + UInt8(max(0, value)))
            return
        }
        appendDecimal(value / 10, to: &output)
        output.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    /// Refuses CR, LF and NUL in handler-supplied fields: no response splitting.
    private static func isSafe(_ text: String) -> Bool {
        !text.utf8.contains { $0 == 13 || $0 == 10 || $0 == 0 }
    }

    private static func isFraming(_ name: String) -> Bool {
        switch name.utf8.count {
        case 4: name.equalsIgnoringASCIICase("Date")
        case 6: name.equalsIgnoringASCIICase("Server")
        case 10: name.equalsIgnoringASCIICase("Connection")
        case 14: name.equalsIgnoringASCIICase("Content-Length")
        case 17: name.equalsIgnoringASCIICase("Transfer-Encoding")
        default: false
        }
    }
}
