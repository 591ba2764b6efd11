@testable import Core
import Foundation
import Scheduling
import SQLite
import Synchronization
import XCTest

/// How a retention run runs: in batches of their own transactions, found
/// through the partial indexes, recorded, leaving the WAL empty, and
/// leaving the statistics as they were.
final class RetentionRunTests: XCTestCase {
    private let mitte: OfficeID = "buergerbuero-mitte"

    /// Bookings of Bürgerbüro Mitte (Bremerhaven: 14 days) that ended
    /// `daysAgo` days before the run.
    private func insertBookings(_ fixture: RetentionFixture, count: Int, daysAgo: Int64, status: String = "completed") throws {
        for _ in 0..<count {
            let end = fixture.now.secondsSinceEpoch - daysAgo * 86_400
            fixture.insert(.init(office: mitte, status: status, channel: .phone, end: end, updatedAt: end,
                                 name: fixture.unique("Name"), email: fixture.unique("mail") + "@example.org"))
        }
        try fixture.commit()
    }

    func testEachBatchIsATransactionOfItsOwnOfAtMostTheBatchSize() throws {
        let fixture = try RetentionFixture()
        try insertBookings(fixture, count: 25, daysAgo: 15)
        try insertBookings(fixture, count: 5, daysAgo: 13)
        let commits = Atomic(0)
        let store = try Store(path: fixture.env.directory.appendingPathComponent("terminbuch.sqlite").path,
                              configuration: .init(commitObserver: { _ in commits.add(1, ordering: .relaxed) }))
        defer { store.close() }

        let report = try Retention(store: store, clock: fixture.env.clock, batchSize: 4).run(.command)

        XCTAssertEqual(report.counts, [.bookings: 25])
        let left = try store.read { try $0.scalar("SELECT count(*) FROM bookings WHERE erased_at IS NULL", as: Int.self) }
        XCTAssertEqual(left, 5)
        // Seven batches (six of four, one of one), then the record; kinds
        // with nothing due are read, never written. Counted once the writer
        // has stopped: it tells the observer after it told the run.
        store.close()
        XCTAssertEqual(commits.load(ordering: .relaxed), 7 + 1)
    }

