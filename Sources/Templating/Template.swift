/// One parsed template: the tree the renderer walks, and its source kept
/// only to turn a byte offset into a line and column when something fails.
struct Template: Sendable {
    let name: String
    let file: String
    let source: [UInt8]
    var nodes: [Node]

    /// A position for error messages, computed only when one is needed so
    /// parsing and rendering never count lines.
    func position(of offset: Int) -> TemplateError.Position {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, source.count) where source[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        let prefix = source[lineStart..<min(offset, source.count)]
        return .init(line: line, column: String(decoding: prefix, as: UTF8.self).count + 1)
    }

    func error(at offset: Int, _ reason: TemplateError.Reason) -> TemplateError {
        let position = position(of: offset)
        return TemplateError(file: file, line: position.line, column: position.column, reason: reason)
    }
}

/// The parsed form. Text is kept as raw bytes because rendering copies it
/// out with `memcpy`; names are split at their dots once, here, not on
/// every lookup.
enum Node: Sendable {
    case text(TextBytes)
    case variable(Path, escaped: Bool)
    case section(Path, [Node], inverted: Bool)
    /// `{{> name}}`. `indent` is the whitespace before a standalone partial
    /// tag, prefixed to every line the partial renders (Mustache spec).
    case partial(Include, indent: [UInt8])
    /// `{{< name}}…{{/name}}`: render `name` with these blocks overridden.
    case parent(Include, overrides: [String: [Node]])
    /// `{{$ name}}default{{/name}}`: a slot a child template may fill.
    case block(String, [Node])
}

/// A dotted name. No parts means `{{.}}`, the current item.
///
/// The first part and the rest are stored apart, with the count, because
/// the renderer looks names up more than anything else and must not split
/// or slice arrays to do it. A class, so that handing a path around costs
/// one reference count rather than one per stored array and string.
final class Path: Sendable, CustomStringConvertible {
    let parts: [String]
    let head: String
    let tail: [String]
    let tailCount: Int
    let isImplicitIterator: Bool
    /// Where the tag starts, for error messages (`{{t.typo}}` checks).
    let offset: Int

    init(parts: [String], offset: Int) {
        self.parts = parts
        self.head = parts.first ?? ""
        self.tail = Array(parts.dropFirst())
        self.tailCount = tail.count
        self.isImplicitIterator = parts.isEmpty
        self.offset = offset
    }

    var description: String { parts.isEmpty ? "." : parts.joined(separator: ".") }
}

/// A reference to another template, by name in the source and by index once
/// the library has linked it; `offset` locates the tag for errors.
struct Include: Sendable {
    let name: String
    var index: Int
    let offset: Int

    init(name: String, offset: Int) {
        self.name = name
        self.index = -1
        self.offset = offset
    }
}

/// Template text between tags, copied once into memory of its own and never
/// changed: the renderer appends it with one `memcpy`, with none of the
/// generic `Array` machinery a debug build pays for on every call.
final class TextBytes: @unchecked Sendable {  // immutable after init
    let base: UnsafeMutableRawPointer
    let count: Int

    init(_ bytes: [UInt8]) {
        count = bytes.count
        base = .allocate(byteCount: max(count, 1), alignment: 1)
        bytes.withUnsafeBytes { raw in
            if let source = raw.baseAddress { base.copyMemory(from: source, byteCount: count) }
        }
    }

    deinit { base.deallocate() }

    var bytes: [UInt8] { [UInt8](UnsafeRawBufferPointer(start: base, count: count)) }
}
