import Foundation
import XCTest

/// German by default, English by `Accept-Language`, and a visible switch
/// (`?lang=en`) that keeps the citizen's place and is remembered in the
/// `lang` cookie.
final class PageLanguageTests: XCTestCase {
    func testGermanByDefaultAndEnglishByAcceptLanguage() throws {
        let app = try PageTestApp()
        let german = try PageBrowser(app).get("/")
        XCTAssertTrue(german.contains(#"<html lang="de">"#))
        XCTAssertEqual(german.header("Content-Language"), "de")
        XCTAssertEqual(german.title, "Termin vereinbaren – Terminbuch")
        let browser = PageBrowser(app)
        browser.acceptLanguage = "fr-CH, en;q=0.8, de;q=0.5"
        let english = try browser.get("/")
        XCTAssertTrue(english.contains(#"<html lang="en">"#))
        XCTAssertEqual(english.title, "Book an appointment – Terminbuch")
        XCTAssertTrue(english.headers.values("Vary").joined().contains("Accept-Language"))
        XCTAssertTrue(english.headers.values("Set-Cookie").allSatisfy { !$0.hasPrefix("lang=") },
                      "only an explicit choice is remembered")
    }

    func testTheSwitchKeepsThePlaceAndIsRemembered() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        browser.acceptLanguage = "de-DE"
        let times = try browser.timesPage()
        let path = "/termin/personalausweis/zeit?office=buergerbuero-mitte&quantity=1&date=2026-11-16"
        let escaped = path.replacingOccurrences(of: "&", with: "&amp;")
        XCTAssertTrue(times.contains(#"<a href="\#(escaped)&amp;lang=en" lang="en" hreflang="en">English</a>"#), times.html)
        let english = try browser.get(path + "&lang=en")
        XCTAssertEqual(english.status, 200)
        XCTAssertTrue(english.title.hasPrefix("Which time suits you on Monday 16 November 2026?"), english.title)
        XCTAssertEqual(english.radioValues("start"), times.radioValues("start"), "the same place, in English")
        let cookie = try XCTUnwrap(english.headers.values("Set-Cookie").first { $0.hasPrefix("lang=") })
        XCTAssertEqual(cookie, "lang=en; Path=/; Max-Age=31536000; Secure; SameSite=Lax")
        // Remembered: the next page is English although the browser prefers German.
        let next = try browser.get("/dienstleistungen/personalausweis")
        XCTAssertTrue(next.contains(#"<html lang="en">"#))
        XCTAssertTrue(next.contains("€37.00"))
        XCTAssertTrue(next.contains(#"<a href="/dienstleistungen/personalausweis?lang=de" lang="de" hreflang="de">Deutsch</a>"#))
        // And back.
        XCTAssertTrue(try browser.get("/dienstleistungen/personalausweis?lang=de").contains("37,00 €"))
        XCTAssertEqual(browser.cookies["lang"], "de")
    }

    func testAnUnknownLanguageFallsBackWithoutACookie() throws {
        let app = try PageTestApp()
        let page = try PageBrowser(app).get("/?lang=fr")
        XCTAssertTrue(page.contains(#"<html lang="de">"#))
        XCTAssertTrue(page.headers.values("Set-Cookie").allSatisfy { !$0.hasPrefix("lang=") })
        XCTAssertTrue(try PageBrowser(app).get("/?lang=%3Cscript%3E").contains(#"<html lang="de">"#))
    }

    func testAFormAnswersInTheLanguageOfThePageItWasOn() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        let english = try browser.get("/termin/personalausweis/standort")
        // The page was German; a form from an English page says so in its `lang` field.
        let page = try browser.post("/termin/personalausweis/standort", [("lang", "en")])
        XCTAssertEqual(english.status, 200)
        XCTAssertTrue(page.contains(#"<html lang="en">"#))
        XCTAssertEqual(page.errorSummary, ["Select an office."])
        XCTAssertTrue(page.title.hasPrefix("Error: "))
    }

    func testDatesTimesAndFeesInBothLanguages() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        let german = try browser.get("/termin/personalausweis/zeit?office=buergerbuero-mitte&quantity=2&date=2026-11-16")
        XCTAssertTrue(german.contains("Welche Uhrzeit passt Ihnen am Montag, 16. November 2026?"))
        XCTAssertTrue(german.contains(">9:30 Uhr</label>"), german.html)
        XCTAssertTrue(german.contains("bis 10:00 Uhr"), "two persons: 25 minutes, two slots of 15")
        let english = try browser.get("/termin/personalausweis/zeit?office=buergerbuero-mitte&quantity=2&date=2026-11-16&lang=en")
        XCTAssertTrue(english.contains("Which time suits you on Monday 16 November 2026?"))
        XCTAssertTrue(english.contains(">9:30</label>"))
        XCTAssertTrue(try browser.get("/dienstleistungen/wohnsitz-anmelden").contains("free of charge"))
        XCTAssertTrue(try browser.get("/dienstleistungen/wohnsitz-anmelden?lang=de").contains("gebührenfrei"))
        XCTAssertTrue(try browser.get("/dienstleistungen/kfz-abmeldung").contains("10,70 €"))
    }

    func testOnTheCheckPageTheSwitchPostsTheDetailsAgainInsteadOfPuttingThemIntoALink() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        let check = try browser.checkPage(name: "Erika Mustermann", email: "erika@example.de")
        XCTAssertFalse(check.links.contains { $0.contains("Erika") }, "no personal data in any address")
        let form = try XCTUnwrap(matches(#"<form method="post" action="([^"]*)" class="language-form">"#, in: check.html).first?[0])
        XCTAssertEqual(form, "/termin/personalausweis/angaben")
        let switchForm = try XCTUnwrap(matches(#"<form method="post" action="[^"]*" class="language-form">[\s\S]*?</form>"#,
                                               in: check.html).first?[0])
        XCTAssertTrue(switchForm.contains(#"<input type="hidden" name="lang" value="en">"#))
        let fields = matches(#"<input type="hidden" name="([^"]*)" value="([^"]*)">"#, in: switchForm)
            .map { (unescape($0[0]), unescape($0[1])) }.filter { $0.0 != "lang" && $0.0 != "languageSwitch" }
        XCTAssertTrue(fields.contains { $0 == ("name", "Erika Mustermann") })
        let english = try browser.post(form, fields + [("lang", "en"), ("languageSwitch", "1")])
        XCTAssertEqual(english.status, 200)
        XCTAssertTrue(english.title.hasPrefix("Check your answers"), english.title)
        XCTAssertTrue(english.contains("Erika Mustermann"))
        XCTAssertEqual(browser.cookies["lang"], "en", "the choice is remembered as with the link")
    }
}
