import Foundation
import SQLite
import Synchronization
import XCTest

@testable import Core

/// The store's storage faults: thrown as `StoreUnavailable`, told once per
/// episode, and seen to end by the next write or readiness probe.
final class StoreFaultTests: XCTestCase {
    final class Lines: Sendable {
        let all = Mutex<[String]>([])
        var current: [String] { all.withLock { $0 } }
    }

    func testALockIsOneEpisodeLoggedOnceAndEndsWhenAWriteCommits() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("terminbuch-store-faults-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("terminbuch.sqlite").path
        let lines = Lines()
        let store = try Store(path: path, configuration: .init(busyTimeout: .milliseconds(50)),
                              log: { line in lines.all.withLock { $0.append(line) } })
        defer { store.close() }
        XCTAssertNil(store.readiness())

        let other = try Connection.open(path: path)
        try other.execute("BEGIN EXCLUSIVE")
        for _ in 0..<3 {
            XCTAssertThrowsError(try store.changeCatalogue { _ in }) { error in
                XCTAssertTrue((error as? StoreUnavailable)?.reason.hasPrefix("SQLITE_BUSY") ?? false, "\(error)")
            }
        }
        let fault = try XCTUnwrap(store.readiness())
        XCTAssertFalse(fault.needsRestart)
        XCTAssertEqual(lines.current.count, 1, "\(lines.current)")
        XCTAssertTrue(lines.current[0].contains("database is locked"), lines.current[0])

        try other.execute("ROLLBACK")
        try store.changeCatalogue { _ in }
        XCTAssertNil(store.readiness())
        XCTAssertEqual(lines.current.count, 2, "\(lines.current)")
        XCTAssertTrue(lines.current[1].contains("available again"), lines.current[1])
    }
}
