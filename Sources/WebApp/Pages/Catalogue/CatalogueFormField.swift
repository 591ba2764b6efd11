/// One field of a catalogue form and the member of the item's object in
/// the catalogue file it stands for (`policy.minNoticeMinutes`). The form
/// is turned into that object and read by the file's own reader, so every
/// type and range is checked in one place; the reader's paths lead back to
/// the fields, and the writer's object fills a form for a change.
struct CatalogueFormField: Sendable {
    enum Kind: Sendable {
        /// One line of text; left empty, the member is left out.
        case text
        /// One line that the object always carries, empty or not.
        case requiredText
        /// Several lines of text as one string, always carried (a description).
        case longText
        /// Several lines of text as one string, left out when empty (read in German).
        case optionalLongText
        /// A whole number; text that is none is passed on for the reader to refuse.
        case number
        /// Euros with up to two decimals (`12,50`) on the form, cents in the object.
        case euros
        /// Several lines, one value each (documents to bring); an array, empty when nothing is typed.
        case lines
        /// Several lines as `lines`, but left out when nothing is typed (read in German).
        case optionalLines
        /// A checkbox: true when ticked.
        case flag
        /// One of these values (`value`, text key of its label).
        case choice([(value: String, label: String)])
    }

    /// The form field's name and the id of its input.
    let name: String
    /// The member's path in the item's object.
    let path: [String]
    let kind: Kind
    /// Whether the texts have a hint for it (`<prefix>.<name>Hint`).
    var hint = false
    /// An optional object's part that it needs (`contact`): sent even when
    /// empty once any field of that object is filled, for the reader to ask for.
    var partOf: String?

    init(_ name: String, _ path: String? = nil, kind: Kind = .requiredText, hint: Bool = false, partOf: String? = nil) {
        self.name = name
        self.path = (path ?? name).split(separator: ".").map(String.init)
        self.kind = kind
        self.hint = hint
        self.partOf = partOf
    }

    var dottedPath: String { path.joined(separator: ".") }

    /// Whether a problem's path (relative to the item) is about this field.
    func names(_ problemPath: String) -> Bool {
        problemPath == dottedPath || problemPath.hasPrefix(dottedPath + ".") || problemPath.hasPrefix(dottedPath + "[")
    }

    /// The member's value from the form's text; nil to leave it out.
    func json(_ text: String, ticked: Bool) -> JSONValue? {
        let trimmed = text.trimmedSpaces
        switch kind {
        case .flag: return .bool(ticked)
        case .requiredText: return .string(trimmed)
        case .text, .choice: return trimmed.isEmpty ? nil : .string(trimmed)
        case .longText: return .string(trimmed)
        case .optionalLongText: return trimmed.isEmpty ? nil : .string(trimmed)
        case .number:
            guard !trimmed.isEmpty else { return nil }
            return Int64(trimmed).map(JSONValue.int) ?? .string(trimmed)
        case .euros:
            guard !trimmed.isEmpty else { return nil }
            return Self.cents(trimmed).map(JSONValue.int) ?? .string(trimmed)
        case .lines, .optionalLines:
            let lines = text.split(whereSeparator: \.isNewline).map { String($0).trimmedSpaces }.filter { !$0.isEmpty }
            if lines.isEmpty, case .optionalLines = kind { return nil }
            return .array(lines.map(JSONValue.string))
        }
    }

    /// The form's text for the member's value in the writer's object.
    func text(_ value: JSONValue?) -> String {
        switch (kind, value) {
        case (_, nil): return ""
        case (.euros, .int(let cents)?): return Self.euros(cents)
        case (_, .int(let number)?): return String(number)
        case (_, .string(let text)?): return text
        case (_, .bool(let flag)?): return flag ? "on" : ""
        case (_, .array(let values)?): return values.compactMap(\.stringValue).joined(separator: "\n")
        default: return ""
        }
    }

    /// `12,50`, `12.5` or `12` as cents; nil for anything else.
    static func cents(_ text: String) -> Int64? {
        let parts = text.replacingOccurrences(of: ",", with: ".").split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }), !parts[0].isEmpty,
              parts[0].count <= 12, let whole = Int64(parts[0]) else { return nil }
        guard parts.count == 2 else { return whole * 100 }
        let fraction = parts[1]
        guard (1...2).contains(fraction.count), let decimals = Int64(fraction) else { return nil }
        return whole * 100 + (fraction.count == 1 ? decimals * 10 : decimals)
    }

    /// Cents as the form shows euros: `12,50`, `0,00`.
    static func euros(_ cents: Int64) -> String {
        let fraction = cents % 100
        return "\(cents / 100)," + (fraction < 10 ? "0" : "") + String(fraction)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
