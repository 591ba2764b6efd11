import Foundation
import XCTest

/// `terminbuch catalogue export|import` as an operator runs them, on the
/// database of a running demo server and on a new, empty one.
final class CatalogueCommandTests: XCTestCase {
    typealias Run = UserCommandTests.Run

    static func terminbuch(_ arguments: [String]) throws -> Run { try UserCommandTests.terminbuch(arguments) }

    /// A fresh directory that goes away with the test.
    func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tb-catalogue-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func testExportThenImportIntoAnEmptyDatabaseThenExportIsByteIdentical() throws {
        let server = try DemoServer.start()
        defer { server.stop() }
        let dir = try directory()
        let file = dir.appendingPathComponent("catalogue.json").path

        let exported = try Self.terminbuch(["catalogue", "export", "--output", file, "--database", server.databasePath])
        XCTAssertEqual(exported.status, 0, exported.errors)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        let again = try Self.terminbuch(["catalogue", "export", "--database", server.databasePath])
        XCTAssertEqual(Data(again.output.utf8), bytes, "same database, same bytes")

        let empty = dir.appendingPathComponent("new.sqlite").path
        let imported = try Self.terminbuch(["catalogue", "import", file, "--database", empty])
        XCTAssertEqual(imported.status, 0, imported.errors)
        XCTAssertTrue(imported.output.contains("added office buergerbuero-mitte\n"), imported.output)
        XCTAssertFalse(imported.output.contains("changed ") || imported.output.contains("removed "), imported.output)
        let reexported = try Self.terminbuch(["catalogue", "export", "--database", empty])
        XCTAssertEqual(reexported.status, 0, reexported.errors)
        XCTAssertEqual(Data(reexported.output.utf8), bytes)

        let reimported = try Self.terminbuch(["catalogue", "import", file, "--database", server.databasePath])
        XCTAssertEqual(reimported.status, 0, reimported.errors)
        XCTAssertEqual(reimported.output, "changed nothing\n")
    }

