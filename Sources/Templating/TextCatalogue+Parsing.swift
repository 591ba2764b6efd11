/// The catalogue file format, one text per line:
///
///     # Comments start with "#"; blank lines are ignored.
///     layout.skip-link = Zum Inhalt springen
///     confirmation.when = Ihr Termin am {date} um {time}
///
/// Chosen over JSON so translators can leave comments, so every error can
/// name a line, and so a repeated key is an error rather than silently
/// taking the last value. Keys group with dots; texts are UTF-8, trimmed.
extension TextCatalogue {
    init(language: String, file: String, source: String) throws(TranslationError) {
        var texts: [String: String] = [:]
        var lines: [String: Int] = [:]
        var number = 0
        // `\r\n` is one Character in Swift, so split on any line end, not on "\n".
        for rawLine in source.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            number += 1
            let line = rawLine.trimmingSpaces
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw TranslationError(file: file, line: number, reason: .syntax(String(line)))
            }
            let key = String(line[..<equals].trimmingSpaces)
            let text = String(line[line.index(after: equals)...].trimmingSpaces)
            guard Self.isValidKey(key) else {
                throw TranslationError(file: file, line: number, reason: .invalidKey(key))
            }
            guard !text.isEmpty else { throw TranslationError(file: file, line: number, reason: .emptyText(key)) }
            if let first = lines[key] {
                throw TranslationError(file: file, line: number, reason: .duplicateKey(key, firstLine: first))
            }
            texts[key] = text
            lines[key] = number
        }
        // `a.b` as a text and as a group (of `a.b.c`) cannot both be nested.
        for key in texts.keys.sorted() {
            var prefix = Substring(key)
            while let dot = prefix.lastIndex(of: ".") {
                prefix = prefix[..<dot]
                if texts[String(prefix)] != nil {
                    throw TranslationError(file: file, line: lines[key]!, reason: .keyConflict(String(prefix), with: key))
                }
            }
        }
        self.init(language: language, file: file, texts: texts, lines: lines)
    }

    static func isValidKey(_ key: String) -> Bool {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false)
        return parts.allSatisfy { part in
            !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        }
    }
}

extension Substring {
    /// Spaces, tabs and a Windows line end's `\r`; texts keep inner spaces.
    var trimmingSpaces: Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" || first == "\r" { result.removeFirst() }
        while let last = result.last, last == " " || last == "\t" || last == "\r" { result.removeLast() }
        return result
    }
}
