import XCTest

/// The property runner's seeds: one base seed gives the same cases every
/// time (so a printed seed reproduces), another base seed other cases.
final class PropertyRunnerTests: XCTestCase {
    func testCaseSeedsFollowTheBaseSeedAndTheSalt() {
        let fixed = PropertyRunner.caseSeeds(base: PropertyRunner.defaultBaseSeed, salt: 3, count: 50)
        XCTAssertEqual(PropertyRunner.caseSeeds(base: PropertyRunner.defaultBaseSeed, salt: 3, count: 50), fixed)
        XCTAssertEqual(Set(fixed).count, 50)
        XCTAssertTrue(Set(PropertyRunner.caseSeeds(base: 0x1234, salt: 3, count: 50)).isDisjoint(with: fixed))
        XCTAssertTrue(Set(PropertyRunner.caseSeeds(base: PropertyRunner.defaultBaseSeed, salt: 4, count: 50)).isDisjoint(with: fixed))
        XCTAssertEqual(PropertyRunner.parseSeed(PropertyRunner.hexadecimal(0xDEAD_BEEF_0001)), 0xDEAD_BEEF_0001)
    }
}
