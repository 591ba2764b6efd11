/// How the access log and the request error lines are written: `plain`
/// lines for people (the default), or `json`, one object per line for a
/// log shipper. Neither ever holds a query string or a secret segment.
public enum LogFormat: String, Sendable, CaseIterable {
    case plain
    case json

    public enum Level: String, Sendable {
        case info, warning, error
    }

    /// A line the process says about itself (started, stopping, a storage
    /// fault), ending in a line feed: as it is in plain, else an object
    /// with the text as its `message`.
    public func line(_ text: String, level: Level = .info) -> String {
        let text = text.hasSuffix("\n") ? String(text.dropLast()) : text
        switch self {
        case .plain:
            return text + "\n"
        case .json:
            return JSONLine.stamped([("level", level.rawValue), ("event", "process"), ("message", text)])
        }
    }

    /// A line the process says about one of its own events (a retention
    /// run): as `line` in plain; in JSON with the event's name and its
    /// `counts`, whole numbers by name, so a log shipper reads them without
    /// parsing the message.
    public func event(_ name: String, _ text: String, counts: [(String, Int)], level: Level = .info) -> String {
        switch self {
        case .plain:
            return line(text, level: level)
        case .json:
            return JSONLine.stamped([("level", level.rawValue), ("event", name), ("message", text)], counts: counts)
        }
    }
}

/// Appends JSON text by bytes, for log lines written on the event loop.
enum JSONLine {
    /// One object of string fields after the time (`ts`), then, when there
    /// are any, `counts` as an object of whole numbers, and a line feed.
    static func stamped(_ fields: [(String, String)], counts: [(String, Int)] = []) -> String {
        var line: [UInt8] = []
        JSONLine.appendKey("ts", to: &line, first: true)
        JSONLine.appendString(HTTPDate.iso8601(HTTPDate.now()), to: &line)
        for (key, value) in fields {
            JSONLine.appendKey(key, to: &line)
            JSONLine.appendString(value, to: &line)
        }
        if !counts.isEmpty {
            JSONLine.appendKey("counts", to: &line)
            for (index, (key, value)) in counts.enumerated() {
                JSONLine.appendKey(key, to: &line, first: index == 0)
                line.append(contentsOf: String(value).utf8)
            }
            line.append(UInt8(ascii: "}"))
        }
        return String(decoding: line + Array("}\n".utf8), as: UTF8.self)
    }

    static func appendKey(_ key: String, to buffer: inout [UInt8], first: Bool = false) {
        buffer.append(first ? UInt8(ascii: "{") : UInt8(ascii: ","))
        appendString(key, to: &buffer)
        buffer.append(UInt8(ascii: ":"))
    }

    /// A JSON string: quotes, backslashes and control bytes escaped.
    static func appendString(_ text: some StringProtocol, to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                buffer.append(UInt8(ascii: "\\"))
                buffer.append(byte)
            case 0..<0x20, 0x7F:
                let hex = Array("0123456789abcdef".utf8)
                buffer.append(contentsOf: "\\u00".utf8)
                buffer.append(hex[Int(byte >> 4)])
                buffer.append(hex[Int(byte & 0xF)])
            default:
                buffer.append(byte)
            }
        }
        buffer.append(UInt8(ascii: "\""))
    }
}
