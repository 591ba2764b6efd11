import Foundation
import XCTest

/// Every page, in both languages: it answers, says its language, has a
/// title that says where the citizen is, and shows no template tag, no
/// text key and no text of the other language.
final class PageRenderingTests: XCTestCase {
    static let catalogues: [String: [String: String]] = {
        var result: [String: [String: String]] = [:]
        for language in ["de", "en"] {
            let file = PageTestApp.root.appendingPathComponent("Templates/i18n/\(language).txt").path
            let source = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            var texts: [String: String] = [:]
            for line in source.split(separator: "\n") where !line.hasPrefix("#") {
                let parts = line.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                texts[parts[0].trimmingCharacters(in: .whitespaces)] = parts[1].trimmingCharacters(in: .whitespaces)
            }
            result[language] = texts
        }
        return result
    }()

    /// Every page a citizen can reach, by name, in `language`.
    func everyPage(in language: String) throws -> [(String, PageBrowser.Page)] {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        var pages: [(String, PageBrowser.Page)] = []
        pages.append(("start", try browser.get("/?lang=\(language)")))
        pages.append(("search", try browser.get("/?q=ausweis")))
        pages.append(("no results", try browser.get("/?q=zzzz")))
        pages.append(("service", try browser.get("/dienstleistungen/personalausweis")))
        pages.append(("phone-only service", try browser.get("/dienstleistungen/fuehrerschein-ersatz")))
        let offices = try browser.get("/termin/personalausweis/standort")
        pages.append(("office", offices))
        pages.append(("office error", try browser.submit(offices, "/termin/personalausweis/standort")))
        let quantity = try browser.get("/termin/personalausweis/anzahl?office=buergerbuero-mitte")
        pages.append(("quantity", quantity))
        pages.append(("quantity error", try browser.submit(quantity, "/termin/personalausweis/anzahl")))
        pages.append(("day", try browser.get("/termin/personalausweis/tag?office=buergerbuero-mitte&quantity=1")))
        pages.append(("next month", try browser.get("/termin/personalausweis/tag?office=buergerbuero-mitte&quantity=1&month=2026-12")))
        let times = try browser.get("/termin/personalausweis/zeit?office=buergerbuero-mitte&quantity=1&date=2026-11-16")
        pages.append(("time", times))
        pages.append(("time error", try browser.submit(times, "/termin/personalausweis/zeit")))
        pages.append(("no times (Sunday)",
                      try browser.get("/termin/personalausweis/zeit?office=buergerbuero-mitte&quantity=1&date=2026-11-22")))
        let details = try browser.follow(try browser.submit(times, "/termin/personalausweis/zeit",
                                                            [("start", times.radioValues("start")[2])]))
        pages.append(("details", details))
        pages.append(("details error", try browser.submit(details, "/termin/personalausweis/angaben")))
        let check = try browser.submit(details, "/termin/personalausweis/angaben", [("name", "Erika Mustermann"), ("phone", "0471 590-0")])
        pages.append(("check", check))
        pages.append(("change details", try browser.submit(check, "/termin/personalausweis/angaben", [("change", "1")])))
        let confirmation = try browser.follow(try browser.submit(check, "/termin/personalausweis/buchen"))
        pages.append(("confirmation", confirmation))
        let manageLink = unescape(matches(#"<a href="([^"]*)" class="manage-link">"#, in: confirmation.html)[0][0])
        let manage = try browser.follow(try browser.get(manageLink))
        pages.append(("manage", manage))
        let cancelLink = manage.links.first { $0.hasSuffix("/absagen") }!
        let moveLink = manage.links.first { $0.hasSuffix("/tag") }!
        pages.append(("cancel question", try browser.get(cancelLink)))
        let moveDays = try browser.get(moveLink)
        pages.append(("move day", moveDays))
        let moveTimes = try browser.get(moveDays.links.first { $0.contains("/zeit?") }!)
        pages.append(("move time", moveTimes))
        let code = matches(#"/termin/verwalten/([^/?]*)"#, in: manageLink)[0][0]
        pages.append(("move error", try browser.submit(moveTimes, "/termin/verwalten/\(code)/zeit")))
        let moved = try browser.submit(moveTimes, "/termin/verwalten/\(code)/zeit", [("start", moveTimes.radioValues("start")[0])])
        pages.append(("moved", moved))
        let cancelled = try browser.submit(try browser.get(cancelLink), "/termin/verwalten/\(code)/absagen")
        pages.append(("cancelled", cancelled))
        pages.append(("imprint", try browser.get("/impressum")))
        pages.append(("privacy", try browser.get("/datenschutz")))
        pages.append(("accessibility", try browser.get("/barrierefreiheit")))
        pages.append(("not found", try browser.get("/dienstleistungen/gibt-es-nicht")))
        pages.append(("wrong secret", try browser.get("/termin/verwalten/\(code)?token=falsch")))
        pages.append(("forbidden", try browser.post("/termin/personalausweis/standort", [], csrf: "falsch")))
        return pages
    }

    func testEveryPageInGerman() throws { try checkEveryPage(in: "de", other: "en") }

    func testEveryPageInEnglish() throws { try checkEveryPage(in: "en", other: "de") }

    private func checkEveryPage(in language: String, other: String) throws {
        let texts = try XCTUnwrap(Self.catalogues[language])
        let others = try XCTUnwrap(Self.catalogues[other])
        let expected: [String: Int] = ["office error": 422, "quantity error": 422, "time error": 422, "details error": 422,
                                       "move error": 422, "not found": 404, "wrong secret": 404, "forbidden": 403]
        let pages = try everyPage(in: language)
        XCTAssertEqual(pages.count, 32)
        for (name, page) in pages {
            XCTAssertEqual(page.status, expected[name] ?? 200, "\(language) \(name)")
            XCTAssertTrue(page.contains(#"<html lang="\#(language)">"#), "\(language) \(name)")
            XCTAssertTrue(page.title.hasSuffix(" – Terminbuch"), "\(language) \(name): \(page.title)")
            XCTAssertGreaterThan(page.title.count, " – Terminbuch".count + 3, "\(language) \(name): \(page.title)")
            XCTAssertEqual(page.title.hasPrefix(texts["layout.errorPrefix"]! + " "), expected[name] == 422,
                           "\(language) \(name): \(page.title)")
            XCTAssertFalse(page.html.contains("{{") || page.html.contains("}}"), "\(language) \(name)")
            XCTAssertEqual(matches(#"<h1[ >]"#, in: page.html).count, 1, "\(language) \(name): one heading")
            for key in texts.keys where page.html.contains(key) && key.contains(".") && !key.hasPrefix("format.") {
                XCTFail("\(language) \(name) shows the key \(key)")
            }
            // A text of the other language on this page is an untranslated leak
            // (short words like "Status" and names like "Kfz-Zulassung" may be in both).
            for (key, text) in others where text.count >= 20 && !(texts[key] ?? "").contains(text)
                && page.html.contains(escape(text)) {
                XCTFail("\(language) \(name) shows the \(other) text of \(key)")
            }
            let ids = matches(#" id="([^"]*)""#, in: page.html).map { $0[0] }
            XCTAssertEqual(ids.count, Set(ids).count, "\(language) \(name): duplicate ids \(ids)")
            for reference in matches(#"aria-describedby="([^"]*)""#, in: page.html).flatMap({ $0[0].split(separator: " ") }) {
                XCTAssertTrue(ids.contains(String(reference)), "\(language) \(name): aria-describedby \(reference) names no element")
            }
        }
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}
