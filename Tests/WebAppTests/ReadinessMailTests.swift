import Core
import Foundation
import HTTPServer
import Scheduling
import SQLite
import XCTest

/// `/ready` is 503 `mail-delivery-stuck` while an e-mail has been due for
/// more than `OutboxBacklog.stuckAfterMinutes`, and ready again once it is
/// sent; `/health`, liveness, does not care. A real database file, the
/// outbox rows written as the delivery worker would leave them, and the
/// application's clock moved.
final class ReadinessMailTests: XCTestCase {
    func testReadyIsUnavailableWhileAnEmailIsOverdue() throws {
        let app = try APIRouterApp(demo: false)
        // Beside the application's own connections, as another process's would be.
        let outbox = try Connection.open(path: app.directory.appendingPathComponent("db.sqlite").path)
        let due = app.clock.now().secondsSinceEpoch
        try outbox.run("""
            INSERT INTO outbox(message_id, kind, language, recipient, facts, created_at, next_attempt_at)
            VALUES ('tb.overdue', 'confirmation', 'de', 'erika@example.org', '{}', ?, ?)
            """, [due, due])
        XCTAssertEqual(try app.send(.get, "/ready").status, 200, "just due")

        app.clock.advance(minutes: OutboxBacklog.stuckAfterMinutes + 1)
        let stuck = try app.send(.get, "/ready")
        XCTAssertEqual(stuck.status, 503)
        XCTAssertEqual(stuck.headers["Content-Type"], "application/problem+json")
        XCTAssertEqual(stuck.headers["Cache-Control"], "no-store")
        XCTAssertEqual(stuck.object["type"] as? String, "https://terminbuch.example/problems/mail-delivery-stuck")
        XCTAssertEqual(stuck.object["detail"] as? String,
                       "Not ready: mail delivery is stuck: 1 e-mails pending, the oldest due for 16 minutes (more than 15).")
        XCTAssertEqual(stuck.object["oldestDueSeconds"] as? Int, 16 * 60)
        XCTAssertEqual(stuck.object["needsRestart"] as? Bool, false)
        XCTAssertEqual(try app.send(.get, "/health").status, 200, "the process is alive")

        try outbox.run("UPDATE outbox SET status = 'sent', settled_at = ? WHERE message_id = 'tb.overdue'", [due])
        XCTAssertEqual(try app.send(.get, "/ready").status, 200, "delivered: ready again")
    }
}
