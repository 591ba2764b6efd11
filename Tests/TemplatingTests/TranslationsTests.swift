import XCTest
@testable import Templating

/// Loading the language catalogues and checking that they agree.
final class TranslationsTests: XCTestCase {
    static let german = """
        # Kommentar
        language.name = Deutsch

        layout.skipLink = Zum Inhalt springen
        confirmation.when = Ihr Termin am {date} um {time}
        """
    static let english = """
        language.name = English
        layout.skipLink   =   Skip to main content
        confirmation.when = Your appointment on {date} at {time}
        """

    func catalogues(de: String = german, en: String = english) throws -> Translations {
        try Translations(sources: ["de": de, "en": en])
    }

    func error(de: String = german, en: String = english) -> TranslationError? {
        do {
            _ = try catalogues(de: de, en: en)
            XCTFail("expected a catalogue error")
            return nil
        } catch {
            return error as? TranslationError
        }
    }

    func testLoadsTextsAndLanguages() throws {
        let translations = try catalogues()
        XCTAssertEqual(translations.languages, ["de", "en"])
        XCTAssertEqual(translations.defaultLanguage, "de")
        XCTAssertEqual(translations["en"]["layout.skipLink"], "Skip to main content", "spaces around = are trimmed")
        XCTAssertEqual(translations["de"].text("language.name"), "Deutsch")
        XCTAssertEqual(translations.keys, ["confirmation.when", "language.name", "layout.skipLink"])
        XCTAssertEqual(translations["fr"].language, "de", "unsupported languages get the default")
        XCTAssertTrue(translations.supports("en"))
        XCTAssertFalse(translations.supports("fr"))
    }

    /// Templates get the texts as nested objects under `t`.
    func testTemplateValueNestsByDots() throws {
        let texts = try catalogues()["de"].templateValue
        XCTAssertEqual(texts["layout"]?["skipLink"], "Zum Inhalt springen")
        let library = try TemplateLibrary(templates: ["a": "<a href=\"#main\">{{t.layout.skipLink}}</a>"])
        XCTAssertEqual(try library.renderString("a", ["t": texts]), "<a href=\"#main\">Zum Inhalt springen</a>")
    }

    func testMissingKeyNamesFileAndKey() {
        let error = error(en: "language.name = English\nconfirmation.when = {date} {time}")
        XCTAssertEqual(error?.reason, .missingKey("layout.skipLink", definedIn: "de.txt"))
        XCTAssertEqual(error?.file, "en.txt")
        XCTAssertEqual(error?.description, "en.txt: \"layout.skipLink\" is missing (it is in de.txt): add its translation")
    }

    func testExtraKeyNamesFileLineAndKey() {
        let error = error(en: Self.english + "\nlayout.extra = Extra")
        XCTAssertEqual(error?.reason, .extraKey("layout.extra", missingFrom: "de.txt"))
        XCTAssertEqual(error?.line, 4)
    }

    func testPlaceholdersMustMatch() {
        let error = error(en: Self.english.replacingOccurrences(of: "at {time}", with: "at {hour}"))
        XCTAssertEqual(error?.reason, .placeholderMismatch("confirmation.when", these: ["date", "hour"],
                                                          reference: ["date", "time"], referenceFile: "de.txt"))
        XCTAssertEqual(error?.line, 3)
    }

    func testSyntaxErrorsNameTheLine() {
        XCTAssertEqual(error(de: "a = b\n\nno equals sign here")?.reason, .syntax("no equals sign here"))
        XCTAssertEqual(error(de: "a = b\n\nno equals sign here")?.line, 3)
        XCTAssertEqual(error(de: "bad key! = x")?.reason, .invalidKey("bad key!"))
        XCTAssertEqual(error(de: "a..b = x")?.reason, .invalidKey("a..b"))
        XCTAssertEqual(error(de: " = x")?.reason, .invalidKey(""))
        XCTAssertEqual(error(de: "a.b =   ")?.reason, .emptyText("a.b"))
    }

    func testDuplicateKeyNamesBothLines() {
        let error = error(de: "a = 1\nb = 2\na = 3")
        XCTAssertEqual(error?.reason, .duplicateKey("a", firstLine: 1))
        XCTAssertEqual(error?.line, 3)
    }

    func testTextAndGroupConflict() {
        let error = error(de: "a.b = text\na.b.c = other")
        XCTAssertEqual(error?.reason, .keyConflict("a.b", with: "a.b.c"))
        XCTAssertEqual(error?.line, 2)
    }

    func testDefaultLanguageMustExistAndCodesMustBeLanguages() {
        XCTAssertThrowsError(try Translations(sources: ["en": "a = b"])) { error in
            XCTAssertEqual((error as? TranslationError)?.reason, .missingDefaultLanguage("de"))
        }
        XCTAssertThrowsError(try Translations(sources: ["de": "a = b", "English": "a = b"])) { error in
            XCTAssertEqual((error as? TranslationError)?.reason, .invalidLanguageCode("English"))
        }
        XCTAssertNoThrow(try Translations(sources: ["de": "a = b", "de-at": "a = c"]))
    }

    /// Windows line ends, a `#` inside a text, `=` inside a text, and UTF-8.
    func testFormatDetails() throws {
        let translations = try Translations(sources: ["de": "a = x = y # nicht kommentar\r\nb = Öffnungszeiten ✓\r\n"])
        XCTAssertEqual(translations["de"]["a"], "x = y # nicht kommentar")
        XCTAssertEqual(translations["de"]["b"], "Öffnungszeiten ✓")
    }

    func testLoadsFromDirectoryWithFileNamesInErrors() throws {
        let root = try temporaryDirectory(["de.txt": Self.german, "en.txt": Self.english, "README.md": "ignored"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let translations = try Translations(directory: root)
        XCTAssertEqual(translations.languages, ["de", "en"])

        try Data("language.name = English\n".utf8).write(to: URL(fileURLWithPath: root + "/en.txt"))
        XCTAssertThrowsError(try Translations(directory: root)) { error in
            XCTAssertEqual((error as? TranslationError)?.file, root + "/en.txt")
        }
        XCTAssertThrowsError(try Translations(directory: root + "/nowhere")) { error in
            guard case .unreadable? = (error as? TranslationError)?.reason else { return XCTFail("\(error)") }
        }
    }
}
