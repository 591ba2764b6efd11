import XCTest
@testable import Scheduling

/// Where an appointment takes place: the place of the rule whose band holds
/// its start, else the office's own (`OfficeSetup.location(at:)`).
final class RuleLocationTests: XCTestCase {
    typealias F = Fixtures

    static let library = Location(name: "Stadtbibliothek Leherheide",
                                  address: Address(street: "Am Leher Markt 1", postalCode: "27578", city: "Bremerhaven"))

    /// Tuesday mornings in the library, every other band at home.
    static func setup(extra: [OpeningRule] = []) -> OfficeSetup {
        var library = F.rule("bibliothek", "09:00", "12:00", weekdays: [.tuesday])
        library.location = Self.library
        return F.setup(rules: [library, F.rule("vormittag", "08:00", "12:00", weekdays: [.monday, .wednesday]),
                               F.rule("nachmittag", "13:00", "16:00", weekdays: [.tuesday])] + extra)
    }

    func testABandHeldElsewhereIsAtItsRulesPlaceAndEveryOtherInstantAtTheOffice() {
        let setup = Self.setup()
        // 2026-12-01 is a Tuesday.
        XCTAssertEqual(setup.location(at: F.at("2026-12-01", "09:00")), Self.library)
        XCTAssertEqual(setup.location(at: F.at("2026-12-01", "11:45")), Self.library, "the band's last slot")
        XCTAssertEqual(setup.location(at: F.at("2026-12-01", "13:00")), F.office.location, "the afternoon is at home")
        XCTAssertEqual(setup.location(at: F.at("2026-12-01", "12:30")), F.office.location, "between bands")
        XCTAssertEqual(setup.location(at: F.at("2026-11-30", "09:00")), F.office.location, "Monday's band has no place")
        XCTAssertTrue(setup.holdsBandsElsewhere)
        XCTAssertFalse(F.setup().holdsBandsElsewhere)
        XCTAssertEqual(F.setup().location(at: F.at("2026-12-01", "09:00")), F.office.location)
    }

    func testADaysLocationsFollowItsBandsInOrderEachOnce() {
        let setup = Self.setup()
        XCTAssertEqual(setup.locations(on: F.date("2026-12-01")), [Self.library, F.office.location])
        XCTAssertEqual(setup.locations(on: F.date("2026-11-30")), [F.office.location])
        XCTAssertEqual(setup.locations(on: F.date("2026-12-03")), [], "closed on Thursdays")
    }

    /// An overlapping rule the planner ignores never decides the place: the
    /// band citizens were offered is the earlier one's.
    func testAnIgnoredOverlappingRuleDoesNotMoveTheAppointment() {
        var elsewhere = F.rule("zweite", "10:00", "11:00", weekdays: [.monday])
        elsewhere.location = Self.library
        let setup = Self.setup(extra: [elsewhere])
        XCTAssertEqual(CapacityPlan(for: F.date("2026-11-30"), setup: setup).ignoredRuleIds, ["zweite"])
        XCTAssertEqual(setup.location(at: F.at("2026-11-30", "10:15")), F.office.location)
    }

    func testALocationIsPartOfTheSetupsRevision() {
        var moved = F.rule("bibliothek", "09:00", "12:00", weekdays: [.tuesday])
        moved.location = Location(name: "Stadtteilbibliothek Grünhöfe",
                                  address: Address(street: "Auf den Sülten 9", postalCode: "27574", city: "Bremerhaven"))
        XCTAssertNotEqual(Self.setup().revision, F.setup(rules: [moved] + Self.setup().rules.filter { $0.id != "bibliothek" }).revision)
    }

    func testALocationWithABlankPartIsAProblemOfTheRule() {
        var rule = F.rule("bibliothek", "09:00", "12:00", weekdays: [.tuesday])
        rule.location = Self.library
        XCTAssertEqual(rule.problems, [])
        rule.location?.address.postalCode = ""
        XCTAssertEqual(rule.problems, [.locationIncomplete])
        rule.location = Location(name: "  ", address: Self.library.address)
        XCTAssertEqual(rule.problems, [.locationIncomplete])
    }

    func testTheOneLineNamesThePlaceBeforeItsAddress() {
        XCTAssertEqual(Self.library.singleLine, "Stadtbibliothek Leherheide, Am Leher Markt 1, 27578 Bremerhaven")
        XCTAssertEqual(F.office.location.singleLine, "Bürgerbüro Mitte, Hinrich-Schmalfeldt-Straße 42, 27576 Bremerhaven")
    }
}
