import Foundation
import XCTest

@testable import SQLite

/// A checkpoint on another thread never catches up with a writer that
/// never pauses, so without the writer's own checkpoint the WAL would grow
/// for as long as the writes go on (it reached 450 MB in 8 s of booking
/// rush). The writer checkpoints at `Writer.restartFrames`, and the WAL
/// starts over instead of growing.
final class WALGrowthTests: XCTestCase {
    func testTheWALStopsGrowingUnderAWriterThatNeverPauses() throws {
        let directory = try TemporaryDirectory()
        var migrator = Migrator()
        migrator.register("v1") { try $0.execute("CREATE TABLE rows(id INTEGER PRIMARY KEY, payload BLOB NOT NULL) STRICT") }
        let database = try Database(path: directory.path(), migrator: migrator,
                                    configuration: .init(maximumBatchSize: 64, checkpointInterval: .milliseconds(5)))
        defer { database.close() }
        // Each commit writes about three pages; three times the threshold in
        // frames is far past where the WAL would stop if it restarts.
        let payload = [UInt8](repeating: 7, count: 6000)
        let commits = Writer.restartFrames * 3 / 2
        onThreads(4) { _ in
            for _ in 0..<(commits / 4) {
                _ = try? database.write { try $0.run("INSERT INTO rows(payload) VALUES (?)", [payload]) }
            }
        }
        XCTAssertEqual(try database.read { try $0.scalar("SELECT count(*) FROM rows", as: Int.self) }, commits / 4 * 4)
        let walBytes = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: directory.path() + "-wal")[.size] as? Int)
        let frameBytes = 4096 + 24
        XCTAssertLessThan(walBytes, (Writer.restartFrames + 500) * frameBytes,
                          "the WAL restarts once the writer has checkpointed it")
    }
}
