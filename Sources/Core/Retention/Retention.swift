import Glibc
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
    let pace: RetentionPace

    public init(store: Store, clock: any Clock = SystemClock()) {
        self.init(store: store, clock: clock, batchSize: RetentionRules.batchSize, pace: .halfTheWriter)
    }

    /// With another batch size or pace: for the tests of batching.
    init(store: Store, clock: any Clock, batchSize: Int, pace: RetentionPace = .none) {
        precondition(batchSize >= 1, "a batch erases at least one row")
        self.store = store
        self.clock = clock
        self.batchSize = batchSize
        self.pace = pace
    }

    /// Erases or removes what is due now; dry: counts it, writes nothing, records nothing.
    /// `stopping` is asked between batches: true ends the run there (a server shutting down).
    public func run(_ trigger: RetentionTrigger, dryRun: Bool = false,
                    until stopping: @Sendable () -> Bool = { false }) throws -> RetentionReport {
        let startedAt = clock.now()
        let sweeps = RetentionSweep.all(catalogue: try store.catalogue(), now: startedAt)
        var report = RetentionReport(startedAt: startedAt, finishedAt: startedAt, trigger: trigger, dryRun: dryRun)
        if dryRun {
            let counts = try store.read { db in try sweeps.map { (kind: $0.kind, rows: try $0.count(db)) } }
            for (kind, rows) in counts { report.add(rows, kind) }
            report.finishedAt = clock.now()
            return report
        }
        for sweep in sweeps where !report.stoppedEarly {
            let (applied, stopped) = try sweepInBatches(sweep, at: startedAt, until: stopping)
            report.add(applied, sweep.kind)
            report.stoppedEarly = stopped
        }
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

    /// Applies the sweep a batch at a time, each batch found and applied
    /// in one write transaction of its own (on the writer, whose page cache
    /// then still holds the pages the next batch reads — a reader's would be
    /// dropped by every commit); how many rows it erased or removed.
    ///
    /// After each batch the run rests as long as the batch took: bookings
    /// queued meanwhile go first, and the run takes at most half of the
    /// writer and of a core, however many rows are due.
    private func sweepInBatches(_ sweep: RetentionSweep, at now: Instant,
                                until stopping: () -> Bool) throws -> (applied: Int, stopped: Bool) {
        let batchSize = self.batchSize
        // Most sweeps find nothing on most days: a look first, so they never write.
        guard try store.read({ db in try !sweep.nextKeys(db, limit: 1).isEmpty }) else { return (0, false) }
        var applied = 0
        while true {
            if stopping() { return (applied, true) }
            let started = ContinuousClock.now
            let (found, changed) = try store.write { db in
                let keys = try sweep.nextKeys(db, limit: batchSize)
                return (keys.count, try keys.filter { try sweep.apply(db, $0, now) }.count)
            }
            applied += changed
            // A batch that was not full was the last; one that changed
            // nothing found only rows that cannot be applied.
            if found < batchSize || changed == 0 { return (applied, false) }
            pace.rest(after: ContinuousClock.now - started)
        }
    }
}

/// How a run shares the writer with bookings: it rests after each batch
/// for as long as the batch took. Tests run without resting.
struct RetentionPace: Sendable {
    let rest: @Sendable (Duration) -> Void

    func rest(after batch: Duration) { rest(batch) }

    /// Rests on the calling thread (a run's own, never an event loop).
    static let halfTheWriter = RetentionPace { duration in
        let (seconds, attoseconds) = duration.components
        var wanted = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        var left = timespec()
        while nanosleep(&wanted, &left) != 0 && errno == EINTR { wanted = left }
    }
    static let none = RetentionPace { _ in }
}
