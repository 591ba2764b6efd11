import CSQLite

/// How a transaction takes its locks (SQLite's `BEGIN DEFERRED | IMMEDIATE | EXCLUSIVE`).
public enum TransactionKind: String, Sendable {
    /// Takes locks as statements need them. Right for reads. For writes it
    /// risks SQLITE_BUSY half-way, when the read lock cannot be upgraded.
    case deferred = "DEFERRED"
    /// Takes the write lock at BEGIN, so a write transaction either starts
    /// or waits (busy timeout) but never fails in the middle for a lock.
    case immediate = "IMMEDIATE"
    /// In WAL mode the same as immediate.
    case exclusive = "EXCLUSIVE"
}

extension Connection {
    /// Whether a transaction is open (`sqlite3_get_autocommit` is off). Also
    /// false after SQLite rolled one back on its own, e.g. on a full disk.
    public var isInTransaction: Bool {
        sqlite3_get_autocommit(handle) == 0
    }

    /// Whether the open transaction has foreign key violations that a
    /// DEFERRABLE INITIALLY DEFERRED constraint will report at COMMIT.
    var hasDeferredForeignKeyViolations: Bool {
        var current: Int32 = 0
        var highwater: Int32 = 0
        sqlite3_db_status(handle, SQLITE_DBSTATUS_DEFERRED_FKS, &current, &highwater, 0)
        return current > 0
    }

    /// Runs `body` in a transaction: commits when it returns, rolls back when
    /// it throws and rethrows its error, unchanged.
    ///
    /// Nested inside another transaction it becomes a savepoint (`kind` is
    /// then moot: the outer transaction holds the locks), so helpers can
    /// demand a transaction without knowing whether their caller opened one,
    /// and a failing helper undoes only its own work.
    @discardableResult
    public func transaction<T>(
        _ kind: TransactionKind = .immediate,
        _ body: (Connection) throws -> T
    ) throws -> T {
        if isInTransaction {
            return try savepoint(body)
        }
        try executeCached("BEGIN \(kind.rawValue) TRANSACTION")
        let result: T
        do {
            result = try body(self)
        } catch {
            rollbackKeepingError()
            throw error
        }
        guard isInTransaction else {
            // Committing now would fail with a puzzling "no transaction is
            // active"; say what most likely happened instead.
            throw SQLiteError(
                code: .abort,
                message: "the transaction ended inside its body: SQLite rolled it back after an error the body caught (disk full, I/O error), or the body ran COMMIT or ROLLBACK itself; use the transaction methods, not SQL, to end it")
        }
        do {
            try executeCached("COMMIT TRANSACTION")
        } catch {
            // A failed COMMIT (deferred foreign key violation, I/O error)
            // may leave the transaction open; never leave it dangling.
            rollbackKeepingError()
            throw error
        }
        return result
    }

    /// Runs `body` inside `SAVEPOINT`: releases it when `body` returns, rolls
    /// back to it and rethrows when `body` throws. Outside a transaction
    /// SQLite starts a deferred one; prefer `transaction` there.
    @discardableResult
    public func savepoint<T>(_ body: (Connection) throws -> T) throws -> T {
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        let name = "terminbuch_savepoint_\(savepointDepth)"
        try executeCached("SAVEPOINT \(name)")
        do {
            let result = try body(self)
            try executeCached("RELEASE SAVEPOINT \(name)")
            return result
        } catch {
            // ROLLBACK TO undoes the work but leaves the savepoint open;
            // RELEASE then removes it. Either fails harmlessly if SQLite has
            // already rolled the whole transaction back.
            try? executeCached("ROLLBACK TRANSACTION TO SAVEPOINT \(name)")
            try? executeCached("RELEASE SAVEPOINT \(name)")
            throw error
        }
    }

    /// The caller's error is what matters: a failing ROLLBACK (typically
    /// because SQLite already rolled back) must not replace it.
    private func rollbackKeepingError() {
        guard isInTransaction else { return }
        try? executeCached("ROLLBACK TRANSACTION")
    }
}
