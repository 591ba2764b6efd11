import Core
import HTTPServer
import Scheduling
import Templating
import XCTest
@testable import WebApp

/// The pieces the pages are made of: money, dates and times in both
/// languages, the month grid, addresses, CSRF tokens.
final class PageFormatTests: XCTestCase {
    static let translations = try! Translations(directory: PageTestApp.root.appendingPathComponent("Templates/i18n").path)

    func format(_ language: String) -> CitizenFormat { CitizenFormat(texts: Self.translations[language], zone: .europeBerlin) }

    func testFeesInEuroAndCent() {
        XCTAssertEqual(format("de").fee(cents: 3700), "37,00 €")
        XCTAssertEqual(format("en").fee(cents: 3700), "€37.00")
        XCTAssertEqual(format("de").fee(cents: 1070), "10,70 €")
        XCTAssertEqual(format("en").fee(cents: 5), "€0.05")
        XCTAssertEqual(format("de").fee(cents: 0), "gebührenfrei")
        XCTAssertEqual(format("en").fee(cents: 0), "free of charge")
    }

    func testDatesAndTimesInBerlinTime() {
        // 08:30 UTC in summer is 10:30 in Berlin; in winter 09:30.
        let summer = RFC3339.parse("2026-07-01T08:30:00Z")!
        let winter = RFC3339.parse("2026-12-01T08:30:00Z")!
        XCTAssertEqual(format("de").dateAndTime(summer), "Mittwoch, 1. Juli 2026, 10:30 Uhr")
        XCTAssertEqual(format("en").dateAndTime(winter), "Tuesday 1 December 2026 at 9:30")
        XCTAssertEqual(format("de").time(RFC3339.parse("2026-12-01T13:05:00+01:00")!), "13:05 Uhr")
    }

    func testTheMonthGridStartsOnMondayAndLinksOnlyFreeDays() throws {
        let free = [LocalDate("2026-11-16")!: 3, LocalDate("2026-11-30")!: 1, LocalDate("2026-12-02")!: 5]
        let value = MonthCalendar(free: free, asked: nil, format: format("de"))
            .templateValue(dayLink: { "/day/\($0)" }, monthLink: { "/month/\($0.text)" })
        let grid = try XCTUnwrap(value["calendar"])
        XCTAssertEqual(grid["title"], .string("November 2026"))
        guard case .list(let weeks)? = grid["weeks"], case .list(let first)? = weeks.first?["cells"] else { return XCTFail("no weeks") }
        XCTAssertEqual(weeks.count, 6, "1 November 2026 is a Sunday: six rows")
        XCTAssertEqual(first[5]["day"], .string(""), "the Saturday before the 1st is blank")
        XCTAssertEqual(first[6]["day"], .string("1"))
        XCTAssertEqual(first[6]["href"], .null, "no start on the 1st, no link")
        guard case .list(let listed)? = grid["days"] else { return XCTFail("no list") }
        XCTAssertEqual(listed.map { $0["href"] }, [.string("/day/2026-11-16"), .string("/day/2026-11-30")])
        XCTAssertEqual(listed.map { $0["starts"] }, [.string("3 freie Uhrzeiten"), .string("1 freie Uhrzeit")])
        XCTAssertEqual(grid["previous"], .null)
        XCTAssertEqual(grid["next"]?["href"], .string("/month/2026-12"))
        XCTAssertEqual(grid["next"]?["label"], .string("Nächster Monat: Dezember 2026"))
        let december = MonthCalendar(free: free, asked: MonthCalendar.Month("2026-12"), format: format("en"))
            .templateValue(dayLink: { "/day/\($0)" }, monthLink: { "/month/\($0.text)" })
        XCTAssertEqual(december["calendar"]?["previous"]?["label"], .string("Previous month: November 2026"))
        let none = MonthCalendar(free: [:], asked: nil, format: format("de")).templateValue(dayLink: { _ in "" }, monthLink: { _ in "" })
        XCTAssertEqual(none["noDays"], .bool(true))
        XCTAssertNil(MonthCalendar.Month("2026-13"))
        XCTAssertNil(MonthCalendar.Month("26-12"))
    }

    func testAddressesEncodeEveryValue() {
        XCTAssertEqual(PageLink.make("/termin/x/angaben", [("start", "2026-12-01T09:30:00+01:00"), ("hold", nil), ("q", "a&b=c")]),
                       "/termin/x/angaben?start=2026-12-01T09%3A30%3A00%2B01%3A00&q=a%26b%3Dc")
        XCTAssertEqual(PageLink.encode("Führerschein"), "F%C3%BChrerschein")
    }

    func testCSRFTokensAreWellFormedAndCompared() {
        let cookie = "a=b; __Host-csrf=" + String(repeating: "x", count: 43)
        let request = HTTPRequest(head: HTTPRequestHead(method: .post, target: "/", headers: ["Cookie": cookie]))
        XCTAssertEqual(CSRF.token(of: request).value, String(repeating: "x", count: 43))
        XCTAssertFalse(CSRF.token(of: request).isNew)
        XCTAssertTrue(CSRF.isValid(request, field: String(repeating: "x", count: 43)))
        XCTAssertFalse(CSRF.isValid(request, field: String(repeating: "x", count: 42) + "y"))
        XCTAssertFalse(CSRF.isValid(request, field: nil))
        let forged = HTTPRequest(head: HTTPRequestHead(method: .post, target: "/", headers: ["Cookie": "__Host-csrf=short"]))
        XCTAssertTrue(CSRF.token(of: forged).isNew, "a cookie that is not ours is replaced")
        XCTAssertFalse(CSRF.isValid(forged, field: "short"))
    }
}
