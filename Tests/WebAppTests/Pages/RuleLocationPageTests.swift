import Core
import Foundation
import Scheduling
import XCTest

/// A mobile office's bands held in library branches, as citizens and staff
/// read them: the day list names each day's place, the time, check and
/// confirmation pages and the manage page the branch of the chosen start,
/// the .ics its LOCATION, and the desk's schedule the branch beside the time.
final class RuleLocationPageTests: XCTestCase {
    static let mobil: OfficeID = "buergerservice-mobil"
    static let leherheide = "Stadtbibliothek Leherheide, Am Leher Markt 1, 27578 Bremerhaven"
    static let gruenhoefe = "Stadtteilbibliothek Grünhöfe, Auf den Sülten 9, 27574 Bremerhaven"
    static let stadthaus = "Hinrich-Schmalfeldt-Straße 42, 27576 Bremerhaven"
    // Monday 16 is at the Stadthaus, Tuesday 17 in Leherheide, Thursday 19 in Grünhöfe.
    static let tuesday = "2026-11-17"

    /// The day list's entry for `date`, from its link to the end of the item.
    private func dayEntry(_ page: PageBrowser.Page, _ date: String) -> String? {
        matches(#"<li><a href="[^"]*date=\#(date)[^"]*">(.*?)</li>"#, in: page.html).first?[0]
    }

    func testTheDayListSaysWhereEachDayIsHeld() throws {
        let app = try PageTestApp()
        let days = try PageBrowser(app).daysPage(office: Self.mobil)
        XCTAssertTrue(try XCTUnwrap(dayEntry(days, "2026-11-16")).contains(Self.stadthaus), days.html)
        XCTAssertTrue(try XCTUnwrap(dayEntry(days, Self.tuesday)).contains(Self.leherheide), days.html)
        XCTAssertTrue(try XCTUnwrap(dayEntry(days, "2026-11-19")).contains(Self.gruenhoefe), days.html)
        XCTAssertNil(dayEntry(days, "2026-11-18"), "no hours on Wednesdays")

        // An office at home everywhere repeats no address under each day.
        let mitte = try PageBrowser(app).daysPage()
        XCTAssertFalse(try XCTUnwrap(dayEntry(mitte, "2026-11-16")).contains("Bremerhaven"), mitte.html)
    }

    func testTimeCheckConfirmationManageAndCalendarNameTheBranch() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        let times = try browser.timesPage(date: Self.tuesday, office: Self.mobil)
        XCTAssertTrue(times.contains("<p>Mobiler Bürgerservice, \(Self.leherheide)</p>"), times.html)
        let check = try browser.checkPage(date: Self.tuesday, office: Self.mobil)
        XCTAssertTrue(check.contains("Mobiler Bürgerservice, \(Self.leherheide)"), check.html)

        let (confirmation, code, manage) = try browser.book(date: Self.tuesday, office: Self.mobil)
        XCTAssertTrue(confirmation.contains("Mobiler Bürgerservice<br>\(Self.leherheide)"), confirmation.html)
        XCTAssertFalse(confirmation.contains(Self.stadthaus), "not the office's own address")
        let page = try browser.follow(try browser.get(manage))
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.contains("Mobiler Bürgerservice<br>\(Self.leherheide)"), page.html)

