/// The one rule for the characters a person may type into a text field,
/// which every validator (booking contact, callbacks, memos, accounts)
/// asks. Lengths and emptiness stay with each field; this is about what
/// text looks like where staff read it — pages, CSV, calendars.
///
/// One line (a name, a topic, a subject): no control characters (NUL, tab,
/// line breaks, C1) and no format characters (Unicode category Cf: U+202E
/// and the other bidi controls reorder what is shown, U+200B, U+FEFF and the
/// soft hyphen hide inside a name so that two names look alike), nor the
/// line and paragraph separators U+2028/U+2029.
///
/// Several lines (a note, a memo's text): line breaks and tabs, nothing else
/// of the controls, and no bidi controls; CR LF and a lone CR are read as
/// LF (`lines(_:)`), so every export sees one kind of line break.
public enum FieldText {
    /// What is wrong with a one-line text, as a message, or nil.
    public static func problemInLine(_ text: String) -> String? {
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .lineSeparator, .paragraphSeparator: return "must not contain control characters or line breaks"
            case .format: return "must not contain invisible or formatting characters (such as U+200B or U+202E)"
            default: continue
            }
        }
        return nil
    }

    /// What is wrong with a text of several lines, as a message, or nil.
    public static func problemInLines(_ text: String) -> String? {
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control && !["\n", "\r", "\t"].contains(scalar) {
                return "must not contain control characters other than line breaks"
            }
            if scalar.properties.isBidiControl { return "must not contain text direction controls (such as U+202E)" }
        }
        return nil
    }

    /// The text with CR LF and lone CRs as LF.
    public static func lines(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "\r")) else { return text }
        var result = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" && previousWasCR { previousWasCR = false; continue }
            previousWasCR = scalar == "\r"
            result.append(scalar == "\r" ? "\n" : scalar)
        }
        return String(result)
    }
}
