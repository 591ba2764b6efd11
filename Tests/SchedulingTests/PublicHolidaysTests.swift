import XCTest
@testable import Scheduling

final class PublicHolidaysTests: XCTestCase {
    private func isHoliday(_ day: String, _ land: Land) -> Bool {
        PublicHolidays.holiday(on: Fixtures.date(day), in: land) != nil
    }

    func testEasterSunday() {
        let known = [1818: "1818-03-22", 1943: "1943-04-25", 2000: "2000-04-23", 2024: "2024-03-31",
                     2025: "2025-04-20", 2026: "2026-04-05", 2027: "2027-03-28", 2038: "2038-04-25", 2285: "2285-03-22"]
        for (year, day) in known {
            XCTAssertEqual(PublicHolidays.easterSunday(year: year), Fixtures.date(day), "\(year)")
        }
        for year in 1583...4099 {
            let easter = PublicHolidays.easterSunday(year: year)
            XCTAssertEqual(easter.weekday, .sunday)
            XCTAssertTrue(Fixtures.date("\(year)-03-22") <= easter && easter <= Fixtures.date("\(year)-04-25"))
        }
    }

    func testEasterBasedHolidays2026() {
        for land in Land.allCases {
            XCTAssertTrue(isHoliday("2026-04-03", land), "Karfreitag \(land)")
            XCTAssertTrue(isHoliday("2026-04-06", land), "Ostermontag \(land)")
            XCTAssertTrue(isHoliday("2026-05-14", land), "Christi Himmelfahrt \(land)")
            XCTAssertTrue(isHoliday("2026-05-25", land), "Pfingstmontag \(land)")
        }
        XCTAssertEqual(PublicHolidays.holiday(on: Fixtures.date("2026-04-05"), in: .brandenburg)?.holiday, .ostersonntag)
        XCTAssertFalse(isHoliday("2026-04-05", .bayern))
        XCTAssertEqual(PublicHolidays.holiday(on: Fixtures.date("2027-05-16"), in: .brandenburg)?.holiday, .pfingstsonntag)
    }

    func testReformationstag() {
        XCTAssertTrue(isHoliday("2026-10-31", .bremen))
        XCTAssertTrue(isHoliday("2026-10-31", .schleswigHolstein))
        XCTAssertTrue(isHoliday("2026-10-31", .sachsen))
        XCTAssertFalse(isHoliday("2026-10-31", .bayern))
        XCTAssertFalse(isHoliday("2016-10-31", .bremen), "Bremen only since 2018")
        XCTAssertTrue(isHoliday("2017-10-31", .bayern), "nationwide once, in 2017")
    }

    func testFronleichnam() {
        XCTAssertEqual(PublicHolidays.holiday(on: Fixtures.date("2026-06-04"), in: .nordrheinWestfalen)?.name, "Fronleichnam")
        XCTAssertFalse(isHoliday("2026-06-04", .bremen))
        XCTAssertFalse(isHoliday("2026-06-04", .sachsen), "only some Saxon municipalities: left to closures")
        XCTAssertTrue(isHoliday("2027-05-27", .bayern))
    }

    func testBussUndBettag() {
        XCTAssertEqual(PublicHolidays.holiday(on: Fixtures.date("2026-11-18"), in: .sachsen)?.holiday, .bussUndBettag)
        XCTAssertFalse(isHoliday("2026-11-18", .bayern))
        XCTAssertTrue(isHoliday("2027-11-17", .sachsen))
        XCTAssertTrue(isHoliday("2028-11-22", .sachsen), "23 Nov 2028 is a Thursday")
        for year in 1995...2100 {
            let date = Holiday.bussUndBettag.date(in: year)!
            XCTAssertEqual(date.weekday, .wednesday)
            XCTAssertTrue((16...22).contains(date.day) && date.month == 11)
        }
    }

