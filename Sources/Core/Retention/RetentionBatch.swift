/// How much one write transaction of a retention run may do: at most
/// `rows` rows, and no further row once `time` has passed since the batch
/// began. The first row always goes, so every batch makes progress.
///
/// The time bound is what keeps bookings flowing: what a row costs
/// varies (its indexes, the page cache, the disk), and a batch bounded by
/// rows alone holds the writer longer exactly when the writer is busiest.
/// The row bound keeps the keys a batch reads few.
struct RetentionBatch: Sendable {
    let rows: Int
    let time: Duration

    init(rows: Int, time: Duration) {
        precondition(rows >= 1, "a batch erases at least one row")
        self.rows = rows
        self.time = time
    }

    /// At most `rows`, with no bound in time: for tests that count batches.
    static func rows(_ rows: Int) -> RetentionBatch {
        RetentionBatch(rows: rows, time: .seconds(Int64.max / 2))
    }
}
