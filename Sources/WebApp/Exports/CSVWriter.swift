/// Comma-separated values as RFC 4180 has them — CRLF line ends, a field in
/// double quotes when it holds the separator, a quote, CR or LF, quotes
/// inside doubled — plus two things spreadsheets need:
///
/// - the German Excel dialect: `;` as separator (the comma is the decimal
///   mark there) and a UTF-8 byte-order mark, without which Excel reads the
///   file as Windows-1252 and garbles every umlaut;
/// - protection against formula injection (OWASP "CSV Injection"): a value
///   a spreadsheet would take for a formula — starting with `=`, `+`, `-`,
///   `@`, a tab or a CR — gets a leading `'`, so a citizen's name like
///   `=HYPERLINK(…)` is shown as text, never run, on the clerk's machine.
struct CSVWriter {
    enum Dialect: Sendable {
        /// RFC 4180: `,`, no byte-order mark.
        case standard
        /// German Excel: `;` and a byte-order mark.
        case excel

        var separator: Character { self == .excel ? ";" : "," }
    }

    let dialect: Dialect
    private(set) var text = ""

    init(dialect: Dialect) {
        self.dialect = dialect
        if dialect == .excel { text = "\u{FEFF}" }
    }

    mutating func row(_ fields: [String]) {
        text += fields.map(field).joined(separator: String(dialect.separator)) + "\r\n"
    }

    var bytes: [UInt8] { Array(text.utf8) }

    /// One field, neutralised and quoted as needed.
    func field(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, Self.formulaStarts.contains(first) { value = "'" + value }
        let needsQuotes = value.unicodeScalars.contains {
            $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == dialect.separator.unicodeScalars.first!
        }
        guard needsQuotes else { return value }
        var quoted = "\""
        for character in value {
            quoted.append(character)
            if character == "\"" { quoted.append("\"") }
        }
        return quoted + "\""
    }

    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
}
