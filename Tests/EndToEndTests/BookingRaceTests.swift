import Foundation
import XCTest

/// Invariant 6 against the real executable and database: any number of
/// concurrent attempts never books a slot beyond its capacity. 120 clients
/// race for one start and 120 more for random other starts of the same
/// day, each on a connection of its own, all released at once.
final class BookingRaceTests: XCTestCase {
    static let office: String = "buergerbuero-mitte"

    struct Answer {
        let index: Int
        let status: Int
        let problemType: String
        let start: String?
        let code: String?
    }

    func testConcurrentBookingsNeverExceedCapacity() throws {
        try requireSQLite3()
        let server = try DemoServer.start()
        defer { server.stop() }
        let client = APIClient(port: server.port)
        let staff = try client.signIn("staff-mitte")

        // What is free before the race, per start, as the desk sees it.
        let starts = try client.slotStarts(office: Self.office, date: server.date)
        let before = try client.schedule(office: Self.office, date: server.date, cookie: staff)
        var freeBefore: [Int: Int] = [:]
        for start in starts {
            let slot = try XCTUnwrap(before.slot(at: start), "slot \(start) missing from the schedule")
            freeBefore[RFC3339Instant(start)!] = slot.free
        }
        let contested = try XCTUnwrap(starts.max { freeBefore[RFC3339Instant($0)!]! < freeBefore[RFC3339Instant($1)!]! })
        let contestedFree = freeBefore[RFC3339Instant(contested)!]!
        XCTAssertGreaterThan(contestedFree, 0)
        let others = starts.filter { $0 != contested }
        XCTAssertFalse(others.isEmpty)

        // Who asks for what is decided before the race: 0..<120 the contested
        // start, 120..<240 random other starts of the day.
        let contenders = 120
        var generator = SystemRandomNumberGenerator()
        let targets: [String] = Array(repeating: contested, count: contenders)
            + (0..<contenders).map { _ in others.randomElement(using: &generator)! }
        let port = server.port
        let runID = UUID().uuidString.prefix(8).lowercased()
        let gate = StartGate()
        let answers = Locked<[Answer]>([])
        let failures = Locked<[String]>([])

        runThreads(targets.count, gate: gate) { index in
            // Each racer a host of its own: one host's 240 connections would
            // be past the server's per-client connection cap.
            let client = APIClient(port: port, timeout: 30, source: "127.0.\(index / 200 + 1).\(index % 200 + 1)")
            let body = APIClient.bookingBody(office: Self.office, start: targets[index], name: "Racer \(index)",
                                             email: "racer-\(runID)-\(index)@example.org")
            let connected = Result { try client.connect() }
            gate.wait()
            do {
                try connected.get()
                let response = try client.post("/api/v1/bookings", json: body)
                let booking = response.object["booking"] as? [String: Any]
                answers.withLock {
                    $0.append(Answer(index: index, status: response.status, problemType: response.problemType,
                                     start: booking?["start"] as? String, code: booking?["code"] as? String))
                }
            } catch {
                failures.withLock { $0.append("client \(index): \(error)") }
            }
        }
        XCTAssertEqual(failures.current, [], "every client gets an answer")
        let all = answers.current
        XCTAssertEqual(all.count, targets.count)

        // Every answer is 201 or 409 slot-taken; nothing else, never 5xx.
        for answer in all where answer.status != 201 {
            XCTAssertEqual(answer.status, 409, "client \(answer.index) for \(targets[answer.index])")
            XCTAssertEqual(answer.problemType, "https://terminbuch.example/problems/slot-taken", "client \(answer.index)")
        }
        for answer in all where answer.status == 201 {
            XCTAssertEqual(answer.start.flatMap(RFC3339Instant), RFC3339Instant(targets[answer.index]),
                           "client \(answer.index) got another start than it asked for")
        }
        let codes = all.compactMap(\.code)
        XCTAssertEqual(Set(codes).count, codes.count, "booking codes are unique")

        // Per start: exactly min(asked, free before) succeed, as nothing else
        // takes capacity from a start (one 15-minute slot per booking).
        var asked: [Int: Int] = [:], won: [Int: Int] = [:]
        for answer in all {
            let start = RFC3339Instant(targets[answer.index])!
            asked[start, default: 0] += 1
            if answer.status == 201 { won[start, default: 0] += 1 }
        }
        let contestedInstant = RFC3339Instant(contested)!
        XCTAssertEqual(won[contestedInstant, default: 0], min(contenders, contestedFree),
                       "bookings won for the contested start \(contested)")
        for (start, count) in asked {
            XCTAssertEqual(won[start, default: 0], min(count, freeBefore[start]!),
                           "bookings won at \(start): \(count) asked, \(freeBefore[start]!) free before")
        }

        // The desk's view afterwards: no slot beyond its bookable counters,
        // and exactly the appointments it counts.
        let after = try client.schedule(office: Self.office, date: server.date, cookie: staff)
        after.assertWithinCapacity("after the race")
        for start in starts {
            let instant = RFC3339Instant(start)!
            let beforeSlot = before.slot(at: start)!, afterSlot = try XCTUnwrap(after.slot(at: start))
            XCTAssertEqual(afterSlot.booked, beforeSlot.booked + won[instant, default: 0], "booked at \(start)")
            XCTAssertEqual(afterSlot.free, beforeSlot.free - won[instant, default: 0], "free at \(start)")
        }
        let online = try client.slotStarts(office: Self.office, date: server.date)
        XCTAssertFalse(online.contains(contested), "a full start is no longer offered")

        // And the file itself.
        try assertDatabaseInvariants(server.databasePath)
        let startSeconds = RFC3339Instant(contested)!
        let rows = try sqliteRows(server.databasePath, """
            SELECT (SELECT count(*) FROM bookings WHERE office_id = '\(Self.office)' AND start = \(startSeconds) AND status != 'cancelled'),
                   (SELECT booked FROM slot_usage WHERE office_id = '\(Self.office)' AND slot_start = \(startSeconds)),
                   (SELECT total FROM slot_usage WHERE office_id = '\(Self.office)' AND slot_start = \(startSeconds))
            """)
        let contestedSlot = before.slot(at: contested)!
        XCTAssertEqual(rows, [["\(contestedSlot.booked + won[contestedInstant, default: 0])",
                               "\(contestedSlot.booked + won[contestedInstant, default: 0])", "\(contestedSlot.total)"]],
                       "bookings, slot_usage.booked and total at the contested start")
        let raced = try sqliteRows(server.databasePath,
                                   "SELECT count(*) FROM bookings WHERE contact_email LIKE 'racer-\(runID)-%'")
        XCTAssertEqual(raced, [["\(codes.count)"]], "one row per 201, no more")
    }
}
