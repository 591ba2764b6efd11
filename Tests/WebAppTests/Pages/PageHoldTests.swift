import Foundation
import XCTest

/// The journey's holds under the hold rules: too many held times is a
/// message with the minutes to wait, choosing the same time again keeps its
/// hold, and the details step makes the hold the contact's.
final class PageHoldTests: XCTestCase {
    static let times = "/termin/personalausweis/zeit"
    static let details = "/termin/personalausweis/angaben"

    func testTheFourthHeldTimeIsRefusedWithTheMinutesToWait() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        browser.clientKey = "192.0.2.7"
        let times = try browser.timesPage()
        let starts = times.radioValues("start")
        // Three journeys side by side, each holding a time of its own.
        for start in starts.prefix(3) {
            XCTAssertEqual(try browser.submit(times, Self.times, [("start", start)]).status, 303)
        }
        app.clock.advance(minutes: 4)
        let page = try browser.submit(times, Self.times, [("start", starts[3])])
        XCTAssertEqual(page.status, 429)
        XCTAssertEqual(page.header("Retry-After"), "360")
        XCTAssertEqual(page.errorSummary, ["Sie halten an diesem Standort schon mehrere Uhrzeiten frei. "
                                           + "Buchen Sie eine davon, oder versuchen Sie es in 6 Minuten noch einmal."])
        let neighbour = PageBrowser(app)
        neighbour.clientKey = "192.0.2.8"
        XCTAssertEqual(try neighbour.submit(try neighbour.timesPage(), Self.times, [("start", starts[3])]).status, 303,
                       "another client is not held back")
    }

    func testChoosingTheSameTimeAgainKeepsTheHoldAndAnotherTimeAfterThatIsFine() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        let (details, start) = try browser.detailsPage()
        let hold = try XCTUnwrap(details.hiddenFields(of: Self.details).first { $0.0 == "hold" }?.1)
        let back = try browser.get(try XCTUnwrap(details.links.first { $0.contains("/zeit?") }))
        let again = try browser.submit(back, Self.times, [("start", start)])
        XCTAssertEqual(again.status, 303)
        XCTAssertTrue(again.location?.contains("hold=\(hold)") ?? false, "the same hold: \(again.location ?? "")")
        let other = try XCTUnwrap(back.radioValues("start").first { $0 != start })
        let moved = try browser.follow(try browser.submit(back, Self.times, [("start", other)]))
        let newHold = try XCTUnwrap(moved.hiddenFields(of: Self.details).first { $0.0 == "hold" }?.1)
        XCTAssertNotEqual(newHold, hold)
        let backAgain = try browser.get(try XCTUnwrap(moved.links.first { $0.contains("/zeit?") }))
        let returning = try browser.submit(backAgain, Self.times, [("start", start)])
        XCTAssertEqual(returning.status, 409, "the time given up a moment ago")
        XCTAssertEqual(returning.errorSummary, ["Diese Uhrzeit haben Sie eben erst freigegeben. Sie können sie erst in 30 Minuten "
                                                + "wieder wählen. Bitte wählen Sie eine andere Uhrzeit."])
        XCTAssertTrue(returning.hiddenFields(of: Self.times).contains { $0 == ("hold", newHold) },
                      "the journey keeps the hold it still has")
    }

    func testTheDetailsStepMakesTheHoldTheContacts() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        let (details, _) = try browser.detailsPage()
        let check = try browser.submit(details, Self.details, [("name", "Erika Mustermann"), ("email", "erika@example.de")])
        XCTAssertEqual(check.status, 200)
        XCTAssertTrue(check.contains("Prüfen Sie Ihre Angaben"))
        let change = try browser.submit(details, Self.details, [("name", "Max Käufer"), ("email", "max@example.de")])
        XCTAssertEqual(change.status, 422)
        XCTAssertEqual(change.errorSummary, ["Diese Uhrzeit wird für andere Angaben freigehalten, als Sie zuerst gemacht haben. "
                                             + "Geben Sie dieselbe E-Mail-Adresse oder Telefonnummer an, oder wählen Sie eine andere Uhrzeit."])
        let booked = try browser.follow(try browser.submit(check, "/termin/personalausweis/buchen"))
        XCTAssertTrue(booked.contains("Ihr Termin ist gebucht"), "the first contact books")
    }
}
