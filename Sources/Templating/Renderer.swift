/// One rendering: walks the parsed nodes and appends bytes to one buffer.
/// Nothing is parsed or looked up by template name here; the only work per
/// tag is the name lookup in the context stack and the escaping.
///
/// Written for debug builds too (tests render every page): index loops, no
/// generic collection wrappers, and each kind of node in its own small
/// function, since a debug build zeroes every local of a function on each
/// call and `render` is called once per list item.
struct Renderer {
    let templates: [Template]
    var output: ByteBuffer
    /// The context stack: the page's values at the bottom, each section's
    /// item or object above. Names are looked up from the top down.
    private var stack: [TemplateValue]
    private var depth = 0
    /// Whitespace prefixed to each line while inside standalone partials;
    /// `indenting` says whether there is any without asking the array.
    private var indent: [UInt8] = []
    private var indenting = false

    /// A block body a child template supplied, and the template it came from
    /// (for error positions inside it).
    struct Override {
        let nodes: [Node]
        let template: Int
    }

    init(templates: [Template], context: TemplateValue, capacity: Int) {
        self.templates = templates
        self.stack = [context]
        self.output = ByteBuffer(capacity: capacity)
    }

    mutating func render(_ nodes: [Node], in template: Int, blocks: [String: Override]) throws(TemplateError) {
        var position = 0
        while position < nodes.count {
            switch nodes[position] {
            case .text(let bytes): writeTemplateText(bytes)
            case .variable(let path, let escaped): writeVariable(path, escaped: escaped)
            case .section(let path, let children, let inverted):
                try renderSection(path, children, inverted: inverted, in: template, blocks: blocks)
            case .partial(let include, let extra): try renderPartial(include, indent: extra, from: template, blocks: blocks)
            case .parent(let include, let overrides): try renderParent(include, overrides, from: template, blocks: blocks)
            case .block(let name, let fallback): try renderBlock(name, fallback, in: template, blocks: blocks)
            }
            position += 1
        }
    }

    private mutating func writeVariable(_ path: Path, escaped: Bool) {
        switch Self.lookup(path, in: stack) {
        case .string(let text)?: writeValue(text, escaped: escaped)
        case .html(let html)?: writeValue(html, escaped: false)
        case .bool(let flag)?: writeValue(flag ? "true" : "false", escaped: false)
        default: break  // missing, null, lists and objects show nothing, as in Mustache
        }
    }

    private mutating func renderSection(_ path: Path, _ children: [Node], inverted: Bool,
                                        in template: Int, blocks: [String: Override]) throws(TemplateError) {
        let value = Self.lookup(path, in: stack) ?? .null
        if inverted {
            if !value.isTruthy { try render(children, in: template, blocks: blocks) }
            return
        }
        switch value {
        case .list(let items):
            var index = 0
            while index < items.count {
                stack.append(items[index])
                try render(children, in: template, blocks: blocks)
                stack.removeLast()
                index += 1
            }
        case .bool(true):
            try render(children, in: template, blocks: blocks)
        case .object, .string, .html:
            guard value.isTruthy else { return }
            stack.append(value)
            try render(children, in: template, blocks: blocks)
            stack.removeLast()
        case .bool(false), .null:
            break
        }
    }

    private mutating func renderPartial(_ include: Include, indent extra: [UInt8], from template: Int,
                                        blocks: [String: Override]) throws(TemplateError) {
        try enter(include, from: template)
        let saved = indent
        if !extra.isEmpty {
            indent += extra
            indenting = true
        }
        try render(templates[include.index].nodes, in: include.index, blocks: blocks)
        indent = saved
        indenting = !saved.isEmpty
        depth -= 1
    }

    private mutating func renderParent(_ include: Include, _ overrides: [String: [Node]], from template: Int,
                                       blocks: [String: Override]) throws(TemplateError) {
        try enter(include, from: template)
        // The outermost child wins: a page's block beats a block of the
        // layout it extends, which beats the layout's own default.
        var merged = blocks
        for (name, body) in overrides where merged[name] == nil {
            merged[name] = Override(nodes: body, template: template)
        }
        try render(templates[include.index].nodes, in: include.index, blocks: merged)
        depth -= 1
    }

    private mutating func renderBlock(_ name: String, _ fallback: [Node], in template: Int,
                                      blocks: [String: Override]) throws(TemplateError) {
        if let override = blocks[name] {
            try render(override.nodes, in: override.template, blocks: blocks)
        } else {
            try render(fallback, in: template, blocks: blocks)
        }
    }

    private mutating func enter(_ include: Include, from template: Int) throws(TemplateError) {
        guard depth < TemplateLibrary.maximumDepth else {
            throw templates[template].error(at: include.offset, .recursionTooDeep(limit: TemplateLibrary.maximumDepth))
        }
        depth += 1
    }

    /// Mustache lookup: the first part of a dotted name is searched from the
    /// top of the stack down; the rest must follow from what it found (the
    /// spec's "broken chains" resolve to nothing, never to an outer value).
    /// Static over the stack alone, so a debug build does not copy the
    /// whole renderer to call it.
    private static func lookup(_ path: Path, in stack: [TemplateValue]) -> TemplateValue? {
        var index = stack.count - 1
        if path.isImplicitIterator { return stack[index] }
        var current: TemplateValue
        while true {
            guard index >= 0 else { return nil }
            if case .object(let members) = stack[index], let member = members[path.head] {
                current = member
                break
            }
            index -= 1
        }
        var part = 0
        while part < path.tailCount {
            guard case .object(let members) = current, let member = members[path.tail[part]] else { return nil }
            current = member
            part += 1
        }
        return current
    }

    private var atLineStart: Bool { output.count == 0 || output.last == 0x0A }

    /// Template text; inside an indented partial each of its lines is indented.
    private mutating func writeTemplateText(_ text: TextBytes) {
        guard indenting else { return output.append(text.base, count: text.count) }
        let bytes = text.bytes
        var start = 0
        while start < bytes.count {
            let end = (bytes[start...].firstIndex(of: 0x0A) ?? bytes.count - 1) + 1
            if atLineStart { output.append(indent) }
            output.append(Array(bytes[start..<end]))
            start = end
        }
    }

    /// A value is indented where it starts a line, but lines inside the value
    /// are not: they are data, not template (Mustache spec).
    private mutating func writeValue(_ text: String, escaped: Bool) {
        if indenting, !text.isEmpty, atLineStart { output.append(indent) }
        if escaped {
            output.appendEscapingHTML(text)
        } else {
            output.append(text)
        }
    }
}