    func testAnInvalidFileExits65WithEveryProblemAndNothingIsWritten() throws {
        let server = try DemoServer.start()
        defer { server.stop() }
        let before = try Self.terminbuch(["catalogue", "export", "--database", server.databasePath]).output
        var catalogue = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(before.utf8)) as? [String: Any])
        var offices = try XCTUnwrap(catalogue["offices"] as? [[String: Any]])
        var rules = try XCTUnwrap(offices[2]["rules"] as? [[String: Any]])
        rules[0]["band"] = ["start": "12:00", "end": "08:00"]
        offices[2]["rules"] = rules
        offices[0]["land"] = "XX"
        offices[1]["name"] = "Umbenannt"
        catalogue["offices"] = offices
        let file = try directory().appendingPathComponent("bad.json")
        try JSONSerialization.data(withJSONObject: catalogue).write(to: file)

        let run = try Self.terminbuch(["catalogue", "import", file.path, "--database", server.databasePath])
        XCTAssertEqual(run.status, 65, run.errors)
        XCTAssertTrue(run.errors.contains("\noffices[0].land: is no Land code (BW, BY, BE, … TH)\n"), run.errors)
        XCTAssertTrue(run.errors.contains("\noffices[2].rules[0].band: ends before it starts\n"), run.errors)
        XCTAssertTrue(run.errors.contains("nothing was written"), run.errors)
        XCTAssertEqual(try Self.terminbuch(["catalogue", "export", "--database", server.databasePath]).output, before)
    }

    func testADryRunPrintsWhatWouldChangeAndTheImportThenApplies() throws {
        let server = try DemoServer.start()
        defer { server.stop() }
        var closures: [String] = []
        let (before, file) = try exportWithMitteChanged(server, into: "changed.json") { mitte in
            closures = (mitte["closures"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            mitte["name"] = "Bürgerservice Mitte"
            mitte["closures"] = []
        }

        let dryRun = try Self.terminbuch(["catalogue", "import", file.path, "--dry-run", "--database", server.databasePath])
        XCTAssertEqual(dryRun.status, 0, dryRun.errors)
        XCTAssertEqual(dryRun.output, (["would change office buergerbuero-mitte"] + closures.sorted().map { "would remove closure \($0)" })
            .map { $0 + "\n" }.joined())
        XCTAssertEqual(try Self.terminbuch(["catalogue", "export", "--database", server.databasePath]).output, before)

        let applied = try Self.terminbuch(["catalogue", "import", file.path, "--database", server.databasePath])
        XCTAssertEqual(applied.status, 0, applied.errors)
        XCTAssertEqual(applied.output, dryRun.output.replacingOccurrences(of: "would change", with: "changed")
            .replacingOccurrences(of: "would remove", with: "removed"))
        let after = try Self.terminbuch(["catalogue", "export", "--database", server.databasePath]).output
        XCTAssertTrue(after.contains("\"name\": \"Bürgerservice Mitte\""), after)

        // The running server serves it at once (CatalogueImportWhileServingTests).
        XCTAssertTrue(server.process.waitForOutput(containing: CatalogueImportWhileServingTests.reloaded))
        let listed = try APIClient(port: server.port).get("/api/v1/offices")
        XCTAssertEqual(listed.status, 200)
        XCTAssertTrue(listed.text.contains("\"Bürgerservice Mitte\""), listed.text)
    }

    func testAnImportThatStrandsBookingsPutsThemOnTheListAndSaysSo() throws {
        let server = try DemoServer.start()
        defer { server.stop() }
        let (before, file) = try exportWithMitteChanged(server, into: "closed.json") { $0["rules"] = [] }
        let codes = try sqliteRows(server.databasePath,
                                   "SELECT code FROM bookings WHERE office_id = 'buergerbuero-mitte' AND status != 'cancelled' ORDER BY code")
            .map { $0[0] }
        XCTAssertFalse(codes.isEmpty)

        let dryRun = try Self.terminbuch(["catalogue", "import", file.path, "--database", server.databasePath, "--dry-run"])
        XCTAssertEqual(dryRun.status, 0, dryRun.errors)
        for code in codes {
            XCTAssertTrue(dryRun.output.contains("would put on the \"to contact\" list: booking \(code) at buergerbuero-mitte"), dryRun.output)
        }
        XCTAssertEqual(try Self.terminbuch(["catalogue", "export", "--database", server.databasePath]).output, before)

        let run = try Self.terminbuch(["catalogue", "import", file.path, "--database", server.databasePath])
        XCTAssertEqual(run.status, 0, run.errors)
        for code in codes { XCTAssertTrue(run.output.contains("put on the \"to contact\" list: booking \(code) "), run.output) }
        let listed = try sqliteRows(server.databasePath, """
            SELECT b.code FROM affected_bookings a JOIN bookings b ON b.id = a.booking_id
            WHERE a.change_kind = 'catalogue' ORDER BY b.code
            """).map { $0[0] }
        XCTAssertEqual(listed, codes)
        XCTAssertEqual(try sqliteRows(server.databasePath,
                                      "SELECT count(*) FROM bookings WHERE office_id = 'buergerbuero-mitte' AND status != 'cancelled'")[0][0],
                       String(codes.count), "none dropped")
    }

    /// The server's catalogue as exported, and a file of it with Bürgerbüro
    /// Mitte's entry changed by `edit`.
    private func exportWithMitteChanged(_ server: DemoServer, into name: String,
                                        _ edit: (inout [String: Any]) -> Void) throws -> (before: String, file: URL) {
        let before = try Self.terminbuch(["catalogue", "export", "--database", server.databasePath]).output
        var catalogue = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(before.utf8)) as? [String: Any])
        var offices = try XCTUnwrap(catalogue["offices"] as? [[String: Any]])
        let index = try XCTUnwrap(offices.firstIndex { $0["id"] as? String == "buergerbuero-mitte" })
        edit(&offices[index])
        catalogue["offices"] = offices
        let file = try directory().appendingPathComponent(name)
        try JSONSerialization.data(withJSONObject: catalogue).write(to: file)
        return (before, file)
    }

    func testExportNeverCreatesADatabase() throws {
        let missing = try directory().appendingPathComponent("missing.sqlite").path
        let run = try Self.terminbuch(["catalogue", "export", "--database", missing])
        XCTAssertEqual(run.status, 64)
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing))
    }
}
