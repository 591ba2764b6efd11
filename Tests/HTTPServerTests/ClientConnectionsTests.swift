@testable import HTTPServer
import XCTest

/// The counts behind the per-client connection cap: past the limit, the
/// loop that sheds is the accepting one when it holds another of the
/// client's connections, else the loop holding the most; closing counts down.
final class ClientConnectionsTests: XCTestCase {
    func testPastTheLimitTheLoopToShedOnIsNamed() {
        let counts = ClientConnections(limit: 3, loops: 3)
        XCTAssertNil(counts.opened("192.0.2.1", on: 1))
        XCTAssertNil(counts.opened("192.0.2.1", on: 2))
        XCTAssertNil(counts.opened("192.0.2.1", on: 2))
        XCTAssertEqual(counts.opened("192.0.2.1", on: 0), 2, "none of its others here: the loop with the most")
        XCTAssertEqual(counts.opened("192.0.2.1", on: 1), 1, "another of its connections here: this loop")
        XCTAssertNil(counts.opened("192.0.2.2", on: 0), "another client has its own count")
    }

    func testClosingMakesRoomAgain() {
        let counts = ClientConnections(limit: 1, loops: 1)
        XCTAssertNil(counts.opened("192.0.2.1", on: 0))
        XCTAssertEqual(counts.opened("192.0.2.1", on: 0), 0)
        counts.closed("192.0.2.1", on: 0)
        counts.closed("192.0.2.1", on: 0)
        XCTAssertNil(counts.opened("192.0.2.1", on: 0))
    }
}
