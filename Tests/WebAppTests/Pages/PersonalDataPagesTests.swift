import Core
import Foundation
import Scheduling
import XCTest

/// "Ihre Daten" on the manage page, as a browser without JavaScript uses
/// it: the download, the question, the erasing POST and its 303 (Back and
/// Reload ask and change nothing again); and an erased booking on the
/// pages of the office, which show it without a name left empty.
final class PersonalDataPagesTests: XCTestCase {
    /// A booking made through the pages, and its manage page opened by the link.
    private func managePage(_ browser: PageBrowser, language: String? = nil) throws -> (PageBrowser.Page, BookingCode) {
        let (_, codeText, manage) = try browser.book()
        let code = try XCTUnwrap(BookingCode(parsing: codeText))
        let opened = try browser.follow(try browser.get(manage))
        guard let language else { return (opened, code) }
        return (try browser.get("/termin/verwalten/\(code.value)?lang=\(language)"), code)
    }

    func testTheCitizenDownloadsAndErasesTheirDataFromTheManagePage() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        let (page, code) = try managePage(browser)
        let path = "/termin/verwalten/\(code.value)"
        XCTAssertTrue(page.contains("Ihre Daten"), page.html)
        XCTAssertTrue(page.links.contains(path + "/daten"))
        let eraseLink = try XCTUnwrap(page.links.first { $0 == path + "/loeschen" })

        let download = try browser.get(path + "/daten")
        XCTAssertEqual(download.status, 200)
        XCTAssertEqual(download.header("Content-Type"), "application/json")
        XCTAssertEqual(download.header("Content-Disposition"), "attachment; filename=\"termin-\(code.value).json\"")
        XCTAssertEqual(download.header("Cache-Control"), "no-store")
        let data = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(download.html.utf8)) as? [String: Any])
        XCTAssertEqual((data["booking"] as? [String: Any])?["contact"] as? [String: String],
                       ["name": "Erika Mustermann", "email": "erika@example.de"])
        XCTAssertNotNil(data["erasureDue"])

        let question = try browser.get(eraseLink)
        XCTAssertEqual(question.status, 200)
        XCTAssertTrue(question.contains("Möchten Sie Ihre Daten zu diesem Termin jetzt löschen?"), question.html)
        XCTAssertTrue(question.contains("Ihr Termin am Montag, 16. November 2026"), question.html)
        XCTAssertTrue(question.contains("wird zuerst abgesagt") && question.contains("nicht rückgängig"), question.html)
        XCTAssertEqual(try app.useCases.bookings.booking(code, access: .anyOffice).status, .confirmed, "asking erases nothing")

        let erased = try browser.submit(question, path + "/loeschen")
        XCTAssertEqual(erased.status, 303, erased.html)
        XCTAssertEqual(erased.location, path)
        XCTAssertEqual(erased.header("Cache-Control"), "no-store")
        let after = try browser.follow(erased)
        XCTAssertEqual(after.status, 200)
        XCTAssertTrue(after.contains("Ihre personenbezogenen Daten wurden am Montag, 16. November 2026 gelöscht."), after.html)
        XCTAssertFalse(after.contains("Erika"))
        XCTAssertFalse(after.links.contains { $0.hasSuffix("/tag") || $0.hasSuffix("/absagen") || $0.hasSuffix("/loeschen") },
                       "nothing to move, cancel or erase is offered")
        XCTAssertNil(after.form(path + "/kalender"))
        XCTAssertTrue(after.links.contains("/"), "a link to book anew")
        let stored = try app.useCases.bookings.booking(code, access: .anyOffice)
        XCTAssertEqual(stored.status, .cancelled)
        XCTAssertTrue(stored.isErased)

        // Back to the question, and the form sent again, and Reload: nothing more happens.
        let back = try browser.get(eraseLink)
        XCTAssertEqual(back.status, 303)
        XCTAssertEqual(back.location, path)
        let resent = try browser.submit(question, path + "/loeschen")
        XCTAssertEqual(resent.status, 303)
        XCTAssertEqual(try app.useCases.bookings.booking(code, access: .anyOffice), stored)
        XCTAssertEqual(try browser.get(path).status, 200)
    }

    func testTheQuestionAndTheErasedStateInEnglish() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        let (page, code) = try managePage(browser, language: "en")
        let path = "/termin/verwalten/\(code.value)"
        XCTAssertTrue(page.contains("Your data") && page.contains("Download the stored data (JSON)"), page.html)
        let question = try browser.get(path + "/loeschen")
        XCTAssertTrue(question.contains("Do you want to erase your data for this appointment now?"), question.html)
        XCTAssertTrue(question.contains("is cancelled first") && question.contains("You cannot undo"), question.html)
        let after = try browser.follow(try browser.submit(question, path + "/loeschen"))
        XCTAssertTrue(after.contains("Your personal data was erased on Monday 16 November 2026."), after.html)
    }

    func testAPastBookingIsErasedWithoutACancellation() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        let (_, code) = try managePage(browser)
        app.clock.set(PageTestApp.at("18:00"))
        let question = try browser.get("/termin/verwalten/\(code.value)/loeschen")
        XCTAssertFalse(question.contains("abgesagt"), "a past appointment is not cancelled first")
        _ = try browser.follow(try browser.submit(question, "/termin/verwalten/\(code.value)/loeschen"))
        XCTAssertEqual(try app.useCases.bookings.booking(code, access: .anyOffice).status, .confirmed)
    }

    func testTheOfficesPagesShowAnErasedBooking() throws {
        let app = try PageTestApp()
        let code = try app.bookMonday("10:00", person: 1)
        let staff = try XCTUnwrap(try app.application.useCases.accounts.all().first { $0.username == "staff-mitte" })
        app.clock.set(PageTestApp.at("12:00"))
        _ = try app.useCases.bookings.erasePersonalData(code, for: .account(staff))
        let browser = PageBrowser(app)
        browser.cookies["__Host-terminbuch-session"] = try app.session("staff-mitte")

        let booking = try browser.get("/buchungen/\(code.value)")
        XCTAssertEqual(booking.status, 200, booking.html)
        XCTAssertTrue(booking.contains("(Daten gelöscht)"), booking.html)
        XCTAssertTrue(booking.contains("Die personenbezogenen Daten dieses Termins wurden am Montag, 16. November 2026 gelöscht"))
        XCTAssertTrue(booking.contains("Personenbezogene Daten gelöscht") && booking.contains("auf Wunsch der Person"), booking.html)
        XCTAssertFalse(booking.contains("Andere Person 1"))

        let plan = try browser.get("/dienst/buergerbuero-mitte/tagesplan?date=2026-11-16")
        XCTAssertEqual(plan.status, 200)
        XCTAssertTrue(plan.contains("(Daten gelöscht)"), plan.html)
        XCTAssertFalse(plan.contains("Andere Person 1"))
        let print = try browser.get("/dienst/buergerbuero-mitte/tagesplan/druck?date=2026-11-16")
        XCTAssertEqual(print.status, 200)
        XCTAssertTrue(print.contains("(Daten gelöscht)"), print.html)
        let found = try browser.get("/buchungen?q=\(code.value)")
        XCTAssertTrue(found.contains("(Daten gelöscht)"), found.html)
        let english = try browser.get("/dienst/buergerbuero-mitte/tagesplan?date=2026-11-16&lang=en")
        XCTAssertTrue(english.contains("(data erased)"), english.html)
    }
}
