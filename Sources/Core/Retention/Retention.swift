import Scheduling
import SQLite

/// The retention run: erases the personal data whose time is up and
/// removes the rows nobody needs any more (`RetentionSweep`, with the
/// numbers of `RetentionRules` and the municipalities' retention days), in
/// batches that hold the writer briefly, so bookings keep flowing during a
/// run over a million rows. Each real run is recorded (`RetentionRuns`)
/// and, when it changed anything, leaves the WAL checkpointed and empty, so
/// the erased values are in neither the file nor its `-wal`.
///
/// Erasing changes nothing a booking could take: no office's availability
/// is forgotten (`Store.write`, not `write(changing:)`).
public struct Retention: UseCase {
    public let store: Store
    public let clock: any Clock
    let batchSize: Int

    public init(store: Store, clock: any Clock = SystemClock()) {
        self.init(store: store, clock: clock, batchSize: RetentionRules.batchSize)
    }

    /// With another batch size: for the tests of batching.
    init(store: Store, clock: any Clock, batchSize: Int) {
        precondition(batchSize >= 1, "a batch erases at least one row")
        self.store = store
        self.clock = clock
        self.batchSize = batchSize
    }

    /// Erases or removes what is due now; dry: counts it, writes nothing, records nothing.
    public func run(_ trigger: RetentionTrigger, dryRun: Bool = false) throws -> RetentionReport {
        let startedAt = clock.now()
        let sweeps = RetentionSweep.all(catalogue: try store.catalogue(), now: startedAt)
        var report = RetentionReport(startedAt: startedAt, finishedAt: startedAt, trigger: trigger, dryRun: dryRun)
        if dryRun {
            let counts = try store.read { db in try sweeps.map { (kind: $0.kind, rows: try $0.count(db)) } }
            for (kind, rows) in counts { report.add(rows, kind) }
            report.finishedAt = clock.now()
            return report
        }
        for sweep in sweeps { report.add(try sweepInBatches(sweep, at: startedAt), sweep.kind) }
        report.finishedAt = clock.now()
        let recorded = report
        try store.write { db in try RetentionRuns.record(db, recorded) }
        if report.total > 0 { report.logEmptied = try store.emptyLog() }
        return report
    }

    /// The recorded runs, newest first.
    public func recordedRuns(limit: Int) throws -> [RetentionReport] {
        try store.read { db in try RetentionRuns.newest(db, limit: limit) }
    }

    /// Applies the sweep a batch at a time, each batch read and then written
    /// in a transaction of its own; how many rows it erased or removed.
    private func sweepInBatches(_ sweep: RetentionSweep, at now: Instant) throws -> Int {
        let batchSize = self.batchSize
        var applied = 0
        while true {
            let keys = try store.read { db in try sweep.nextKeys(db, limit: batchSize) }
            guard !keys.isEmpty else { return applied }
            let changed = try store.write { db in try keys.filter { try sweep.apply(db, $0, now) }.count }
            applied += changed
            // A batch that changed nothing found only rows gone meanwhile,
            // which the next read no longer finds; one that was not full was the last.
            if keys.count < batchSize || changed == 0 { return applied }
        }
    }
}
