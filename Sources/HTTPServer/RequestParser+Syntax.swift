import Glibc

/// The grammar of RFC 9112: lines, the request line, field lines, framing.
extension RequestParser {
    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")

    /// The next line without its terminator, or nil when it is not complete.
    /// A line ends with CRLF, or a lone LF (RFC 9112 §2.2 allows accepting it);
    /// a CR anywhere else is refused by the field and line checks.
    mutating func nextLine(limit: Int, tooLong: HTTPParseError) throws(HTTPParseError) -> ArraySlice<UInt8>? {
        let searchFrom = max(position, scanned)
        let found: Int? = buffer.withUnsafeBytes { raw in
            let count = raw.count - searchFrom
            guard count > 0, let base = raw.baseAddress,
                  let hit = memchr(base + searchFrom, Int32(Self.lf), count) else { return nil }
            return base.distance(to: UnsafeRawPointer(hit))
        }
        guard let lineFeed = found else {
            scanned = buffer.count
            // One byte of slack: the CR of a line that is exactly at the limit.
            if bufferedByteCount > limit + 1 || (bufferedByteCount == limit + 1 && buffer.last != Self.cr) {
                throw tooLong
            }
            return nil
        }
        var end = lineFeed
        if end > position && buffer[end - 1] == Self.cr { end -= 1 }
        guard end - position <= limit else { throw tooLong }
        let line = buffer[position..<end]
        position = lineFeed + 1
        scanned = position
        return line
    }