        let ics = try browser.submit(page, "/termin/verwalten/\(code)/kalender")
        XCTAssertEqual(ics.status, 200)
        XCTAssertTrue(unfolded(ics.html).contains("LOCATION:Stadtbibliothek Leherheide\\, Am Leher Markt 1\\, 27578 Bremerhaven\r\n"),
                      ics.html)
    }

    /// The time page of a day at home, and the calendar of an office at
    /// home, read as before: the office and its address.
    func testABandWithoutAPlaceOfItsOwnIsAtTheOffice() throws {
        let app = try PageTestApp()
        let times = try PageBrowser(app).timesPage(office: Self.mobil)
        XCTAssertTrue(times.contains("<p>Mobiler Bürgerservice, \(Self.stadthaus)</p>"), times.html)
        let browser = PageBrowser(app)
        let (_, code, manage) = try browser.book()
        let ics = try browser.submit(try browser.follow(try browser.get(manage)), "/termin/verwalten/\(code)/kalender")
        XCTAssertTrue(unfolded(ics.html).contains("LOCATION:Bürgerbüro Mitte\\, \(Self.stadthaus.replacingOccurrences(of: ",", with: "\\,"))\r\n"),
                      ics.html)
    }

    /// A day held at two places names both above the times, and each time its own.
    func testEachTimeOfADayAtTwoPlacesSaysWhere() throws {
        let app = try PageTestApp()
        try app.application.store.changeCatalogue { writer in
            try writer.insert(OpeningRule(id: "mobil-dienstag-stadthaus", officeId: Self.mobil, weekdays: [.tuesday],
                                          band: TimeBand("14:00", "15:00")!, counters: 2, slotMinutes: 20,
                                          kind: .appointmentsOnly))
        }
        let times = try PageBrowser(app).timesPage(date: Self.tuesday, office: Self.mobil)
        XCTAssertTrue(times.contains("<p>Mobiler Bürgerservice, \(Self.leherheide); \(Self.stadthaus)</p>"), times.html)
        let hints = matches(#"value="(2026-11-17T[0-9:]+)\+01:00"[^>]*>\s*<label[^>]*>[^<]*</label>\s*<div class="hint radios__hint"[^>]*>(.*?)</div>"#,
                            in: times.html)
        let byStart = Dictionary(hints.map { ($0[0], $0[1]) }, uniquingKeysWith: { first, _ in first })
        XCTAssertTrue(try XCTUnwrap(byStart["2026-11-17T09:00:00"], times.html).contains(Self.leherheide))
        XCTAssertTrue(try XCTUnwrap(byStart["2026-11-17T14:00:00"], times.html).contains(Self.stadthaus))

        // A day at one place says it once, above the times only.
        let monday = try PageBrowser(app).timesPage(office: Self.mobil)
        XCTAssertEqual(monday.html.components(separatedBy: Self.stadthaus).count - 1, 1, monday.html)
    }

    func testTheDesksScheduleShowsTheBranchBesideTheTime() throws {
        let app = try PageTestApp()
        try app.useCases.accounts.create(username: "staff-mobil", displayName: "Mobiler Bürgerservice", password: "demo",
                                         role: .staff, officeIds: [Self.mobil])
        let branch = try book(app, at: PageTestApp.at("09:20", on: Self.tuesday), person: 1)
        let home = try book(app, at: PageTestApp.at("14:00"), person: 2)
        let browser = try app.browser(signedInAs: "staff-mobil")
        let tuesday = try browser.get("/dienst/\(Self.mobil)/tagesplan?date=\(Self.tuesday)")
        XCTAssertEqual(tuesday.status, 200, tuesday.html)
        let row = try XCTUnwrap(matches(#"<tr id="appointment-\#(branch.booking.code.value)"[^>]*>\s*<td>(.*?)</td>"#,
                                        in: tuesday.html).first?[0], tuesday.html)
        XCTAssertTrue(row.contains(Self.leherheide), row)
        let monday = try browser.get("/dienst/\(Self.mobil)/tagesplan?date=\(PageTestApp.monday)")
        let homeRow = try XCTUnwrap(matches(#"<tr id="appointment-\#(home.booking.code.value)"[^>]*>\s*<td>(.*?)</td>"#,
                                            in: monday.html).first?[0], monday.html)
        XCTAssertFalse(homeRow.contains("Bremerhaven"), "at home the page itself says where: \(homeRow)")
    }

    /// The calendar's lines as written before folding at 75 octets.
    private func unfolded(_ ics: String) -> String { ics.replacingOccurrences(of: "\r\n ", with: "") }

    private func book(_ app: PageTestApp, at start: Instant, person: Int) throws -> BookingConfirmation {
        try app.useCases.bookings.book(
            BookingOrder(officeId: Self.mobil, services: [RequestedService(serviceId: "personalausweis")], start: start,
                         contact: Contact(name: "Person \(person)", email: "person\(person)@example.de")),
            caller: .citizen).value
    }
}
