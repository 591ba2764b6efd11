import CSQLite
import Foundation
import Synchronization
import XCTest

@testable import SQLite

final class GroupCommitTests: XCTestCase {
    private var directory: TemporaryDirectory!
    private var database: Database!

    override func setUpWithError() throws {
        directory = try TemporaryDirectory()
        var migrator = Migrator()
        migrator.register("v1") { conn in
            try conn.execute("""
                CREATE TABLE counter(id INTEGER PRIMARY KEY, n INTEGER NOT NULL) STRICT;
                INSERT INTO counter VALUES (1, 0);
                CREATE TABLE items(id INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE) STRICT;
                CREATE TABLE tags(
                    item_id INTEGER NOT NULL REFERENCES items(id) DEFERRABLE INITIALLY DEFERRED
                ) STRICT;
                INSERT INTO items(label) VALUES ('taken');
                """)
        }
        database = try Database(
            path: directory.path(), migrator: migrator,
            configuration: .init(maximumBatchSize: 64))
    }

    override func tearDown() {
        database?.close()
        database = nil
        directory = nil
    }

    private func labels() throws -> [String] {
        try database.read { try $0.query("SELECT label FROM items ORDER BY label").map { try $0[0] } }
    }

    func testConcurrentWritesStaySerialisedWhenBatched() throws {
        let errors = ErrorLog()
        onThreads(8) { [database] _ in
            for _ in 0..<200 {
                do {
                    try database!.write { conn in
                        let n: Int = try conn.scalar("SELECT n FROM counter")
                        try conn.run("UPDATE counter SET n = ?", [n + 1])
                    }
                } catch {
                    errors.record(error)
                }
            }
        }
        XCTAssertEqual(errors.all, [])
        XCTAssertEqual(try database.read { try $0.scalar("SELECT n FROM counter", as: Int.self) }, 1600)
    }

    /// Holds the writer in one job while six more queue up, so the six are
    /// certain to run as one batch; then checks that each failure undid
    /// only its own job and the rest were committed.
    func testAFailingJobInABatchFailsAloneAndTheOthersCommit() throws {
        let database = self.database!
        let holding = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let holder = Thread {
            try? database.write { _ in
                holding.signal()
                release.wait()
            }
        }
        holder.start()
        holding.wait()

        let outcomes = Mutex<[String: String]>([:])
        let depths = Mutex<Set<Int>>([])
        let jobs = ["a", "b", "throws", "taken", "dangling", "c"]
        let group = DispatchGroup()
        for label in jobs {
            group.enter()
            Thread {
                let outcome: String
                do {
                    try database.write { conn in
                        depths.withLock { _ = $0.insert(conn.savepointDepth) }
                        switch label {
                        case "throws":
                            try conn.run("INSERT INTO items(label) VALUES ('from throws')")
                            throw TestError(tag: "throws")
                        case "dangling":
                            try conn.run("INSERT INTO items(label) VALUES ('from dangling')")
                            try conn.run("INSERT INTO tags(item_id) VALUES (999)")  // checked at COMMIT
                        default:
                            try conn.run("INSERT INTO items(label) VALUES (?)", [label])
                        }
                    }
                    outcome = "ok"
                } catch let error as SQLiteError {
                    outcome = error.code.name
                } catch {
                    outcome = "\(error)"
                }
                outcomes.withLock { $0[label] = outcome }
                group.leave()
            }.start()
        }
        while database.writer.queue.pendingCount < jobs.count {
            Thread.sleep(forTimeInterval: 0.001)
        }
        release.signal()
        group.wait()

        XCTAssertEqual(outcomes.withLock { $0 }, [
            "a": "ok", "b": "ok", "c": "ok",
            "throws": "TestError(tag: \"throws\")",
            "taken": "SQLITE_CONSTRAINT_UNIQUE",
            "dangling": "SQLITE_CONSTRAINT_FOREIGNKEY",
        ])
        XCTAssertEqual(depths.withLock { $0 }, [1], "all six ran as savepoints of one transaction")
        XCTAssertEqual(try labels(), ["a", "b", "c", "taken"])
        XCTAssertEqual(try database.read { try $0.scalar("SELECT count(*) FROM tags", as: Int.self) }, 0)
    }

    /// The batch paths that need a misbehaving commit or job are driven
    /// directly on a connection: `runBatch` finishes every job before it
    /// returns, so `wait()` afterwards does not block.
    private func directConnection() throws -> Connection {
        let conn = try Connection.open(path: directory.path("direct.sqlite"))
        try conn.execute("CREATE TABLE items(label TEXT NOT NULL) STRICT")
        return conn
    }

    private func insertJob(_ label: String) -> WriteJob {
        WriteJob { try $0.run("INSERT INTO items VALUES (?)", [label]) }
    }

    private func outcome(_ job: WriteJob) -> String {
        do {
            try job.wait()
            return "ok"
        } catch let error as SQLiteError {
            return error.code.name
        } catch {
            return "\(error)"
        }
    }

    func testCommitFailureFailsEveryJobOfTheBatchAndKeepsNothing() throws {
        let conn = try directConnection()
        let jobs = ["a", "b", "c"].map(insertJob)
        // A commit hook that vetoes turns COMMIT into SQLITE_CONSTRAINT_COMMITHOOK.
        sqlite3_commit_hook(conn.handle, { _ in 1 }, nil)
        Writer.runBatch(jobs, on: conn)
        sqlite3_commit_hook(conn.handle, nil, nil)

        XCTAssertEqual(jobs.map(outcome), Array(repeating: "SQLITE_CONSTRAINT_COMMITHOOK", count: 3))
        XCTAssertFalse(conn.isInTransaction)
        XCTAssertEqual(try conn.scalar("SELECT count(*) FROM items", as: Int.self), 0)
    }

    func testAJobThatLosesTheWholeTransactionFailsTheJobsBeforeItOnly() throws {
        let conn = try directConnection()
        let jobs = [
            insertJob("a"),
            WriteJob { conn in
                try conn.run("INSERT INTO items VALUES ('lost')")
                try conn.execute("ROLLBACK")  // as SQLite does itself on a full disk
            },
            insertJob("b"),
            insertJob("c"),
        ]
        Writer.runBatch(jobs, on: conn)

        XCTAssertEqual(jobs.map(outcome), ["SQLITE_ABORT", "SQLITE_ERROR", "ok", "ok"])
        XCTAssertFalse(conn.isInTransaction)
        XCTAssertEqual(try conn.query("SELECT label FROM items ORDER BY label").map { try $0[0] as String }, ["b", "c"])
    }
}