    func testDueBookingsAreFoundThroughThePartialIndexesWithoutSorting() throws {
        let fixture = try RetentionFixture()
        let setup = try fixture.setup(mitte)
        let sweeps = RetentionSweep.atOffice(setup, retentionDays: 14, now: fixture.now).filter { $0.kind == .bookings }
        XCTAssertEqual(sweeps.count, 2)
        for (sweep, index) in zip(sweeps, ["bookings_keeping_personal_data", "bookings_cancelled_keeping_personal_data"]) {
            let plan = try fixture.store.read { db in
                try db.query("EXPLAIN QUERY PLAN " + sweep.due + " LIMIT ?", StatementArguments(sweep.arguments + [.integer(200)]))
                    .map { try $0["detail"] as String }
            }
            XCTAssertTrue(plan.contains { $0.contains("USING INDEX \(index) (office_id=? AND ") }, "\(plan)")
            XCTAssertFalse(plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
        }
    }

    func testARealRunIsRecordedWithItsCountsAndADryRunIsNot() throws {
        let fixture = try RetentionFixture()
        try insertBookings(fixture, count: 3, daysAgo: 20)
        try fixture.insertSession(createdAt: fixture.now.secondsSinceEpoch - 86_400, lastSeenAt: fixture.now.secondsSinceEpoch - 86_400)
        try fixture.commit()
        let retention = fixture.retention()

        XCTAssertEqual(try retention.run(.command, dryRun: true).counts, [.bookings: 3, .sessions: 1])
        XCTAssertEqual(try retention.recordedRuns(limit: 10), [])
        let first = try retention.run(.startup)
        fixture.env.clock.set(fixture.now.adding(minutes: 60))
        let second = try retention.run(.daily)

        let runs = try retention.recordedRuns(limit: 10)
        XCTAssertEqual(runs.map(\.trigger), [.daily, .startup], "newest first")
        XCTAssertEqual(runs.map(\.counts), [[:], [.bookings: 3, .sessions: 1]])
        XCTAssertEqual(runs.map(\.startedAt), [second.startedAt, first.startedAt])
        XCTAssertEqual(runs.map(\.finishedAt), [second.finishedAt, first.finishedAt])
        XCTAssertEqual(try retention.recordedRuns(limit: 1).map(\.trigger), [.daily])
        let counted = try fixture.store.read { try $0.scalar("SELECT count(*) FROM retention_run_counts", as: Int.self) }
        XCTAssertEqual(counted, 2, "a kind with nothing to do has no count")
    }

    func testARunThatErasedLeavesTheWALEmptyUnlessAReaderHoldsAnOldSnapshot() throws {
        let fixture = try RetentionFixture()
        let path = fixture.env.directory.appendingPathComponent("terminbuch.sqlite").path
        try insertBookings(fixture, count: 3, daysAgo: 20)
        XCTAssertGreaterThan(try Self.size(path + "-wal"), 0)

        let report = try fixture.retention().run(.command)
        XCTAssertEqual(report.logEmptied, true)
        XCTAssertEqual(try Self.size(path + "-wal"), 0)

        try insertBookings(fixture, count: 2, daysAgo: 20)
        let reader = try Connection.open(path: path, readOnly: true)
        try reader.execute("BEGIN; SELECT count(*) FROM bookings")
        let blocked = try fixture.retention().run(.command)
        XCTAssertEqual(blocked.counts, [.bookings: 2])
        XCTAssertEqual(blocked.logEmptied, false, "a reader in the log keeps it from being emptied, and the run says so")
        try reader.execute("COMMIT")

        XCTAssertNil(try fixture.retention().run(.command).logEmptied, "a run that changed nothing leaves the log alone")
        XCTAssertNil(try fixture.retention().run(.command, dryRun: true).logEmptied)
    }

    func testTheStatisticsGiveTheSameFiguresAfterARun() throws {
        let fixture = try RetentionFixture()
        for status in ["completed", "checkedIn", "noShow", "cancelled", "confirmed"] {
            try insertBookings(fixture, count: 2, daysAgo: 20, status: status)
            try insertBookings(fixture, count: 1, daysAgo: 2, status: status)
        }
        let today = try fixture.setup(mitte).timeZone.localDate(of: fixture.now)
        for days in [-21, -20, 0] { try fixture.insertTicket(office: mitte, date: today.adding(days: days), name: fixture.unique("Visitor")) }
        try fixture.commit()
        let statistics = Statistics(store: fixture.store, clock: fixture.env.clock)
        let figures = { try statistics.figures(office: self.mitte, from: today.adding(days: -30), through: today) }
        let before = try figures()
        XCTAssertEqual(before.cancellations, 3)

        let report = try fixture.retention().run(.command)

        XCTAssertEqual(report.counts, [.bookings: 10, .ticketNames: 2])
        XCTAssertEqual(try figures(), before)
    }

    private static func size(_ path: String) throws -> Int {
        try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
    }

    /// A server shutting down stops the run after the batch it is in:
    /// what it erased is committed and recorded, the rest waits for the next.
    func testARunAskedToStopEndsAfterItsBatchAndTheNextGoesOn() throws {
        let fixture = try RetentionFixture()
        try insertBookings(fixture, count: 10, daysAgo: 15)
        let store = fixture.store
        // Asked before each batch: "no" before the first, "stop" before the
        // second. (Counting commits raced: the commit observer may hear of a
        // commit after the run has been told it is done.)
        let asked = Atomic(0)

        let stopped = try Retention(store: store, clock: fixture.env.clock, batchSize: 4)
            .run(.daily, until: { asked.add(1, ordering: .relaxed).newValue >= 2 })

        XCTAssertTrue(stopped.stoppedEarly)
        XCTAssertEqual(stopped.counts, [.bookings: 4], "one batch, then the stop")
        let recorded = try Retention(store: store, clock: fixture.env.clock).recordedRuns(limit: 5)
        XCTAssertEqual(recorded.map { $0.counts }, [[.bookings: 4]])
        let rest = try Retention(store: store, clock: fixture.env.clock, batchSize: 4).run(.daily)
        XCTAssertFalse(rest.stoppedEarly)
        XCTAssertEqual(rest.counts, [.bookings: 6])
    }
}
