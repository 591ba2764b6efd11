@testable import Core
import Foundation
import Scheduling
import Synchronization
import XCTest

/// `Store.watchForChangesElsewhere`: another store on the same file (as
/// `terminbuch catalogue import` is another process) changes the catalogue,
/// and the watching store serves the change as soon as it commits, telling
/// its log once; its own changes and bookings are never taken for another's.
final class ChangesElsewhereTests: XCTestCase {
    /// The lines a store logged; `wait(for:)` is event-driven, with a generous deadline.
    final class Log: Sendable {
        private let lines = Mutex<[String]>([])
        private let added = DispatchSemaphore(value: 0)

        func append(_ line: String) {
            lines.withLock { $0.append(line) }
            added.signal()
        }

        var all: [String] { lines.withLock { $0 } }

        func wait(for count: Int, seconds: Int = 10) -> Bool {
            let deadline = DispatchTime.now() + .seconds(seconds)
            while lines.withLock({ $0.count }) < count {
                guard added.wait(timeout: deadline) == .success else { return false }
            }
            return true
        }
    }

    static let reloaded = "terminbuch: the catalogue changed in the database (another process), reloaded\n"

    /// The store `env` watches, and another on its file with its own use cases.
    func watching(_ env: TestEnvironment) throws -> (log: Log, elsewhere: UseCases) {
        let log = Log()
        try env.store.watchForChangesElsewhere(log: log.append)
        let other = try Store(path: env.directory.appendingPathComponent("terminbuch.sqlite").path)
        addTeardownBlock { other.close() }
        return (log, UseCases(store: other, clock: env.clock, passwordHasher: PasswordHasher(testCost: 10)))
    }

    /// Imports the catalogue with Bürgerbüro Mitte named `name`.
    func rename(to name: String, through useCases: UseCases) throws {
        var document = try useCases.catalogueImport.export()
        let index = try XCTUnwrap(document.offices.firstIndex { $0.office.id == TestEnvironment.mitte })
        document.offices[index].office.name = name
        XCTAssertEqual(try useCases.catalogueImport.apply(document).changes.changed, ["office \(TestEnvironment.mitte)"])
    }

    func testAnotherStoresImportIsServedOnceItCommits() throws {
        let env = try TestEnvironment()
        let (log, elsewhere) = try watching(env)
        XCTAssertEqual(try env.useCases.catalogue().office(TestEnvironment.mitte)?.name, "Bürgerbüro Mitte")

        try rename(to: "Bürgerservice Mitte", through: elsewhere)
        XCTAssertTrue(log.wait(for: 1), "\(log.all)")
        XCTAssertEqual(log.all, [Self.reloaded])
        XCTAssertEqual(try env.useCases.catalogue().office(TestEnvironment.mitte)?.name, "Bürgerservice Mitte")
    }

    func testItsOwnChangesAndBookingsAreNotTakenForAnotherStores() throws {
        let env = try TestEnvironment()
        let (log, elsewhere) = try watching(env)
        _ = try env.useCases.catalogue()
        try rename(to: "Bürgerbüro Mitte (eigene Änderung)", through: env.useCases)
        _ = try env.useCases.catalogue()
        try env.book(env.at("2026-11-17", "10:00"))
        XCTAssertEqual(try env.useCases.catalogue().office(TestEnvironment.mitte)?.name, "Bürgerbüro Mitte (eigene Änderung)")

        // Commits are met in order on one thread: a line for the store's own
        // change or booking would come before the one for the other's.
        try rename(to: "Bürgerservice Mitte", through: elsewhere)
        XCTAssertTrue(log.wait(for: 1), "\(log.all)")
        XCTAssertEqual(try env.useCases.catalogue().office(TestEnvironment.mitte)?.name, "Bürgerservice Mitte")
        XCTAssertEqual(log.all, [Self.reloaded])
    }
}
