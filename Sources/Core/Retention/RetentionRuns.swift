import Scheduling
import SQLite

/// The record of retention runs (`retention_runs`, `retention_run_counts`):
/// when each ran, why, and how many rows of which kind it erased or
/// removed. Only real runs are recorded; a kind with nothing to do has no
/// count.
enum RetentionRuns {
    static func record(_ db: Connection, _ report: RetentionReport) throws {
        try db.run("INSERT INTO retention_runs(started_at, finished_at, trigger) VALUES (?, ?, ?)",
                   [report.startedAt.secondsSinceEpoch, report.finishedAt.secondsSinceEpoch, report.trigger.rawValue])
        let run = db.lastInsertRowID
        for (kind, rows) in report.counts where rows > 0 {
            try db.run("INSERT INTO retention_run_counts(run_id, kind, rows) VALUES (?, ?, ?)", [run, kind.rawValue, rows])
        }
    }

    /// The `limit` newest runs, newest first.
    static func newest(_ db: Connection, limit: Int) throws -> [RetentionReport] {
        try db.query("SELECT id, started_at, finished_at, trigger FROM retention_runs ORDER BY started_at DESC, id DESC LIMIT ?",
                     [limit]).map { row in
            let trigger: String = try row["trigger"]
            var report = RetentionReport(startedAt: Instant(secondsSinceEpoch: try row["started_at"]),
                                         finishedAt: Instant(secondsSinceEpoch: try row["finished_at"]),
                                         trigger: RetentionTrigger(rawValue: trigger) ?? .command, dryRun: false)
            for count in try db.query("SELECT kind, rows FROM retention_run_counts WHERE run_id = ?", [try row["id"] as Int64]) {
                let kind: String = try count["kind"]
                if let kind = RetentionKind(rawValue: kind) { report.add(try count["rows"], kind) }
            }
            return report
        }
    }
}
