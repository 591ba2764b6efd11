import XCTest
@testable import Templating

/// Sentences with values, and the language from `Accept-Language`.
final class TextFormattingTests: XCTestCase {
    let translations = try! Translations(sources: [
        "de": "when = Ihr Termin am {date} um {time}\nplain = Keine Werte\nodd = {} {not a name} {date",
        "en": "when = Your appointment on {date} at {time}\nplain = No values\nodd = {} {not a name} {date",
    ])

    func testPlaceholdersAreFilled() {
        XCTAssertEqual(translations["de"].format("when", ["date": "3. März 2026", "time": "9:30"]),
                       "Ihr Termin am 3. März 2026 um 9:30")
        XCTAssertEqual(translations["en"].format("when", ["time": "9:30", "date": "3 March 2026"]),
                       "Your appointment on 3 March 2026 at 9:30")
    }

    /// Values are text: braces in a value are not placeholders again, and the
    /// template escapes the whole sentence when it shows it.
    func testValuesAreInsertedOnceAndEscapedByTheTemplate() throws {
        let sentence = translations["de"].format("when", ["date": "{time}", "time": "<b>9</b>"])
        XCTAssertEqual(sentence, "Ihr Termin am {time} um <b>9</b>")
        let library = try TemplateLibrary(templates: ["p": "<p>{{when}}</p>"])
        XCTAssertEqual(try library.renderString("p", ["when": .string(sentence)]), "<p>Ihr Termin am {time} um &lt;b&gt;9&lt;/b&gt;</p>")
    }

    func testMissingValuesStayVisible() {
        XCTAssertEqual(translations["de"].format("when", ["date": "heute"]), "Ihr Termin am heute um {time}")
        XCTAssertEqual(translations["de"].format("plain", ["x": "y"]), "Keine Werte")
        XCTAssertEqual(translations["de"].format("odd", ["date": "d"]), "{} {not a name} {date")
        XCTAssertEqual(translations["de"].text("no.such.key"), "no.such.key")
    }

    func testPlaceholderNames() {
        XCTAssertEqual(TextCatalogue.placeholders(in: "{b} {a} {b} {} {x y} {c_1}"), ["a", "b", "c_1"])
    }

    func testAcceptLanguage() {
        let cases: [(String?, String)] = [
            (nil, "de"), ("", "de"), ("en", "en"), ("en-GB,en;q=0.9", "en"), ("de-DE,de;q=0.9,en;q=0.8", "de"),
            ("fr-FR,fr;q=0.9,en;q=0.5,de;q=0.4", "en"), ("fr, es", "de"), ("*", "de"), ("EN-us", "en"),
            ("de;q=0.1, en;q=0.9", "en"), ("en;q=0, de", "de"), ("en;q=abc, de;q=0.5", "de"),
            ("de;q=0.5, en;q=0.5", "de"), ("en;q=0.5, de;q=0.5", "en"), ("en;q=2", "de"), (" ;q=1, ,en", "en"),
        ]
        for (header, expected) in cases {
            XCTAssertEqual(translations.language(forAcceptLanguage: header), expected, header ?? "nil")
        }
    }
}
