@testable import Core
import Scheduling
import XCTest

/// How the delivery worker's attempts are settled: sent, tried again on
/// the backoff (a minute doubling to an hour) until 48 hours after the
/// message was written, or given up at once; and when the next is due.
final class OutboxDeliveryTests: XCTestCase {
    /// An environment whose demo messages are settled, due or not (the
    /// demo's reminders), with one booking's confirmation pending: a
    /// booking for today, too close for a reminder of its own.
    private func oneMessage() throws -> (TestEnvironment, OutboxMessage) {
        let env = try TestEnvironment()
        try env.store.write { db in try db.execute("UPDATE outbox SET status = 'sent', settled_at = created_at WHERE status = 'pending'") }
        let made = try env.book(env.at("2026-11-16", "10:00"))
        let due = try env.useCases.outbox.due(limit: 1000)
        XCTAssertEqual(due.map(\.bookingId), [made.booking.id])
        return (env, try XCTUnwrap(due.first))
    }

    private func stored(_ env: TestEnvironment, _ id: Int64) throws -> OutboxMessage {
        try XCTUnwrap(try env.store.read { db in
            try db.query("SELECT \(OutboxRows.columns) FROM outbox WHERE id = ?", [id]).map(OutboxRows.message).first
        })
    }

    func testTheBackoffDoublesFromAMinuteToAnHour() {
        XCTAssertEqual((1...9).map(DeliveryBackoff.delay(afterAttempts:)), [60, 120, 240, 480, 960, 1920, 3600, 3600, 3600])
        XCTAssertEqual(DeliveryBackoff.delay(afterAttempts: 10_000), 3600)
    }

    func testASentMessageIsSettledAndNoLongerDue() throws {
        let (env, message) = try oneMessage()
        env.clock.set(TestEnvironment.start.adding(seconds: 5))
        try env.useCases.outbox.settle([(message, .sent)])
        let sent = try stored(env, message.id)
        XCTAssertEqual(sent.status, .sent)
        XCTAssertEqual(sent.attempts, 1)
        XCTAssertEqual(sent.settledAt, TestEnvironment.start.adding(seconds: 5))
        XCTAssertEqual(try env.useCases.outbox.due(limit: 10), [])
        XCTAssertNil(try env.useCases.outbox.nextDue())
    }

    func testAPermanentFailureFailsAtOnceWithItsReason() throws {
        let (env, message) = try oneMessage()
        try env.useCases.outbox.settle([(message, .permanentFailure("550 5.1.1 No such mailbox here"))])
        let failed = try stored(env, message.id)
        XCTAssertEqual(failed.status, .failed)
        XCTAssertEqual(failed.lastError, "550 5.1.1 No such mailbox here")
        XCTAssertEqual(failed.settledAt, TestEnvironment.start)
        XCTAssertNil(try env.useCases.outbox.nextDue())
    }

    /// Tried at 0, 1, 3, 7, 15, 31 and 63 minutes, then hourly; the attempt
    /// whose next would come later than 48 hours after the message was
    /// written is the last, and the message has failed.
    func testTemporaryFailuresBackOffUntilFortyEightHoursThenFail() throws {
        let (env, message) = try oneMessage()
        let outbox = env.useCases.outbox
        var triedAt: [Int64] = []
        while let next = try outbox.nextDue(), triedAt.count < 100 {
            env.clock.set(next)
            let due = try outbox.due(limit: 10)
            XCTAssertEqual(due.map(\.id), [message.id])
            triedAt.append((next.secondsSinceEpoch - message.createdAt.secondsSinceEpoch) / 60)
            try outbox.settle(due.map { ($0, .temporaryFailure("451 4.3.0 Try again later")) })
            XCTAssertEqual(try outbox.due(limit: 10), [], "not due again before its backoff")
        }
        XCTAssertEqual(Array(triedAt.prefix(8)), [0, 1, 3, 7, 15, 31, 63, 123])
        XCTAssertEqual(Set(zip(triedAt.dropFirst(6), triedAt.dropFirst(7)).map { $1 - $0 }), [60])
        XCTAssertEqual(triedAt.last, 2823, "the next attempt, at 2883 minutes, would be past the 48 hours (2880)")
        let failed = try stored(env, message.id)
        XCTAssertEqual(failed.status, .failed)
        XCTAssertEqual(failed.attempts, triedAt.count)
        XCTAssertEqual(failed.lastError, "451 4.3.0 Try again later")
        XCTAssertEqual(failed.settledAt, message.createdAt.adding(minutes: 2823))
    }

    func testOneSettlementRecordsARunAndLeavesAWithdrawnMessageWithdrawn() throws {
        let (env, first) = try oneMessage()
        let second = try env.book(env.at("2026-11-24", "09:15"), person: 1).booking.id
        let third = try env.book(env.at("2026-11-24", "09:30"), person: 2).booking.id
        let run = try env.useCases.outbox.due(limit: 10)
        XCTAssertEqual(run.map(\.bookingId), [first.bookingId, second, third])
        let store = env.store
        try store.write { db in try store.withdrawPending(db, kind: .confirmation, bookingId: third, now: TestEnvironment.start) }
        try env.useCases.outbox.settle([(run[0], .sent), (run[1], .temporaryFailure("connection refused")), (run[2], .sent)])
        XCTAssertEqual(try [run[0], run[1], run[2]].map { try stored(env, $0.id).status }, [.sent, .pending, .withdrawn])
        XCTAssertEqual(try env.useCases.outbox.nextDue(), TestEnvironment.start.adding(minutes: 1))
        XCTAssertEqual(try stored(env, run[1].id).lastError, "connection refused")
    }
}
