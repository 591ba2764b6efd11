import Foundation
import XCTest

/// Durability (docs/architecture.md, "Storage": a booking is acknowledged only after its
/// commit is durable): SIGKILL the server in the middle of a booking load,
/// start it again on the same file, and every booking a client was told
/// about is there, the file is sound, and the capacity invariants hold.
final class CrashRecoveryTests: XCTestCase {
    /// Offices whose demo rules take online bookings of a Personalausweis.
    static let offices = ["buergerbuero-mitte", "buergerbuero-nord", "stadtteilbuero-luebeck-st-lorenz"]

    struct Candidate: Sendable {
        let office: String
        let start: String
    }

    struct Confirmed: Sendable {
        let code: String
        let token: String
        let office: String
        let start: String
        let date: String
    }

    func testEveryAcknowledgedBookingSurvivesSIGKILL() throws {
        try requireSQLite3()
        let server = try DemoServer.start()
        var killed = false
        defer { if !killed { server.stop() } }
        let client = APIClient(port: server.port)

        // Starts across several days and offices.
        var candidates: [Candidate] = []
        for office in Self.offices {
            let days = try client.get("/api/v1/offices/\(office)/days?services=personalausweis")
            XCTAssertEqual(days.status, 200, days.text)
            let dates = (days.object["days"] as? [[String: Any]] ?? []).compactMap { $0["date"] as? String }.prefix(8)
            XCTAssertFalse(dates.isEmpty, "\(office) has bookable days")
            for date in dates {
                candidates += try client.slotStarts(office: office, date: date).map { Candidate(office: office, start: $0) }
            }
        }
        XCTAssertGreaterThan(candidates.count, 100)

        let port = server.port
        let runID = UUID().uuidString.prefix(8).lowercased()
        let stop = Locked(false)
        let confirmed = Locked<[Confirmed]>([])
        let unexpected = Locked<[String]>([])
        let counters = Locked((created: 0, taken: 0, errors: 0))
        let pool = candidates

        let loadDone = DispatchSemaphore(value: 0)
        let load = Thread {
            runThreads(30) { worker in
                let client = APIClient(port: port, timeout: 10)
                var generator = SystemRandomNumberGenerator()
                var attempt = 0
                while !stop.current {
                    attempt += 1
                    let candidate = pool.randomElement(using: &generator)!
                    let body = APIClient.bookingBody(office: candidate.office, start: candidate.start, name: "Crash \(worker)-\(attempt)",
                                                     email: "crash-\(runID)-\(worker)-\(attempt)@example.org")
                    do {
                        let response = try client.post("/api/v1/bookings", json: body)
                        switch response.status {
                        case 201:
                            let object = response.object
                            let booking = object["booking"] as? [String: Any] ?? [:]
                            guard let code = booking["code"] as? String, let token = object["manageToken"] as? String,
                                  let start = booking["start"] as? String else {
                                unexpected.withLock { $0.append("201 without code/token/start: \(response.text)") }
                                continue
                            }
                            confirmed.withLock {
                                $0.append(Confirmed(code: code, token: token, office: candidate.office, start: start,
                                                    date: String(start.prefix(10))))
                            }
                            counters.withLock { $0.created += 1 }
                        case 409 where response.problemType == "https://terminbuch.example/problems/slot-taken":
                            counters.withLock { $0.taken += 1 }
                        default:
                            unexpected.withLock { $0.append("\(response.status): \(response.text.prefix(300))") }
                        }
                    } catch {
                        // Expected once the server is killed: the answer never came.
                        counters.withLock { $0.errors += 1 }
                        if stop.current { return }
                        client.close()
                        stop.wait(until: { $0 }, timeout: 0.01)  // a moment to see the kill before reconnecting
                    }
                }
            }
            loadDone.signal()
        }
        load.start()

        // Kill in the middle of the load, with requests in flight.
        counters.wait(until: { $0.created >= 40 }, timeout: 60)
        let createdBeforeKill = counters.current.created
        server.process.signal(SIGKILL)
        killed = true
        XCTAssertNotNil(server.process.waitForExit(timeout: 10), "SIGKILL ends the server")
        stop.withLock { $0 = true }
        XCTAssertEqual(loadDone.wait(timeout: .now() + 20), .success, "the clients stop once the server is gone")
        XCTAssertEqual(unexpected.current, [], "only 201 and 409 before the kill")
        XCTAssertGreaterThan(createdBeforeKill, 20, "the load was booking when the server was killed")

        // The same file, a new process.
        let restarted = try ServerProcess(databasePath: server.databasePath, arguments: ["--now", server.now])
        defer {
            restarted.stop()
            DemoServer.removeDatabase(of: restarted)
        }
        let records = confirmed.current
        let restartedPort = restarted.port
        let missing = Locked<[String]>([])
        let workers = 4
        runThreads(workers) { worker in
            let client = APIClient(port: restartedPort, timeout: 10)
            for record in records.enumerated().filter({ $0.offset % workers == worker }).map(\.element) {
                do {
                    let response = try client.get("/api/v1/bookings/\(record.code)",
                                                  headers: [("Authorization", "Bearer \(record.token)")])
                    let start = response.object["start"] as? String
                    if response.status != 200 || start.flatMap(RFC3339Instant) != RFC3339Instant(record.start)
                        || response.object["status"] as? String != "confirmed" {
                        missing.withLock { $0.append("\(record.code): \(response.status) \(response.text.prefix(200))") }
                    }
                } catch {
                    missing.withLock { $0.append("\(record.code): \(error)") }
                }
            }
        }
        XCTAssertEqual(missing.current, [], "every acknowledged booking is there after the crash")

        // The file and the invariants.
        try assertDatabaseInvariants(restarted.databasePath)
        let stored = try sqliteRows(restarted.databasePath,
                                    "SELECT count(*) FROM bookings WHERE contact_email LIKE 'crash-\(runID)-%'")
        let storedCount = Int(stored.first?.first ?? "") ?? -1
        XCTAssertGreaterThanOrEqual(storedCount, records.count, "acknowledged bookings in the file")
        // At most the requests in flight at the kill were committed unacknowledged.
        XCTAssertLessThanOrEqual(storedCount, records.count + 30, "committed but never acknowledged")

        let admin = try APIClient(port: restarted.port).signIn("admin")
        let desk = APIClient(port: restarted.port)
        let days = Set(records.map { "\($0.office) \($0.date)" })
        for day in days.sorted() {
            let parts = day.split(separator: " ").map(String.init)
            try desk.schedule(office: parts[0], date: parts[1], cookie: admin).assertWithinCapacity(day)
        }
        let total = counters.current
        print("CrashRecoveryTests: \(records.count) acknowledged, \(storedCount) stored, \(total.taken) slot-taken, "
              + "\(total.errors) cut off by the kill, \(candidates.count) candidate starts")
    }
}
