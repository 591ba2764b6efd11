import XCTest
@testable import Templating

/// The real `Templates/` folder: every template loads, every text it names
/// exists, both catalogues agree, and the layout renders in both languages.
final class ProjectTemplatesTests: XCTestCase {
    static let templates = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Templates").path

    /// The file of a template: its name and `.html`, or a plain-text one's name as it is.
    static func file(_ name: String) -> String {
        templates + "/" + name + (name.hasSuffix(TemplateLibrary.plainTextSuffix) ? "" : ".html")
    }

    func load() throws -> (TemplateLibrary, Translations) {
        let translations = try Translations(directory: Self.templates + "/i18n")
        var sources: [String: String] = [:]
        // A stand-in page: the real pages come with their handlers.
        sources["test-page"] = "{{<layout}}{{$title}}Testseite{{/title}}{{$main}}<h1>{{heading}}</h1>{{/main}}{{/layout}}"
        let library = try TemplateLibrary(directory: Self.templates)
        for name in library.names {
            sources[name] = try String(contentsOfFile: Self.file(name), encoding: .utf8)
        }
        return (try TemplateLibrary(templates: sources), translations)
    }

    func testEveryTemplateLoadsAndNamesOnlyKnownTexts() throws {
        let (library, translations) = try load()
        XCTAssertTrue(library.contains("layout"))
        XCTAssertEqual(translations.languages, ["de", "en"])
        try library.checkTexts(translations)
    }

    func context(_ language: String, _ translations: Translations, heading: String = "Termin", errors: Bool = false) -> TemplateValue {
        let others = translations.languages.filter { $0 != language }
        return [
            "lang": .string(language),
            "t": translations[language].templateValue,
            "languages": TemplateValue(others) { code in
                ["code": .string(code), "name": .string(translations[code].text("language.name")),
                 "href": .string("/termin?office=mitte&lang=\(code)")]
            },
            "hasErrors": .bool(errors),
            "heading": .string(heading),
        ]
    }

    func testLayoutRendersInGerman() throws {
        let (library, translations) = try load()
        let html = try library.renderString("test-page", context("de", translations, heading: "<Termin>"))
        XCTAssertTrue(html.hasPrefix("<!doctype html>\n<html lang=\"de\">"), String(html.prefix(80)))
        XCTAssertTrue(html.contains("<title>Testseite – Terminbuch</title>"))
        XCTAssertTrue(html.contains("<a class=\"skip-link\" href=\"#main\">Zum Inhalt springen</a>"))
        XCTAssertTrue(html.contains("<a href=\"/termin?office=mitte&amp;lang=en\" lang=\"en\" hreflang=\"en\">English</a>"))
        XCTAssertFalse(html.contains(">Deutsch<"), "the switch offers the other languages")
        XCTAssertTrue(html.contains("<main id=\"main\" tabindex=\"-1\">\n<h1>&lt;Termin&gt;</h1>\n</main>"))
        XCTAssertTrue(html.contains("<link rel=\"stylesheet\" href=\"/static/css/terminbuch.css\">"))
        XCTAssertTrue(html.contains("Barrierefreiheit"))
    }

    func testLayoutRendersInEnglishWithErrorTitle() throws {
        let (library, translations) = try load()
        let html = try library.renderString("test-page", context("en", translations, errors: true))
        XCTAssertTrue(html.contains("<html lang=\"en\">"))
        XCTAssertTrue(html.contains("<title>Error: Testseite – Terminbuch</title>"))
        XCTAssertTrue(html.contains("Skip to main content"))
        XCTAssertTrue(html.contains("lang=\"de\" hreflang=\"de\">Deutsch</a>"))
        XCTAssertTrue(html.contains("Accessibility"))
    }

    /// The CSP forbids inline code and style, and the pages load nothing
    /// from elsewhere: no `<script>` without `src`, no `style`, no `on…=`, no
    /// absolute URLs. E-mails are not pages: no CSP reaches them, and mail
    /// programs keep only inline style, so `mail/` has its own rules
    /// (`testEMailsLoadNothingAndRunNothing`).
    func testTemplatesHaveNoInlineScriptStyleOrExternalResources() throws {
        let (library, _) = try load()
        for name in library.names where name != "test-page" && !name.hasPrefix("mail/") {
            let source = try String(contentsOfFile: Self.file(name), encoding: .utf8).lowercased()
            XCTAssertNil(source.range(of: "<style"), name)
            XCTAssertNil(source.range(of: " style="), name)
            XCTAssertNil(source.range(of: #"<script(?![^>]*\ssrc=)"#, options: .regularExpression), name)
            XCTAssertNil(source.range(of: #"\son[a-z]+\s*="#, options: .regularExpression), name)
            XCTAssertNil(source.range(of: "http://"), name)
            XCTAssertNil(source.range(of: "https://"), name)
            XCTAssertNil(source.range(of: "javascript:"), name)
        }
    }

    /// A mail program shows an e-mail's HTML without scripts and, often,
    /// without loading anything: so no script, no handler, no image or
    /// style sheet from elsewhere; links are made by the code (the public URL).
    func testEMailsLoadNothingAndRunNothing() throws {
        let (library, _) = try load()
        let mails = library.names.filter { $0.hasPrefix("mail/") }
        XCTAssertFalse(mails.isEmpty)
        for name in mails {
            let source = try String(contentsOfFile: Self.file(name), encoding: .utf8).lowercased()
            XCTAssertNil(source.range(of: "<script"), name)
            XCTAssertNil(source.range(of: "<img"), name)
            XCTAssertNil(source.range(of: "<link"), name)
            XCTAssertNil(source.range(of: #"\son[a-z]+\s*="#, options: .regularExpression), name)
            XCTAssertNil(source.range(of: "http://"), name)
            XCTAssertNil(source.range(of: "https://"), name)
        }
    }
}
