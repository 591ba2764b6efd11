/// Cuts template source into text and tags, and applies the Mustache rule
/// for standalone tags: a line holding only whitespace and one section,
/// comment, partial or block tag disappears from the output entirely, so
/// templates can be laid out readably without leaving blank lines behind.
struct TemplateScanner {
    let template: Template
    private var source: [UInt8] { template.source }

    enum Token {
        case text(Range<Int>)
        case tag(Tag)
    }

    struct Tag {
        enum Kind { case variable, raw, section, inverted, close, comment, partial, parent, block }

        let kind: Kind
        let name: String
        /// Byte offset of the opening `{{`.
        let offset: Int
        /// Whitespace before a standalone partial, to indent what it renders.
        var indent: [UInt8] = []

        /// The tag as written when it opened its section, for error messages.
        var opening: String {
            switch kind {
            case .inverted: "^" + name
            case .parent: "<" + name
            case .block: "$" + name
            default: "#" + name
            }
        }

        /// Interpolations always stay inline; everything else may stand alone.
        var mayStandAlone: Bool { kind != .variable && kind != .raw }
    }

    func scan() throws(TemplateError) -> [Token] {
        var tokens: [Token] = []
        var textStart = 0
        var cursor = 0
        while let open = find("{{", from: cursor) {
            var (tag, end) = try readTag(at: open)
            var textEnd = open
            if tag.mayStandAlone, let line = standaloneLine(from: open, to: end) {
                textEnd = line.lowerBound
                end = line.upperBound
                if tag.kind == .partial { tag.indent = Array(source[line.lowerBound..<open]) }
            }
            if textEnd > textStart { tokens.append(.text(textStart..<textEnd)) }
            tokens.append(.tag(tag))
            cursor = end
            textStart = end
        }
        if textStart < source.count { tokens.append(.text(textStart..<source.count)) }
        return tokens
    }

    /// Reads the tag whose `{{` is at `open`; returns it and the offset just past its `}}`.
    private func readTag(at open: Int) throws(TemplateError) -> (Tag, Int) {
        var start = open + 2
        guard let close = find("}}", from: start, stoppingAt: "{{") else {
            throw template.error(at: open, .unclosedTag)
        }
        var end = close + 2
        let kind: Tag.Kind
        switch start < close ? source[start] : 0 {
        case UInt8(ascii: "{"):
            // `{{{name}}}`: the third brace must follow right after `}}`.
            guard end < source.count, source[end] == UInt8(ascii: "}") else { throw template.error(at: open, .unclosedTag) }
            end += 1
            kind = .raw
        case UInt8(ascii: "&"): kind = .raw
        case UInt8(ascii: "#"): kind = .section
        case UInt8(ascii: "^"): kind = .inverted
        case UInt8(ascii: "/"): kind = .close
        case UInt8(ascii: "!"): kind = .comment
        case UInt8(ascii: ">"): kind = .partial
        case UInt8(ascii: "<"): kind = .parent
        case UInt8(ascii: "$"): kind = .block
        case UInt8(ascii: "="): throw template.error(at: open, .delimitersNotSupported)
        default: kind = .variable
        }
        if kind != .variable { start += 1 }
        if kind == .comment { return (Tag(kind: kind, name: "", offset: open), end) }
        let name = trimmed(source[start..<close])
        guard !name.isEmpty else { throw template.error(at: open, .emptyName) }
        guard !name.contains(where: { Self.isSpace($0) || $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") }) else {
            throw template.error(at: open, .invalidName(String(decoding: name, as: UTF8.self)))
        }
        return (Tag(kind: kind, name: String(decoding: name, as: UTF8.self), offset: open), end)
    }

    /// The whole line around a tag, newline included, if nothing but spaces
    /// and tabs share it; `nil` otherwise.
    private func standaloneLine(from open: Int, to end: Int) -> Range<Int>? {
        var lineStart = open
        while lineStart > 0, source[lineStart - 1] == UInt8(ascii: " ") || source[lineStart - 1] == UInt8(ascii: "\t") {
            lineStart -= 1
        }
        guard lineStart == 0 || source[lineStart - 1] == UInt8(ascii: "\n") else { return nil }
        var lineEnd = end
        while lineEnd < source.count, source[lineEnd] == UInt8(ascii: " ") || source[lineEnd] == UInt8(ascii: "\t") {
            lineEnd += 1
        }
        if lineEnd == source.count { return lineStart..<lineEnd }
        if source[lineEnd] == UInt8(ascii: "\n") { return lineStart..<(lineEnd + 1) }
        if source[lineEnd] == UInt8(ascii: "\r"), lineEnd + 1 < source.count, source[lineEnd + 1] == UInt8(ascii: "\n") {
            return lineStart..<(lineEnd + 2)
        }
        return nil
    }

    /// The offset of `needle` from `start`; `nil` if absent or if `stop`
    /// comes first (a second `{{` before `}}` means the first tag never closed).
    private func find(_ needle: StaticString, from start: Int, stoppingAt stop: StaticString? = nil) -> Int? {
        let first = needle.utf8Start[0], second = needle.utf8Start[1]
        var index = start
        while index + 1 < source.count {
            if let stop, source[index] == stop.utf8Start[0], source[index + 1] == stop.utf8Start[1] { return nil }
            if source[index] == first, source[index + 1] == second { return index }
            index += 1
        }
        return nil
    }

    private func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var bytes = bytes
        while let first = bytes.first, Self.isSpace(first) { bytes.removeFirst() }
        while let last = bytes.last, Self.isSpace(last) { bytes.removeLast() }
        return bytes
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}
