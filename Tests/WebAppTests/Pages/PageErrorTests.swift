import Core
import Foundation
import Scheduling
import XCTest

/// Errors next to their fields and summarised at the top (GOV.UK), with
/// "Fehler:"/"Error:" in the title; a time taken meanwhile leads back to
/// the times with a clear message.
final class PageErrorTests: XCTestCase {
    func testAMissingChoiceIsShownNextToTheRadiosAndInTheSummary() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        let offices = try browser.get("/termin/personalausweis/standort")
        let page = try browser.submit(offices, "/termin/personalausweis/standort")
        XCTAssertEqual(page.status, 422)
        XCTAssertTrue(page.title.hasPrefix("Fehler: Standort wählen"), page.title)
        XCTAssertEqual(page.errorSummary, ["Wählen Sie einen Standort aus."])
        XCTAssertTrue(page.contains(##"<li><a href="#office">Wählen Sie einen Standort aus.</a></li>"##))
        XCTAssertTrue(page.contains(#"id="office" name="office""#), "the summary links to the first radio")
        XCTAssertTrue(page.contains(#"<fieldset aria-describedby="office-hint office-error">"#))
        XCTAssertTrue(page.contains(#"<p class="error-message" id="office-error">"#))
    }

    func testDetailsErrorsAreShownNextToEachFieldInTheCitizensLanguage() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        browser.acceptLanguage = "en-GB,en;q=0.9"
        let (details, _) = try browser.detailsPage()
        let page = try browser.submit(details, "/termin/personalausweis/angaben",
                                      [("name", "  "), ("email", "erika@"), ("phone", "12ab")])
        XCTAssertEqual(page.status, 422)
        XCTAssertTrue(page.title.hasPrefix("Error: Your details"), page.title)
        XCTAssertEqual(page.errorSummary, ["Enter your full name.",
                                           "Enter an email address in the correct format, like name@example.com.",
                                           "Letters are not allowed in a phone number. Enter digits only, like 0471 590-0."])
        for field in ["name", "email", "phone"] {
            XCTAssertTrue(page.contains(##"<a href="#\##(field)">"##), field)
            XCTAssertTrue(page.contains(#"id="\#(field)-error""#), field)
            XCTAssertTrue(page.html.range(of: #"id="\#(field)"[^>]*aria-invalid="true""#, options: .regularExpression) != nil, field)
        }
        XCTAssertTrue(page.contains(#"aria-describedby="name-error""#))
        XCTAssertTrue(page.contains(#"aria-describedby="phone-hint phone-error""#))
        XCTAssertTrue(page.contains(#"value="erika@""#), "what was typed stays in the field")
        let neither = try browser.submit(details, "/termin/personalausweis/angaben", [("name", "Erika"), ("email", ""), ("phone", "")])
        XCTAssertEqual(neither.errorSummary, ["Enter an email address or a phone number."])
    }

    func testATimeTakenMeanwhileLeadsBackToTheTimesWithAMessage() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        let times = try browser.timesPage()
        let start = times.radioValues("start")[0]
        // Others book every counter of that time while the citizen reads the list.
        try fill(start, app)
        let page = try browser.submit(times, "/termin/personalausweis/zeit", [("start", start)])
        XCTAssertEqual(page.status, 409)
        XCTAssertTrue(page.title.hasPrefix("Fehler: Welche Uhrzeit passt Ihnen am Montag, 16. November 2026?"), page.title)
        XCTAssertEqual(page.errorSummary, ["Die gewählte Uhrzeit wurde inzwischen von jemand anderem gebucht. "
                                           + "Bitte wählen Sie eine andere Uhrzeit."])
        XCTAssertFalse(page.radioValues("start").contains(start), "the taken time is no longer offered")
        XCTAssertFalse(page.radioValues("start").isEmpty)
    }

    func testATimeTakenBeforeBookingLeadsBackToTheTimesAndKeepsTheDetails() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        // 11:00, so that it is still bookable when the hold has run out.
        let start = try XCTUnwrap(try browser.timesPage().radioValues("start").first { $0.contains("T11:00") })
        let check = try browser.checkPage(name: "Erika Mustermann", email: "erika@example.de", start: start)
        // The hold runs out, and others take the time.
        app.clock.advance(minutes: 11)
        try fill(start, app)
        let page = try browser.submit(check, "/termin/personalausweis/buchen")
        XCTAssertEqual(page.status, 409)
        XCTAssertTrue(page.contains("Die gewählte Uhrzeit wurde inzwischen von jemand anderem gebucht"))
        XCTAssertFalse(page.radioValues("start").contains(start))
        let hidden = page.hiddenFields(of: "/termin/personalausweis/zeit")
        XCTAssertTrue(hidden.contains { $0 == ("name", "Erika Mustermann") })
        XCTAssertTrue(hidden.contains { $0 == ("email", "erika@example.de") })
        // Choosing another time goes straight back to the check page.
        let again = try browser.submit(page, "/termin/personalausweis/zeit", [("start", page.radioValues("start")[0])])
        XCTAssertEqual(again.status, 200)
        XCTAssertTrue(again.contains("Prüfen Sie Ihre Angaben"))
        let confirmation = try browser.follow(try browser.submit(again, "/termin/personalausweis/buchen"))
        XCTAssertTrue(confirmation.contains("Ihr Termin ist gebucht"))
    }

    func testMovingToATimeTakenMeanwhileKeepsTheOldTime() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        let (_, codeText, manage) = try browser.book()
        let code = BookingCode(parsing: codeText)!
        let token = String(manage.split(separator: "=", maxSplits: 1)[1])
        let before = try app.useCases.bookings.booking(code, access: .manageToken(token)).start
        let times = try browser.follow(try browser.get("/termin/verwalten/\(code.value)/zeit?token=\(token)&date=2026-11-17"))
        let start = times.radioValues("start")[0]
        try fill(start, app)
        let page = try browser.submit(times, "/termin/verwalten/\(code.value)/zeit", [("start", start)])
        XCTAssertEqual(page.status, 409)
        XCTAssertTrue(page.contains("Die gewählte Uhrzeit wurde inzwischen von jemand anderem gebucht"))
        XCTAssertEqual(page.header("Referrer-Policy"), "no-referrer")
        XCTAssertEqual(try app.useCases.bookings.booking(code, access: .manageToken(token)).start, before)
    }

    /// Issue 17: the usual German spellings go on to the check page as
    /// typed; a refused number is told what is wrong with it.
    func testPhoneNumbersInTheUsualFormsAreTakenAndAWrongOneIsToldWhatIsWrong() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        let (details, _) = try browser.detailsPage()
        for phone in ["(0471) 590-0", "0471/5900", "+49 471 5900", "0471 590 0", "+49 (0)471 5900"] {
            let check = try browser.submit(details, "/termin/personalausweis/angaben",
                                           [("name", "Erika"), ("email", ""), ("phone", phone)])
            XCTAssertEqual(check.status, 200, phone)
            XCTAssertTrue(check.errorSummary.isEmpty, "\(phone): \(check.errorSummary)")
            XCTAssertTrue(check.contains("<dd>\(phone)</dd>"), phone)
        }
        let refused = [("0471", "Die Telefonnummer ist zu kurz. Geben Sie sie mit Vorwahl ein, zum Beispiel (0471) 590-0."),
                       ("0471 TAXI", "In der Telefonnummer sind keine Buchstaben erlaubt. Geben Sie nur Ziffern ein, zum Beispiel 0471 590-0."),
                       ("590 2000", "Geben Sie die Telefonnummer mit Vorwahl ein, zum Beispiel 0471 590-0 oder +49 471 5900."),
                       ("0471 590#0", "Die Telefonnummer darf nur Ziffern, Leerzeichen und + ( ) / - enthalten."),
                       ("0471 +5900", "Das + darf nur am Anfang der Telefonnummer stehen, vor der Ländervorwahl, zum Beispiel +49 471 5900."),
                       ("+49 471 1234567890123", "Die Telefonnummer ist zu lang: Sie hat mehr als 15 Ziffern.")]
        for (phone, message) in refused {
            let page = try browser.submit(details, "/termin/personalausweis/angaben",
                                          [("name", "Erika"), ("email", ""), ("phone", phone)])
            XCTAssertEqual(page.status, 422, phone)
            XCTAssertEqual(page.errorSummary, [message], phone)
        }
    }

    func testInvisibleAndDirectionCharactersAreNamedAtTheirFields() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        browser.acceptLanguage = "en"
        let (details, _) = try browser.detailsPage()
        for name in ["Erika \u{202E}nnamretsuM", "Eri\u{200B}ka", "\u{FEFF}Erika"] {
            let page = try browser.submit(details, "/termin/personalausweis/angaben",
                                          [("name", name), ("email", "eri\u{200B}ka@example.de"), ("phone", "")])
            XCTAssertEqual(page.status, 422)
            XCTAssertEqual(page.errorSummary, [
                "Your name contains characters that are not allowed, such as invisible or text direction characters.",
                "Your email address contains invisible characters, perhaps from copying it. Please type it in again.",
            ], name.debugDescription)
            XCTAssertTrue(page.contains(#"id="name-error""#) && page.contains(#"id="email-error""#))
        }
    }

    /// Anyone can type anyone's address: two bookings under it must not
    /// tell the next person who types it that it has appointments, nor how
    /// many. The limit reads as a time that can no longer be had does.
    func testTheContactLimitReadsLikeATimeThatCanNoLongerBeHad() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        // Three times apart: the same address at the same time is a duplicate, refused before the limit.
        let starts = try browser.timesPage().radioValues("start")
        _ = try browser.book(email: "viel@example.de", start: starts[0])
        _ = try browser.book(email: "viel@example.de", start: starts[1])
        let limited = try browser.submit(try browser.checkPage(email: "VIEL+opfer@example.de", start: starts[2]),
                                         "/termin/personalausweis/buchen")
        // Another refusal the citizen acts on alike: the time passed while they read the check page.
        let start = try XCTUnwrap(try browser.timesPage().radioValues("start").first { $0.contains("T11:00") })
        let check = try browser.checkPage(email: "anders@example.de", start: start)
        app.clock.advance(minutes: 240)
        let passed = try browser.submit(check, "/termin/personalausweis/buchen")
        XCTAssertEqual(limited.status, passed.status)
        XCTAssertEqual(limited.errorSummary, ["Die gewählte Uhrzeit kann nicht mehr gebucht werden. Bitte wählen Sie eine andere Uhrzeit."])
        XCTAssertEqual(limited.errorSummary, passed.errorSummary)
        XCTAssertFalse(limited.contains("2 Termine"))
        XCTAssertFalse(limited.contains(#"id="email-error""#))
    }

    /// Books `start` for other people until nothing is left of it.
    private func fill(_ start: String, _ app: PageTestApp) throws {
        let instant = try XCTUnwrap(RFC3339.parse(start))
        for person in 1...20 {
            do { try app.bookElsewhere(instant, person: person) } catch BookingError.refused(.slotTaken) { return }
        }
        XCTFail("\(start) never filled up")
    }
}
