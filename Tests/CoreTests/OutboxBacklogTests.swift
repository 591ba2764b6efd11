@testable import Core
import Scheduling
import XCTest

/// The outbox's backlog and the rule for stuck mail delivery, read from a
/// real database file by the store's clock as it moves. The rows are
/// written by SQL, as the delivery worker would leave them.
final class OutboxBacklogTests: XCTestCase {
    func insert(_ env: TestEnvironment, status: String = "pending", dueAt: Instant, createdAt: Instant? = nil,
                attempts: Int = 0) throws {
        try env.store.write { db in
            try db.run("""
                INSERT INTO outbox(message_id, kind, language, recipient, facts, created_at, status, attempts, next_attempt_at)
                VALUES (?, 'confirmation', 'de', 'erika@example.org', '{}', ?, ?, ?, ?)
                """, ["tb.\(UUID().uuidString)", (createdAt ?? dueAt).secondsSinceEpoch, status, attempts, dueAt.secondsSinceEpoch])
        }
    }

    func testAnEmptyOutboxIsNotStuck() throws {
        let env = try TestEnvironment(seeded: false)
        let backlog = try env.useCases.outbox.backlog()
        XCTAssertEqual(backlog, OutboxBacklog(pending: 0, failed: 0, oldestDueAt: nil, readAt: env.clock.now()))
        XCTAssertEqual(backlog.oldestDueSeconds, 0)
        XCTAssertFalse(backlog.isStuck)
    }

    func testDeliveryIsStuckOnceADueMessageWaitedMoreThanFifteenMinutes() throws {
        let env = try TestEnvironment(seeded: false)
        let now = env.clock.now()
        try insert(env, dueAt: now)
        try insert(env, dueAt: now.adding(hours: 24))  // a reminder for tomorrow: pending, not due
        try insert(env, status: "failed", dueAt: now.adding(hours: -3))
        try insert(env, status: "sent", dueAt: now.adding(hours: -5))

        var backlog = try env.useCases.outbox.backlog()
        XCTAssertEqual(backlog.pending, 2)
        XCTAssertEqual(backlog.failed, 1)
        XCTAssertEqual(backlog.oldestDueAt, now)
        XCTAssertFalse(backlog.isStuck)

        env.clock.advance(minutes: OutboxBacklog.stuckAfterMinutes)
        backlog = try env.useCases.outbox.backlog()
        XCTAssertEqual(backlog.oldestDueSeconds, 15 * 60)
        XCTAssertFalse(backlog.isStuck, "due for exactly the limit")

        env.clock.advance(minutes: 1)
        backlog = try env.useCases.outbox.backlog()
        XCTAssertEqual(backlog.oldestDueSeconds, 16 * 60)
        XCTAssertTrue(backlog.isStuck)

        try env.store.write { try $0.run("UPDATE outbox SET status = 'sent' WHERE next_attempt_at = ?", [now.secondsSinceEpoch]) }
        backlog = try env.useCases.outbox.backlog()
        XCTAssertEqual(backlog.pending, 1)
        XCTAssertNil(backlog.oldestDueAt, "the reminder is still not due")
        XCTAssertFalse(backlog.isStuck, "sent: delivery moved on")
    }

    /// A message the relay refused for now (a 4xx) waits for its retry and
    /// is not due meanwhile, however old it is.
    func testAMessageWaitingForItsRetryIsNotDue() throws {
        let env = try TestEnvironment(seeded: false)
        let now = env.clock.now()
        try insert(env, dueAt: now.adding(minutes: 10), createdAt: now.adding(hours: -2), attempts: 3)
        XCTAssertNil(try env.useCases.outbox.backlog().oldestDueAt)
        XCTAssertFalse(try env.useCases.outbox.backlog().isStuck)

        env.clock.advance(minutes: 10 + OutboxBacklog.stuckAfterMinutes + 1)
        let backlog = try env.useCases.outbox.backlog()
        XCTAssertEqual(backlog.oldestDueAt, now.adding(minutes: 10), "due from its retry's time, not its creation")
        XCTAssertTrue(backlog.isStuck, "its retry was not taken either")
    }
}
