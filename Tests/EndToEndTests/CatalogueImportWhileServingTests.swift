import Foundation
import XCTest

/// `terminbuch catalogue import` on the database of a running server: the
/// server sees the change the moment the import commits (its catalogue,
/// plans and cached availability answers), says so once, and its own
/// bookings and office changes are never taken for another process's.
final class CatalogueImportWhileServingTests: XCTestCase {
    static let office = "buergerbuero-mitte"
    static let reloaded = "terminbuch: the catalogue changed in the database (another process), reloaded\n"

    var server: DemoServer!
    var client: APIClient!
    /// A Tuesday three weeks out: inside the 42-day horizon, after the demo bookings' 14 days.
    var day = ""

    override func setUpWithError() throws {
        server = try DemoServer.start()
        client = APIClient(port: server.port)
        day = DemoServer.adding(days: 22, to: server.date)
    }

    override func tearDown() {
        server?.stop()
    }

    /// Runs `terminbuch catalogue import` of the server's export with
    /// Bürgerbüro Mitte renamed and closed on `day`.
    func importMitteRenamedAndClosed() throws {
        let exported = try CatalogueCommandTests.terminbuch(["catalogue", "export", "--database", server.databasePath])
        XCTAssertEqual(exported.status, 0, exported.errors)
        var catalogue = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(exported.output.utf8)) as? [String: Any])
        var offices = try XCTUnwrap(catalogue["offices"] as? [[String: Any]])
        let index = try XCTUnwrap(offices.firstIndex { $0["id"] as? String == Self.office })
        offices[index]["name"] = "Bürgerservice Mitte"
        offices[index]["closures"] = (offices[index]["closures"] as? [[String: Any]] ?? [])
            + [["id": "betriebsausflug", "from": day, "reason": "Betriebsausflug"]]
        catalogue["offices"] = offices
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tb-import-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try JSONSerialization.data(withJSONObject: catalogue).write(to: file)

        let run = try CatalogueCommandTests.terminbuch(["catalogue", "import", file.path, "--database", server.databasePath])
        XCTAssertEqual(run.status, 0, run.errors)
        XCTAssertTrue(run.output.contains("changed office \(Self.office)\n"), run.output)
        XCTAssertFalse(run.errors.contains("SIGHUP"), "no SIGHUP needed: \(run.errors)")
    }

    func testAnImportIsServedAtOnceAndTheServerSaysSo() throws {
        // Loaded and cached: the office list, and the day's anonymous
        // availability answer the event loop serves from memory.
        let offices = try client.get("/api/v1/offices")
        XCTAssertTrue(offices.text.contains("\"Bürgerbüro Mitte\""), offices.text)
        XCTAssertFalse(try client.slotStarts(office: Self.office, date: day).isEmpty)
        XCTAssertFalse(try client.slotStarts(office: Self.office, date: day).isEmpty, "asked twice: the cached answer")

        try importMitteRenamedAndClosed()
        XCTAssertTrue(server.process.waitForOutput(containing: Self.reloaded), server.process.output)

        let renamed = try client.get("/api/v1/offices")
        XCTAssertEqual(renamed.status, 200)
        XCTAssertTrue(renamed.text.contains("\"Bürgerservice Mitte\""), renamed.text)
        XCTAssertEqual(try client.slotStarts(office: Self.office, date: day), [], "closed that day by the import")
        XCTAssertEqual(server.process.occurrences(of: Self.reloaded), 1)

        // The operator's SIGHUP still reloads, whatever the watch saw.
        server.process.signal(SIGHUP)
        XCTAssertTrue(server.process.waitForOutput(containing: "SIGHUP, reloaded the catalogue"))
        XCTAssertTrue(try client.get("/api/v1/offices").text.contains("\"Bürgerservice Mitte\""))
    }

    func testTheServersOwnBookingsAndClosuresAreNotTakenForAnotherProcesss() throws {
        // A week after the day the import closes, so it strands no booking.
        let later = DemoServer.adding(days: 7, to: day)
        XCTAssertFalse(try client.slotStarts(office: Self.office, date: later).isEmpty)
        let booked = try client.post("/api/v1/bookings", json: APIClient.bookingBody(
            office: Self.office, start: DemoServer.instant(later, "10:00"), name: "Erika Muster", email: "erika@example.org"))
        XCTAssertEqual(booked.status, 201, booked.text)
        let staff = try client.signIn("staff-mitte")
        let closure = try client.post("/api/v1/offices/\(Self.office)/closures",
                                      json: ["from": DemoServer.adding(days: 1, to: day), "reason": "Schulung"],
                                      headers: [("Cookie", staff)])
        XCTAssertEqual(closure.status, 201, closure.text)

        // The watch meets commits in order on one thread: had the booking or
        // the closure been taken for another process's change, its line
        // would come before the import's.
        try importMitteRenamedAndClosed()
        XCTAssertTrue(server.process.waitForOutput(containing: Self.reloaded), server.process.output)
        XCTAssertEqual(server.process.occurrences(of: Self.reloaded), 1, server.process.output)
    }
}
