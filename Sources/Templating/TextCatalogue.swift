/// The texts of one language, loaded once. Templates reach them through
/// `templateValue` (put into the page as `t`, then `{{t.layout.skip-link}}`);
/// Swift code uses `text(_:)` and `format(_:_:)` for sentences with values.
///
/// Texts are plain text, never HTML: they are escaped like any other value.
/// A sentence with a link inside is written as parts the template joins.
public struct TextCatalogue: Sendable {
    /// The language code, from the file name: `de`, `en`.
    public let language: String
    public let file: String
    let texts: [String: String]
    /// The line of each key, for error messages that compare catalogues.
    let lines: [String: Int]
    /// The texts as nested objects (`layout.title` under `layout`, `title`),
    /// built once so handlers pass it to every page for free.
    public let templateValue: TemplateValue

    init(language: String, file: String, texts: [String: String], lines: [String: Int]) {
        self.language = language
        self.file = file
        self.texts = texts
        self.lines = lines
        self.templateValue = Self.nest(texts)
    }

    /// Every key, sorted.
    public var keys: [String] { texts.keys.sorted() }

    public subscript(key: String) -> String? { texts[key] }

    /// The text for `key`, or the key itself so that a missing text is
    /// visible on the page instead of an empty gap (load-time checks make
    /// this a programming error, never a translator's).
    public func text(_ key: String) -> String { texts[key] ?? key }

    /// The text for `key` with each `{name}` replaced by `values[name]`:
    /// `format("confirmation.when", ["date": "3. März", "time": "9:30"])`.
    /// The result is plain text; the template escapes it like any value.
    /// A placeholder without a value stays as written, to be seen in tests.
    public func format(_ key: String, _ values: [String: String]) -> String {
        let text = text(key)
        guard text.contains("{") else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: "}"),
               Self.isPlaceholderName(rest[afterOpen..<close]),
               let value = values[String(rest[afterOpen..<close])] {
                result += value
                rest = rest[rest.index(after: close)...]
            } else {
                result += "{"
                rest = rest[afterOpen...]
            }
        }
        return result + rest
    }

    /// The placeholder names of a text, sorted and without repeats.
    static func placeholders(in text: String) -> [String] {
        var names = Set<String>()
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            rest = rest[rest.index(after: open)...]
            if let close = rest.firstIndex(of: "}"), isPlaceholderName(rest[..<close]) {
                names.insert(String(rest[..<close]))
                rest = rest[rest.index(after: close)...]
            }
        }
        return names.sorted()
    }

    static func isPlaceholderName(_ name: Substring) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    private static func nest(_ texts: [String: String]) -> TemplateValue {
        var root = TemplateValue.object([:])
        for (key, text) in texts {
            root.insert(.string(text), at: key.split(separator: ".").map(String.init)[...])
        }
        return root
    }
}

private extension TemplateValue {
    /// Key conflicts are refused when the file is read, so every part but
    /// the last is an object here.
    mutating func insert(_ value: TemplateValue, at path: ArraySlice<String>) {
        guard let first = path.first, case .object(var members) = self else { return }
        self = .null  // let `members` be mutated in place rather than copied
        if path.count == 1 {
            members[first] = value
        } else {
            var child = members.removeValue(forKey: first) ?? .object([:])
            child.insert(value, at: path.dropFirst())
            members[first] = child
        }
        self = .object(members)
    }
}