    mutating func parseRequestLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) {
        if line.contains(Self.cr) { throw .bareCarriageReturn }
        guard let firstSpace = line.firstIndex(of: Self.space) else { throw .invalidRequestLine }
        let method = line[line.startIndex..<firstSpace]
        guard !method.isEmpty, method.allSatisfy(Self.isTokenByte) else { throw .invalidMethod }
        let rest = line[(firstSpace + 1)...]
        guard let secondSpace = rest.firstIndex(of: Self.space) else { throw .invalidRequestLine }
        let target = rest[rest.startIndex..<secondSpace]
        let version = try Self.parseVersion(rest[(secondSpace + 1)...])
        guard !target.isEmpty, target.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { throw .invalidTarget }

        head.method = HTTPMethod(rawValue: String(decoding: method, as: UTF8.self))
        head.version = version
        head.target = try Self.originForm(String(decoding: target, as: UTF8.self), method: head.method)
    }

    private static func parseVersion(_ text: ArraySlice<UInt8>) throws(HTTPParseError) -> HTTPVersion {
        let bytes = Array(text)
        guard bytes.count == 8, bytes[0..<5].elementsEqual("HTTP/".utf8), bytes[6] == UInt8(ascii: "."),
              let major = digit(bytes[5]), let minor = digit(bytes[7]) else { throw .invalidRequestLine }
        guard major == 1 else { throw .unsupportedVersion }
        // A 1.x server answers any later 1.y as 1.1 (RFC 9110 §2.5).
        return minor == 0 ? .http1_0 : .http1_1
    }

    /// Origin-form as sent, `*` for OPTIONS, and absolute-form reduced to its
    /// path and query (RFC 9112 §3.2.2: a server must accept it).
    private static func originForm(_ target: String, method: HTTPMethod) throws(HTTPParseError) -> String {
        if target.hasPrefix("/") { return target }
        if target == "*" && method == .options { return target }
        for scheme in ["http://", "https://"] where target.lowercased().hasPrefix(scheme) {
            let afterScheme = target.dropFirst(scheme.count)
            guard !afterScheme.isEmpty, afterScheme.first != "/" else { throw .invalidTarget }
            let pathStart = afterScheme.firstIndex { $0 == "/" || $0 == "?" } ?? afterScheme.endIndex
            let rest = afterScheme[pathStart...]
            return rest.first == "/" ? String(rest) : "/" + rest
        }
        throw .invalidTarget
    }

    func parseField(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> (String, String) {
        guard let first = line.first, first != Self.space, first != Self.tab else { throw .obsoleteLineFolding }
        var index = line.startIndex
        while index < line.endIndex && Self.isTokenByte(line[index]) { index += 1 }
        guard index < line.endIndex else { throw .invalidHeaderName }
        switch line[index] {
        case UInt8(ascii: ":"): guard index > line.startIndex else { throw .invalidHeaderName }
        case Self.space, Self.tab: throw .whitespaceBeforeColon
        case Self.cr: throw .bareCarriageReturn
        default: throw .invalidHeaderName
        }
        var valueStart = index + 1
        var valueEnd = line.endIndex
        while valueStart < valueEnd && (line[valueStart] == Self.space || line[valueStart] == Self.tab) { valueStart += 1 }
        while valueEnd > valueStart && (line[valueEnd - 1] == Self.space || line[valueEnd - 1] == Self.tab) { valueEnd -= 1 }
        for byte in line[valueStart..<valueEnd] where byte < 0x20 && byte != Self.tab || byte == 0x7F {
            throw byte == Self.cr ? .bareCarriageReturn : .invalidHeaderValue
        }
        return (String(decoding: line[line.startIndex..<index], as: UTF8.self),
                String(decoding: line[valueStart..<valueEnd], as: UTF8.self))
    }

    /// Checks the fields that decide who the request is for and where it ends,
    /// in one pass over the fields.
    mutating func finishHead() throws(HTTPParseError) -> Framing {
        var host: String?
        var hostCount = 0
        var length: String?
        var lengthCount = 0
        var hasTransferEncoding = false
        for (name, value) in head.headers {
            switch name.utf8.count {
            case 4 where name.equalsIgnoringASCIICase("Host"):
                hostCount += 1
                host = value
            case 14 where name.equalsIgnoringASCIICase("Content-Length"):
                lengthCount += 1
                length = value
            case 17 where name.equalsIgnoringASCIICase("Transfer-Encoding"):
                hasTransferEncoding = true
            default:
                continue
            }
        }
        guard hostCount <= 1 else { throw .multipleHosts }
        if hostCount == 0 && head.version == .http1_1 { throw .missingHost }
        if let host, !host.utf8.allSatisfy(Self.isHostByte) { throw .invalidHost }

        if hasTransferEncoding {
            guard head.version == .http1_1 else { throw .transferEncodingInHTTP10 }
            guard lengthCount == 0 else { throw .contentLengthWithTransferEncoding }
            let codings = head.headers.tokens("Transfer-Encoding").filter { !$0.isEmpty }
            guard codings.last == "chunked" else { throw .chunkedNotFinal }
            guard codings.count == 1 else { throw .unsupportedTransferCoding }
            return .chunked
        }
        guard lengthCount <= 1 else { throw .multipleContentLengths }
        guard let text = length else { return .none }
        guard (1...18).contains(text.utf8.count), text.utf8.allSatisfy({ Self.digit($0) != nil }),
              let value = Int(text) else { throw .invalidContentLength }
        return .fixed(value)
    }

    /// `chunk-size [ chunk-ext ]`; extensions are checked for stray bytes and ignored.
    func parseChunkSize(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> Int {
        var size = 0
        var index = line.startIndex
        while index < line.endIndex, let value = FormDecoding.hexValue(line[index]) {
            guard index - line.startIndex < 16 else { throw .invalidChunk }
            size = size << 4 | Int(value)
            index += 1
        }
        guard index > line.startIndex, size >= 0 else { throw .invalidChunk }
        var extensions = line[index...].drop { $0 == Self.space || $0 == Self.tab }
        if let first = extensions.first {
            guard first == UInt8(ascii: ";") else { throw .invalidChunk }
            extensions = extensions.dropFirst()
            for byte in extensions where byte < 0x20 && byte != Self.tab || byte == 0x7F { throw .invalidChunk }
        }
        return size
    }

    static func digit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }

    /// `tchar` of RFC 9110 §5.6.2.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    /// Bytes of a `Host` value: reg-name, IP literal and port (as Go's httpguts).
    static func isHostByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "!"),
             UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="),
             UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "%"):
            true
        default:
            false
        }
    }
}
