import XCTest
@testable import Templating

/// Loading a template directory, and checking the texts templates name.
final class LibraryFilesTests: XCTestCase {
    var root = ""

    override func tearDown() {
        if !root.isEmpty { try? FileManager.default.removeItem(atPath: root) }
    }

    func testLoadsHTMLFilesNamedByTheirPath() throws {
        root = try temporaryDirectory([
            "layout.html": "<main>{{$main}}{{/main}}</main>",
            "booking/time.html": "{{<layout}}{{$main}}{{> partials/slot}}{{/main}}{{/layout}}",
            "partials/slot.html": "<input value=\"{{time}}\">",
            "i18n/de.txt": "a = b",
            "notes.md": "{{not a template",
            ".hidden/x.html": "{{broken",
        ])
        let library = try TemplateLibrary(directory: root + "/")
        XCTAssertEqual(library.names, ["booking/time", "layout", "partials/slot"])
        XCTAssertTrue(library.contains("booking/time"))
        XCTAssertEqual(try library.renderString("booking/time", ["time": "09:30"]), "<main><input value=\"09:30\"></main>")
    }

    /// A `.text` template is plain text: named with its suffix, beside the
    /// HTML one of the same name, and `{{value}}` writes the value as it is.
    /// The catalogues' `.txt` files are no templates.
    func testPlainTextTemplatesAreNotEscaped() throws {
        root = try temporaryDirectory([
            "mail/note.html": "<p>{{who}}</p>",
            "mail/note.text": "Hello {{who}} & {{{who}}}\n{{> mail/sign.text}}",
            "mail/sign.text": "-- {{who}}",
            "i18n/de.txt": "a = {{b}}",
        ])
        let library = try TemplateLibrary(directory: root)
        XCTAssertEqual(library.names, ["mail/note", "mail/note.text", "mail/sign.text"])
        XCTAssertEqual(try library.renderString("mail/note.text", ["who": "A&B <x>"]), "Hello A&B <x> & A&B <x>\n-- A&B <x>")
        XCTAssertEqual(try library.renderString("mail/note", ["who": "A&B <x>"]), "<p>A&amp;B &lt;x&gt;</p>")
    }

    func testErrorsNameTheFile() throws {
        root = try temporaryDirectory(["ok.html": "fine", "pages/bad.html": "line one\n  {{#open}}\n"])
        XCTAssertThrowsError(try TemplateLibrary(directory: root)) { error in
            XCTAssertEqual((error as? TemplateError)?.description,
                           "\(self.root)/pages/bad.html:2:3: {{#open}} is never closed: add {{/open}}")
        }
    }

    func testByteOrderMarkIsDroppedAndInvalidUTF8Refused() throws {
        root = try temporaryDirectory([:])
        try Data([0xEF, 0xBB, 0xBF] + Array("<!doctype html>".utf8)).write(to: URL(fileURLWithPath: root + "/bom.html"))
        XCTAssertEqual(try TemplateLibrary(directory: root).renderString("bom", [:]), "<!doctype html>")
        try Data([0x3C, 0xFF, 0x3E]).write(to: URL(fileURLWithPath: root + "/latin1.html"))
        XCTAssertThrowsError(try TemplateLibrary(directory: root)) { error in
            XCTAssertEqual((error as? TemplateError)?.reason, .unreadable("not UTF-8"))
        }
    }

    func testMissingDirectoryIsAnError() {
        XCTAssertThrowsError(try TemplateLibrary(directory: "/nonexistent/templates")) { error in
            guard case .unreadable? = (error as? TemplateError)?.reason else { return XCTFail("\(error)") }
        }
    }

    func testRenderAppendsToABuffer() throws {
        let library = try TemplateLibrary(templates: ["a": "<p>{{x}}</p>"])
        var buffer = Array("HEAD".utf8)
        try library.render("a", ["x": "1"], into: &buffer)
        try library.render("a", ["x": "2"], into: &buffer)
        XCTAssertEqual(String(decoding: buffer, as: UTF8.self), "HEAD<p>1</p><p>2</p>")
    }

    // MARK: Texts named by templates

    let translations = try! Translations(sources: [
        "de": "layout.title = Titel\nlayout.nav.home = Start\nwhen = am {date}",
        "en": "layout.title = Title\nlayout.nav.home = Home\nwhen = on {date}",
    ])

    func testKnownTextsPass() throws {
        let library = try TemplateLibrary(templates: [
            "a": "{{t.layout.title}}{{#t.layout.nav}}{{home}}{{/t.layout.nav}}{{^t.layout.title}}{{/t.layout.title}}",
            "b": "{{<a}}{{$x}}{{{t.layout.nav.home}}}{{/x}}{{/a}}{{title}}{{other.layout.typo}}",
        ])
        XCTAssertNoThrow(try library.checkTexts(translations))
    }

    func testUnknownTextIsReportedWhereItIsUsed() throws {
        let library = try TemplateLibrary(templates: ["page": "<h1>\n  {{#ok}}{{t.layout.titel}}{{/ok}}</h1>"])
        XCTAssertThrowsError(try library.checkTexts(translations)) { error in
            let error = error as! TemplateError
            XCTAssertEqual(error.reason, .unknownText("layout.titel"))
            XCTAssertEqual([error.line, error.column], [2, 10])
        }
        let inBlock = try TemplateLibrary(templates: ["l": "{{$b}}{{/b}}", "p": "{{<l}}{{$b}}{{t.nope}}{{/b}}{{/l}}"])
        XCTAssertThrowsError(try inBlock.checkTexts(translations))
        let inSection = try TemplateLibrary(templates: ["p": "{{#t.layout.navi}}{{/t.layout.navi}}"])
        XCTAssertThrowsError(try inSection.checkTexts(translations))
        let group = try TemplateLibrary(templates: ["p": "{{t.layout.nav}}"])
        XCTAssertThrowsError(try group.checkTexts(translations), "a group is not a text")
    }

    func testTextWithPlaceholdersCannotBeShownDirectly() throws {
        let library = try TemplateLibrary(templates: ["p": "{{t.when}}"])
        XCTAssertThrowsError(try library.checkTexts(translations)) { error in
            XCTAssertEqual((error as? TemplateError)?.reason, .textNeedsValues("when"))
        }
    }
}
