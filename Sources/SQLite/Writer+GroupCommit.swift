/// Group commit: several callers' transactions committed together.
///
/// With `synchronous=FULL` every COMMIT waits for an fsync of the WAL, so
/// one transaction per commit means at most one booking per fsync. When
/// `Database.Configuration.maximumBatchSize` is above 1, the writer takes
/// every job that queued up during the previous commit (up to the maximum)
/// and runs them in one transaction, each inside its own savepoint:
///
/// - a job that throws rolls back to its savepoint: only its own work is
///   undone, and its caller gets its error at once;
/// - the others are acknowledged only after the shared COMMIT is durable;
///   if that COMMIT fails, every one of them gets the error and none of
///   their work is kept — no caller is ever told "done" for lost data;
/// - jobs see the work of the jobs before them in the batch, exactly as if
///   they had run one after another, which they did.
///
/// Jobs must not end the transaction themselves (raw COMMIT/ROLLBACK SQL);
/// `Connection.transaction` inside a job becomes a nested savepoint, so
/// code written for the one-job-per-transaction mode works unchanged.
extension Writer {
    /// `file` as in `runAlone`: checked after the shared commit.
    static func runBatch(_ jobs: [WriteJob], on connection: Connection, file: DatabaseFile? = nil) {
        do {
            try connection.executeCached("BEGIN IMMEDIATE TRANSACTION")
        } catch {
            for job in jobs {
                job.finish(.failure(error))
            }
            return
        }

        var succeeded: [WriteJob] = []
        for (index, job) in jobs.enumerated() {
            do {
                try connection.savepoint { connection in
                    try job.work(connection)
                    // A deferred foreign key violation would fail the shared
                    // COMMIT and with it every job of the batch; charge it to
                    // the job that caused it instead.
                    if connection.hasDeferredForeignKeyViolations {
                        throw SQLiteError(
                            code: .constraintForeignKey,
                            message: "FOREIGN KEY constraint failed (deferred constraint, checked before the group commit)")
                    }
                }
                succeeded.append(job)
            } catch {
                job.finish(.failure(error))
                if !connection.isInTransaction {
                    // SQLite rolled the whole transaction back (disk full,
                    // I/O error): the work of the jobs before is gone too.
                    // Tell them so; let the rest run one by one.
                    let lost = SQLiteError(
                        code: .abort,
                        message: "rolled back together with a group-commit batch after another transaction of the batch failed: \(error)")
                    for earlier in succeeded {
                        earlier.finish(.failure(lost))
                    }
                    for later in jobs[(index + 1)...] {
                        runAlone(later, on: connection, file: file)
                    }
                    return
                }
            }
        }

        do {
            try connection.executeCached("COMMIT TRANSACTION")
        } catch {
            if connection.isInTransaction {
                try? connection.executeCached("ROLLBACK TRANSACTION")
            }
            for job in succeeded {
                job.finish(.failure(error))
            }
            return
        }
        let outcome: Result<Void, any Error> = file?.check().map { .failure($0) } ?? .success(())
        for job in succeeded {
            job.finish(outcome)
        }
    }
}
