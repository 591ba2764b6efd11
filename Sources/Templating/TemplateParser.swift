/// Turns template source into a tree of nodes, once, at start.
///
/// Two passes: `TemplateScanner` cuts the bytes into text and tags (and
/// removes the lines of standalone tags, as the Mustache spec asks); this
/// pass nests sections and checks that every tag closes what it opened.
struct TemplateParser {
    private let template: Template
    /// Whether `{{value}}` is HTML-escaped: not in a plain-text template.
    private let escapes: Bool

    init(name: String, file: String, source: [UInt8], escapes: Bool) {
        self.template = Template(name: name, file: file, source: source, nodes: [])
        self.escapes = escapes
    }

    static func parse(name: String, file: String, source: [UInt8], escapes: Bool) throws(TemplateError) -> Template {
        try TemplateParser(name: name, file: file, source: source, escapes: escapes).parse()
    }

    /// An open section while its contents are read.
    private struct Frame {
        let tag: TemplateScanner.Tag
        var nodes: [Node] = []
    }

    func parse() throws(TemplateError) -> Template {
        let tokens = try TemplateScanner(template: template).scan()
        var stack = [Frame(tag: .init(kind: .section, name: "", offset: 0))]
        for token in tokens {
            switch token {
            case .text(let range):
                stack[stack.count - 1].nodes.appendText(template.source[range])
            case .tag(let tag):
                switch tag.kind {
                case .variable, .raw:
                    let path = try path(tag)
                    stack[stack.count - 1].nodes.append(.variable(path, escaped: escapes && tag.kind == .variable))
                case .section, .inverted, .parent, .block:
                    if tag.kind == .section || tag.kind == .inverted { _ = try path(tag) }
                    stack.append(Frame(tag: tag))
                case .close:
                    guard stack.count > 1 else { throw template.error(at: tag.offset, .unexpectedClose(tag.name)) }
                    let frame = stack.removeLast()
                    guard frame.tag.name == tag.name else {
                        throw template.error(at: tag.offset, .mismatchedClose(
                            expected: frame.tag.opening, found: tag.name,
                            openedAt: template.position(of: frame.tag.offset)))
                    }
                    stack[stack.count - 1].nodes.append(try node(closing: frame))
                case .partial:
                    let include = Include(name: tag.name, offset: tag.offset)
                    stack[stack.count - 1].nodes.append(.partial(include, indent: tag.indent))
                case .comment:
                    break
                }
            }
        }
        if stack.count > 1, let open = stack.last {
            throw template.error(at: open.tag.offset, .unclosedSection(open.tag.opening))
        }
        var parsed = template
        parsed.nodes = stack[0].nodes
        return parsed
    }

    private func node(closing frame: Frame) throws(TemplateError) -> Node {
        switch frame.tag.kind {
        case .section, .inverted:
            return .section(try path(frame.tag), frame.nodes, inverted: frame.tag.kind == .inverted)
        case .block:
            return .block(frame.tag.name, frame.nodes)
        default:
            // Inside `{{< parent}}` only block definitions count; text and other
            // tags there are ignored, as in the Mustache inheritance spec.
            var overrides: [String: [Node]] = [:]
            for case .block(let name, let nodes) in frame.nodes where overrides[name] == nil {
                overrides[name] = nodes
            }
            return .parent(Include(name: frame.tag.name, offset: frame.tag.offset), overrides: overrides)
        }
    }

    /// Splits a dotted name, refusing empty parts: `a..b` or `.a` is a typo
    /// that would otherwise render as nothing without a word.
    private func path(_ tag: TemplateScanner.Tag) throws(TemplateError) -> Path {
        if tag.name == "." { return Path(parts: [], offset: tag.offset) }
        let parts = tag.name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !parts.contains(where: \.isEmpty) else { throw template.error(at: tag.offset, .invalidName(tag.name)) }
        return Path(parts: parts, offset: tag.offset)
    }
}

extension [Node] {
    /// Adjacent text (around a removed comment, say) becomes one node, so the
    /// renderer appends one run of bytes instead of several.
    mutating func appendText(_ bytes: ArraySlice<UInt8>) {
        guard !bytes.isEmpty else { return }
        if case .text(let previous) = last {
            removeLast()
            append(.text(TextBytes(previous.bytes + bytes)))
        } else {
            append(.text(TextBytes([UInt8](bytes))))
        }
    }
}
