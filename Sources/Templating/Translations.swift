import Foundation

/// The catalogues of every language, loaded and cross-checked once at start.
///
/// Every catalogue must have exactly the keys of the default language's and
/// the same `{placeholders}` in each text, so a page can never show a
/// missing text in one language only; the error names the file and key.
public struct Translations: Sendable {
    public let defaultLanguage: String
    /// The default language first, then the others in alphabetical order.
    public let languages: [String]
    private let catalogues: [String: TextCatalogue]
    /// The default language's catalogue: the answer for a language not supported.
    private let defaultCatalogue: TextCatalogue

    /// The file extension of catalogue files: `Templates/i18n/de.txt`.
    public static let fileExtension = "txt"

    /// Loads `<language>.txt` for every language in `directory`.
    public init(directory: String, defaultLanguage: String = "de") throws(TranslationError) {
        let root = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: root)
                .filter { $0.hasSuffix("." + Self.fileExtension) && !$0.hasPrefix(".") }
        } catch {
            throw TranslationError(file: root, line: 0, reason: .unreadable(error.localizedDescription))
        }
        var sources: [String: (file: String, source: String)] = [:]
        for name in names {
            let file = root + "/" + name
            guard let data = FileManager.default.contents(atPath: file),
                  let source = String(validating: data, as: UTF8.self) else {
                throw TranslationError(file: file, line: 0, reason: .unreadable("not readable or not UTF-8"))
            }
            sources[String(name.dropLast(Self.fileExtension.count + 1))] = (file, source)
        }
        try self.init(files: sources, defaultLanguage: defaultLanguage, directory: root)
    }

    /// Catalogues from strings, by language code (tests).
    public init(sources: [String: String], defaultLanguage: String = "de") throws(TranslationError) {
        let files = sources.mapValues { (file: "", source: $0) }
        try self.init(files: files, defaultLanguage: defaultLanguage, directory: "")
    }

    private init(files: [String: (file: String, source: String)], defaultLanguage: String, directory: String) throws(TranslationError) {
        var catalogues: [String: TextCatalogue] = [:]
        for (language, entry) in files.sorted(by: { $0.key < $1.key }) {
            let file = entry.file.isEmpty ? "\(language).\(Self.fileExtension)" : entry.file
            guard Self.isLanguageCode(language) else {
                throw TranslationError(file: file, line: 0, reason: .invalidLanguageCode(language))
            }
            catalogues[language] = try TextCatalogue(language: language, file: file, source: entry.source)
        }
        guard let reference = catalogues[defaultLanguage] else {
            throw TranslationError(file: directory.isEmpty ? "catalogues" : directory, line: 0,
                                   reason: .missingDefaultLanguage(defaultLanguage))
        }
        for (language, catalogue) in catalogues.sorted(by: { $0.key < $1.key }) where language != defaultLanguage {
            try Self.check(catalogue, against: reference)
        }
        self.defaultLanguage = defaultLanguage
        self.languages = [defaultLanguage] + catalogues.keys.filter { $0 != defaultLanguage }.sorted()
        self.catalogues = catalogues
        defaultCatalogue = reference
    }

    /// The catalogue of `language`, or of the default language for any code
    /// not supported, so a stray `?lang=xx` still gets a page.
    public subscript(language: String) -> TextCatalogue {
        catalogues[language] ?? defaultCatalogue
    }

    public func supports(_ language: String) -> Bool { catalogues[language] != nil }

    /// Every key of the catalogues (all have the same keys), sorted.
    public var keys: [String] { self[defaultLanguage].keys }

    /// Same keys, same placeholders; differences are reported in key order
    /// so the first error is the same on every run.
    private static func check(_ catalogue: TextCatalogue, against reference: TextCatalogue) throws(TranslationError) {
        for key in reference.keys where catalogue[key] == nil {
            throw TranslationError(file: catalogue.file, line: 0, reason: .missingKey(key, definedIn: reference.file))
        }
        for key in catalogue.keys {
            let line = catalogue.lines[key] ?? 0
            guard let expected = reference[key] else {
                throw TranslationError(file: catalogue.file, line: line, reason: .extraKey(key, missingFrom: reference.file))
            }
            let these = TextCatalogue.placeholders(in: catalogue.text(key))
            let wanted = TextCatalogue.placeholders(in: expected)
            guard these == wanted else {
                throw TranslationError(file: catalogue.file, line: line, reason: .placeholderMismatch(
                    key, these: these, reference: wanted, referenceFile: reference.file))
            }
        }
    }

    /// `de`, `en`, `de-at`: what `Accept-Language` and `?lang=` compare against.
    static func isLanguageCode(_ code: String) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = parts.first, (2...3).contains(primary.count),
              primary.allSatisfy({ $0.isASCII && $0.isLowercase }) else { return false }
        return parts.dropFirst().allSatisfy { part in
            (1...8).contains(part.count) && part.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
        }
    }
}

/// Choosing the language of a page from the browser's `Accept-Language`
/// (RFC 9110 §12.5.4). An explicit choice (`?lang=`, a cookie) is the
/// caller's business and comes first; this is only the fallback.
extension Translations {
    /// The supported language the browser prefers most, or the default.
    ///
    /// `de-DE` matches `de` (a region never excludes its language), `*`
    /// means the default, `q=0` means "not this one", and anything that
    /// does not parse is skipped rather than failing the request.
    public func language(forAcceptLanguage header: String?) -> String {
        guard let header else { return defaultLanguage }
        var ranges: [(tag: String, quality: Double, order: Int)] = []
        for (order, element) in header.split(separator: ",").enumerated() {
            let parameters = element.split(separator: ";")
            guard let tag = parameters.first?.trimmingSpaces.lowercased(), !tag.isEmpty else { continue }
            var quality = 1.0
            for parameter in parameters.dropFirst() {
                let pair = parameter.trimmingSpaces
                guard pair.lowercased().hasPrefix("q=") else { continue }
                guard let value = Double(pair.dropFirst(2)), (0...1).contains(value) else { quality = -1; break }
                quality = value
            }
            if quality > 0 { ranges.append((tag, quality, order)) }
        }
        // Stable by position among equal weights: the header's order decides ties.
        ranges.sort { $0.quality != $1.quality ? $0.quality > $1.quality : $0.order < $1.order }
        for range in ranges {
            if range.tag == "*" { return defaultLanguage }
            if supports(range.tag) { return range.tag }
            if let primary = range.tag.split(separator: "-").first, supports(String(primary)) { return String(primary) }
        }
        return defaultLanguage
    }
}