    func testHolidaysIntroducedLater() {
        XCTAssertFalse(isHoliday("2018-03-08", .berlin))
        XCTAssertTrue(isHoliday("2019-03-08", .berlin))
        XCTAssertFalse(isHoliday("2022-03-08", .mecklenburgVorpommern))
        XCTAssertTrue(isHoliday("2023-03-08", .mecklenburgVorpommern))
        XCTAssertTrue(isHoliday("2026-09-20", .thueringen))
        XCTAssertFalse(isHoliday("2018-09-20", .thueringen))
        XCTAssertTrue(isHoliday("2025-05-08", .berlin))
        XCTAssertFalse(isHoliday("2026-05-08", .berlin))
    }

    func testFixedRegionalHolidays() {
        for land in [Land.badenWuerttemberg, .bayern, .sachsenAnhalt] { XCTAssertTrue(isHoliday("2026-01-06", land)) }
        XCTAssertFalse(isHoliday("2026-01-06", .hessen))
        XCTAssertTrue(isHoliday("2026-08-15", .saarland))
        XCTAssertTrue(isHoliday("2026-08-15", .bayern))
        XCTAssertFalse(isHoliday("2026-08-15", .berlin))
        for land in [Land.badenWuerttemberg, .bayern, .nordrheinWestfalen, .rheinlandPfalz, .saarland] {
            XCTAssertTrue(isHoliday("2026-11-01", land))
        }
        XCTAssertFalse(isHoliday("2026-11-01", .hamburg))
    }

    func testHolidayCountsPerLand2026() {
        // 9 nationwide, plus the Land's own.
        let expected: [Land: Int] = [
            .badenWuerttemberg: 12, .bayern: 13, .berlin: 10, .brandenburg: 12, .bremen: 10, .hamburg: 10,
            .hessen: 12, .mecklenburgVorpommern: 11, .niedersachsen: 10, .nordrheinWestfalen: 11,
            .rheinlandPfalz: 11, .saarland: 12, .sachsen: 11, .sachsenAnhalt: 11, .schleswigHolstein: 10, .thueringen: 11,
        ]
        for land in Land.allCases {
            let list = PublicHolidays.holidays(year: 2026, land: land)
            XCTAssertEqual(list.count, expected[land], "\(land)")
            XCTAssertEqual(list.map(\.date), list.map(\.date).sorted())
        }
    }

    func testHolidaysCloseTheOfficeOfThatLandOnly() {
        let reformation = Fixtures.date("2026-10-30")  // a Friday; 31 Oct 2026 is a Saturday
        XCTAssertFalse(Fixtures.allocator().plan(for: reformation).slots.isEmpty)
        let pfingstmontag = Fixtures.date("2026-05-25")
        let plan = SlotAllocator(setup: Fixtures.setup(land: .bremen)).plan(for: pfingstmontag)
        XCTAssertEqual(plan.closure, "Pfingstmontag")
        XCTAssertTrue(plan.openSlots.isEmpty)
        let fronleichnam = Fixtures.date("2026-06-04")
        XCTAssertEqual(SlotAllocator(setup: Fixtures.setup(land: .nordrheinWestfalen)).plan(for: fronleichnam).closure, "Fronleichnam")
        XCTAssertNil(SlotAllocator(setup: Fixtures.setup(land: .bremen)).plan(for: fronleichnam).closure)
        let mobile = SlotAllocator(setup: Fixtures.setup(land: .bremen, observesPublicHolidays: false))
        XCTAssertFalse(mobile.plan(for: pfingstmontag).openSlots.isEmpty)

        let allocator = SlotAllocator(setup: Fixtures.setup(land: .nordrheinWestfalen))
        let now = Fixtures.at("2026-05-28", "09:00")
        XCTAssertEqual(allocator.decide(Fixtures.request(), start: Fixtures.at("2026-06-04", "09:00"), occupations: [], now: now),
                       .failure(.closed(reason: "Fronleichnam")))
    }
}
