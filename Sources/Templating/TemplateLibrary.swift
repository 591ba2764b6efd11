import Foundation

/// Every template of a directory, parsed and linked once at start.
///
/// Loading fails on the first broken template, naming its file, line and
/// column, and on any `{{> partial}}` or `{{< layout}}` naming no template,
/// so a typo stops the service at start rather than blanking a page later.
/// Afterwards the library is an immutable value: share it between threads.
public struct TemplateLibrary: Sendable {
    let templates: [Template]
    private let indices: [String: Int]

    /// Deeper nesting of partials than this is refused while rendering: only
    /// recursive data (a tree rendered by a partial that includes itself)
    /// can get there, and a stack overflow would take the whole server down.
    public static let maximumDepth = 64

    /// Loads every `*.html` and `*.text` file under `directory`, subfolders
    /// included. A template's name is its path below `directory` without
    /// `.html`: `Templates/booking/time.html` is `booking/time`. A plain-text
    /// template keeps its `.text` (`mail/confirmation.text`, beside the HTML
    /// `mail/confirmation`), and its `{{value}}` tags are not HTML-escaped:
    /// text is not HTML.
    public init(directory: String) throws(TemplateError) {
        let root = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let files: [String]
        do {
            files = try FileManager.default.subpathsOfDirectory(atPath: root)
                .filter { ($0.hasSuffix(".html") || $0.hasSuffix(Self.plainTextSuffix))
                    && !$0.split(separator: "/").contains { $0.hasPrefix(".") } }
                .sorted()
        } catch {
            throw TemplateError(file: root, line: 0, column: 0, reason: .unreadable("\(error.localizedDescription)"))
        }
        var parsed: [Template] = []
        for relative in files {
            let file = root + "/" + relative
            guard let data = FileManager.default.contents(atPath: file) else {
                throw TemplateError(file: file, line: 0, column: 0, reason: .unreadable("no such file or not readable"))
            }
            let name = relative.hasSuffix(".html") ? String(relative.dropLast(".html".count)) : relative
            parsed.append(try Self.parse(name: name, file: file, bytes: Array(data)))
        }
        try self.init(parsed: parsed)
    }

    /// What ends the name of a plain-text template.
    public static let plainTextSuffix = ".text"

    /// Templates from strings, by name (tests, and templates built into
    /// code); a name ending in `.text` is plain text, as from a directory.
    public init(templates: [String: String]) throws(TemplateError) {
        var parsed: [Template] = []
        for (name, source) in templates.sorted(by: { $0.key < $1.key }) {
            parsed.append(try Self.parse(name: name, file: name, bytes: Array(source.utf8)))
        }
        try self.init(parsed: parsed)
    }

    private init(parsed: [Template]) throws(TemplateError) {
        var indices: [String: Int] = [:]
        for (index, template) in parsed.enumerated() { indices[template.name] = index }
        var linked = parsed
        for index in linked.indices {
            linked[index].nodes = try Self.link(linked[index].nodes, in: linked[index], indices: indices)
        }
        self.templates = linked
        self.indices = indices
        try IncludeGraph(templates: linked).checkForCycles()
    }

    private static func parse(name: String, file: String, bytes: [UInt8]) throws(TemplateError) -> Template {
        // A byte-order mark some editors add would otherwise end up before `<!doctype html>`.
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        guard String(validating: body, as: UTF8.self) != nil else {
            throw TemplateError(file: file, line: 0, column: 0, reason: .unreadable("not UTF-8"))
        }
        return try TemplateParser.parse(name: name, file: file, source: body, escapes: !name.hasSuffix(plainTextSuffix))
    }

    /// Replaces every partial and parent name by the index of its template,
    /// so rendering never looks a name up.
    private static func link(_ nodes: [Node], in template: Template, indices: [String: Int]) throws(TemplateError) -> [Node] {
        func resolve(_ include: Include) throws(TemplateError) -> Include {
            guard let index = indices[include.name] else {
                throw template.error(at: include.offset, .unknownPartial(include.name))
            }
            var resolved = include
            resolved.index = index
            return resolved
        }
        var result: [Node] = []
        result.reserveCapacity(nodes.count)
        for node in nodes {
            switch node {
            case .text, .variable:
                result.append(node)
            case .section(let path, let children, let inverted):
                result.append(.section(path, try link(children, in: template, indices: indices), inverted: inverted))
            case .block(let name, let children):
                result.append(.block(name, try link(children, in: template, indices: indices)))
            case .partial(let include, let indent):
                result.append(.partial(try resolve(include), indent: indent))
            case .parent(let include, let overrides):
                var linked: [String: [Node]] = [:]
                for (name, children) in overrides { linked[name] = try link(children, in: template, indices: indices) }
                result.append(.parent(try resolve(include), overrides: linked))
            }
        }
        return result
    }

    /// The names of all templates, sorted.
    public var names: [String] { templates.map(\.name).sorted() }

    public func contains(_ name: String) -> Bool { indices[name] != nil }

    /// Renders template `name` with `context` as the bottom of the context stack.
    public func render(_ name: String, _ context: TemplateValue) throws(TemplateError) -> [UInt8] {
        var output: [UInt8] = []
        try render(name, context, into: &output)
        return output
    }

    /// Appends the rendering to `output`, for callers that build a larger
    /// body. Nothing is appended when rendering fails.
    public func render(_ name: String, _ context: TemplateValue, into output: inout [UInt8]) throws(TemplateError) {
        guard let index = indices[name] else {
            throw TemplateError(file: name, line: 0, column: 0, reason: .unknownTemplate(name))
        }
        var renderer = Renderer(templates: templates, context: context, capacity: 16 * 1024)
        defer { renderer.output.deallocate() }
        try renderer.render(templates[index].nodes, in: index, blocks: [:])
        output.reserveCapacity(output.count + renderer.output.count)
        renderer.output.copy(to: &output)
    }

    /// The rendering as a `String`, for tests and small fragments.
    public func renderString(_ name: String, _ context: TemplateValue) throws(TemplateError) -> String {
        String(decoding: try render(name, context), as: UTF8.self)
    }
}
