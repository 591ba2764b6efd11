import Foundation
import XCTest

@testable import SQLite

/// An erased value is gone from the file, not only from the query's
/// answer: every connection overwrites what an UPDATE or DELETE frees
/// (`secure_delete`), and a truncating checkpoint leaves no older frame
/// holding it in the `-wal`. The controls show that either step alone
/// leaves the value for `strings` to find, so the test can fail.
final class SecureDeleteTests: XCTestCase {
    private static let updated = "Erika-Mustermann-updated-7Q4Z"
    private static let deleted = "Max-Mustermann-deleted-9K2W"

    private func erase(secureDelete: Bool, checkpoint: Bool) throws -> (file: Bool, log: Bool) {
        let directory = try TemporaryDirectory()
        let path = directory.path()
        var migrator = Migrator()
        migrator.register("v1") { try $0.execute("CREATE TABLE people(id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT") }
        let database = try Database(path: path, migrator: migrator)
        defer { database.close() }
        try database.write { db in
            for index in 0..<50 { try db.run("INSERT INTO people(name) VALUES (?)", ["someone else \(index)"]) }
            try db.run("INSERT INTO people(id, name) VALUES (1000, ?), (1001, ?)", [Self.updated, Self.deleted])
        }
        XCTAssertTrue(try database.checkpoint(truncating: true), "the values are in the file itself now")
        try database.write { db in
            if !secureDelete { try db.execute("PRAGMA secure_delete = OFF") }
            try db.run("UPDATE people SET name = '' WHERE id = 1000")
            try db.run("DELETE FROM people WHERE id = 1001")
            if !secureDelete { try db.execute("PRAGMA secure_delete = ON") }
        }
        if checkpoint { XCTAssertTrue(try database.checkpoint(truncating: true)) }
        let file = try Data(contentsOf: URL(fileURLWithPath: path))
        let log = (try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data()
        let found = { (data: Data) in [Self.updated, Self.deleted].contains { data.range(of: Data($0.utf8)) != nil } }
        XCTAssertEqual(try database.read { try $0.scalar("SELECT count(*) FROM people WHERE name LIKE '%Mustermann%'", as: Int.self) }, 0)
        return (found(file), found(log))
    }

    func testErasedValuesAreInNeitherTheFileNorItsLogAfterATruncatingCheckpoint() throws {
        let found = try erase(secureDelete: true, checkpoint: true)
        XCTAssertFalse(found.file, "overwritten in the file")
        XCTAssertFalse(found.log, "the log is empty")
    }

    func testWithoutSecureDeleteTheFreedBytesStayInTheFile() throws {
        XCTAssertTrue(try erase(secureDelete: false, checkpoint: true).file)
    }

    func testWithoutTheCheckpointTheFileStillHoldsTheOldPage() throws {
        XCTAssertTrue(try erase(secureDelete: true, checkpoint: false).file)
    }

    func testEveryConnectionErasesSecurely() throws {
        let directory = try TemporaryDirectory()
        let connection = try Connection.open(path: directory.path())
        XCTAssertEqual(try connection.scalar("PRAGMA secure_delete", as: Int.self), 1)
    }
}
