/// A template that cannot be loaded or rendered, with the place to fix it:
/// `Templates/booking/time.html:12:7: {{/slots}} closes {{#days}} opened at 9:3`.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as the library was given it (the path under the template
    /// directory, or the name for templates made from strings).
    public let file: String
    /// 1-based line; 0 when the problem is not inside a file.
    public let line: Int
    /// 1-based column in characters (not bytes), as editors count.
    public let column: Int
    public let reason: Reason

    public enum Reason: Sendable, Equatable {
        /// `{{` without its `}}` (or `{{{` without `}}}`).
        case unclosedTag
        /// `{{}}`, `{{# }}`, `{{>}}`: a tag needs a name.
        case emptyName
        /// A name with spaces or empty parts (`a..b`): usually a typo or a
        /// helper syntax (`{{t "key"}}`) this engine does not have.
        case invalidName(String)
        /// `{{#name}}` (or `{{^`, `{{$`, `{{<`) never closed; points at the opening tag.
        case unclosedSection(String)
        /// `{{/found}}` where `{{/expected}}` was due.
        case mismatchedClose(expected: String, found: String, openedAt: Position)
        /// `{{/name}}` with no section open.
        case unexpectedClose(String)
        /// `{{=<% %>=}}`: changing delimiters is not supported, on purpose.
        case delimitersNotSupported
        /// `{{> name}}` or `{{< name}}` names no template in the library.
        case unknownPartial(String)
        /// A partial or layout includes itself on every path: `a > b > a`.
        case includeCycle([String])
        /// Data-driven recursion through partials went deeper than the limit.
        case recursionTooDeep(limit: Int)
        /// `render("name")` for a template the library does not have.
        case unknownTemplate(String)
        /// `{{t.key}}` names no text of the language catalogues.
        case unknownText(String)
        /// `{{t.key}}` names a text with `{placeholders}`: format it in Swift.
        case textNeedsValues(String)
        /// The file could not be read or is not UTF-8.
        case unreadable(String)
    }

    public struct Position: Sendable, Equatable, CustomStringConvertible {
        public let line: Int
        public let column: Int
        public var description: String { "\(line):\(column)" }
    }

    public init(file: String, line: Int, column: Int, reason: Reason) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String {
        line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
    }

    /// What went wrong and what to do about it.
    public var message: String {
        switch reason {
        case .unclosedTag: "tag is not closed: add the missing }} (or }}} after {{{)"
        case .emptyName: "tag has no name"
        case .invalidName(let name): "invalid name \"\(name)\": use letters, digits, - and _ joined by dots, no spaces"
        case .unclosedSection(let name): "{{\(name)}} is never closed: add {{/\(name.dropFirst())}}"
        case .mismatchedClose(let expected, let found, let openedAt):
            "{{/\(found)}} closes {{\(expected)}} opened at \(openedAt): close the inner section first"
        case .unexpectedClose(let name): "{{/\(name)}} closes nothing: no section is open"
        case .delimitersNotSupported: "changing delimiters ({{=…=}}) is not supported"
        case .unknownPartial(let name): "no template named \"\(name)\" (looked for \(name).html)"
        case .includeCycle(let names): "templates include each other forever: \(names.joined(separator: " > "))"
        case .recursionTooDeep(let limit): "partials nested deeper than \(limit): recursive data too deep or a loop"
        case .unknownTemplate(let name): "no template named \"\(name)\""
        case .unknownText(let key): "no text \"\(key)\" in the language catalogues"
        case .textNeedsValues(let key):
            "text \"\(key)\" has {placeholders}: fill them with TextCatalogue.format in Swift and pass the result"
        case .unreadable(let why): "cannot read template: \(why)"
        }
    }
}
