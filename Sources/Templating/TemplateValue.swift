/// What a handler hands a template: a small tree of plain values. The
/// renderer never reflects over Swift types, so a page can show only what
/// its handler chose to put here, and building the tree is explicit and fast.
///
/// Literals build it directly:
///
///     let page: TemplateValue = [
///         "office": ["name": office.name, "open": true],
///         "slots": .list(slots.map { ["time": $0.label, "id": $0.id] }),
///     ]
public enum TemplateValue: Sendable, Equatable {
    /// Text; `{{name}}` escapes it, `{{{name}}}` does not.
    case string(String)
    case bool(Bool)
    /// A section iterates a list; an empty list counts as false.
    case list([TemplateValue])
    /// A section pushes an object; names are looked up in it first.
    case object([String: TemplateValue])
    /// HTML the Swift code vouches for (a fragment it rendered itself, say):
    /// written as it is even by the escaping `{{name}}`. Never wrap text that
    /// came from a person or the database in this.
    case html(String)
    /// Absent; renders as nothing and counts as false.
    case null

    /// False, `null`, the empty string and the empty list skip a section and
    /// show an inverted one. Empty text counting as false lets a page write
    /// `{{#error}}<p>{{.}}</p>{{/error}}` without a second flag.
    public var isTruthy: Bool {
        switch self {
        case .bool(let value): value
        case .null: false
        case .string(let text): !text.isEmpty
        case .html(let text): !text.isEmpty
        case .list(let items): !items.isEmpty
        case .object: true
        }
    }

    /// The member `key` of an object, `nil` for any other value.
    public subscript(key: String) -> TemplateValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// Numbers are shown, never computed with, so they are kept as text.
    public init(_ number: Int) { self = .string(String(number)) }

    /// `nil` becomes `.null`, so optional model fields need no `?? ""` dance.
    public init(_ text: String?) { self = text.map(TemplateValue.string) ?? .null }

    /// A list from any sequence, converting each element once.
    public init<S: Sequence>(_ elements: S, _ transform: (S.Element) throws -> TemplateValue) rethrows {
        self = .list(try elements.map(transform))
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension TemplateValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension TemplateValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self = .string(String(value)) }
}

extension TemplateValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
}

extension TemplateValue: ExpressibleByDictionaryLiteral {
    /// A repeated key is a programming error in the handler; the last one wins
    /// rather than trapping in production.
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension TemplateValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}

extension TemplateValue {
    /// A copy of this object with `key` set: how a handler adds the shared
    /// parts (language, texts, CSRF token) to the page's own values.
    public func setting(_ key: String, to value: TemplateValue) -> TemplateValue {
        guard case .object(var members) = self else { return self }
        members[key] = value
        return .object(members)
    }

    /// Sets `key` on an object in place; does nothing to other values.
    public mutating func set(_ key: String, _ value: TemplateValue) {
        guard case .object(var members) = self else { return }
        self = .null  // drop our reference first so the dictionary is mutated, not copied
        members[key] = value
        self = .object(members)
    }
}
