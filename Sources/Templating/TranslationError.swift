/// A language catalogue that cannot be used, with the file and line to fix:
/// `Templates/i18n/en.txt:14: "booking.title" has placeholders {date} but de.txt has {date} {time}`.
public struct TranslationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    /// 1-based; 0 when the problem is the file as a whole.
    public let line: Int
    public let reason: Reason

    public enum Reason: Sendable, Equatable {
        case unreadable(String)
        /// A line that is neither blank, a `#` comment, nor `key = text`.
        case syntax(String)
        /// Keys are dot-separated parts of letters, digits, `-` and `_`.
        case invalidKey(String)
        /// `key =` with nothing after it: a text not written yet.
        case emptyText(String)
        case duplicateKey(String, firstLine: Int)
        /// `a.b = …` and `a.b.c = …`: `a.b` cannot be a text and a group at once.
        case keyConflict(String, with: String)
        /// The default language's catalogue has the key; this one does not.
        case missingKey(String, definedIn: String)
        /// This catalogue has a key the default language's does not.
        case extraKey(String, missingFrom: String)
        /// The same text must take the same `{placeholders}` in every language.
        case placeholderMismatch(String, these: [String], reference: [String], referenceFile: String)
        /// No catalogue for the default language, or none at all.
        case missingDefaultLanguage(String)
        /// A file name that is not a language code (`de.txt`, `en.txt`).
        case invalidLanguageCode(String)
    }

    public init(file: String, line: Int, reason: Reason) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var description: String {
        line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)"
    }

    public var message: String {
        switch reason {
        case .unreadable(let why): "cannot read catalogue: \(why)"
        case .syntax(let text): "expected `key = text` or a # comment, found \"\(text)\""
        case .invalidKey(let key): "invalid key \"\(key)\": use letters, digits, - and _ joined by dots"
        case .emptyText(let key): "\"\(key)\" has no text: write it, or remove the key in every language"
        case .duplicateKey(let key, let first): "\"\(key)\" is already defined on line \(first)"
        case .keyConflict(let key, let other): "\"\(key)\" is both a text and the group of \"\(other)\": rename one"
        case .missingKey(let key, let file): "\"\(key)\" is missing (it is in \(file)): add its translation"
        case .extraKey(let key, let file): "\"\(key)\" is not in \(file): add it there or remove it here"
        case .placeholderMismatch(let key, let these, let reference, let file):
            "\"\(key)\" takes \(Self.list(these)) but in \(file) takes \(Self.list(reference)): use the same placeholders"
        case .missingDefaultLanguage(let code): "no catalogue for the default language \"\(code)\""
        case .invalidLanguageCode(let name): "\"\(name)\" is not named after a language code like de or en"
        }
    }

    private static func list(_ names: [String]) -> String {
        names.isEmpty ? "no placeholders" : names.map { "{\($0)}" }.joined(separator: " ")
    }
}
