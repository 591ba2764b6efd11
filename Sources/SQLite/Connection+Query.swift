/// What a data-changing statement did.
public struct RunResult: Sendable, Equatable {
    /// Rows inserted, updated or deleted by the statement.
    public let changes: Int
    /// The rowid of the connection's latest INSERT: this statement's if it
    /// inserted, otherwise an earlier one's.
    public let lastInsertRowID: Int64
}

/// The everyday API: one call per statement, statements taken from the
/// cache, rows copied out, and the statement reset before returning so it
/// never holds a read snapshot open behind the caller's back.
extension Connection {
    /// Every row of the result.
    public func query(_ sql: String, _ arguments: StatementArguments = []) throws -> [Row] {
        try cachedStatement(sql).query(arguments)
    }

    /// The first row, or `nil` if there is none. Further rows are not read.
    public func queryOne(_ sql: String, _ arguments: StatementArguments = []) throws -> Row? {
        let statement = try cachedStatement(sql)
        try statement.bind(arguments)
        defer { statement.reset() }
        return try statement.step()
    }

    /// The first column of the first row, e.g. `SELECT count(*) ...`.
    ///
    /// No row reads like NULL: fine when `T` is Optional, an error otherwise.
    public func scalar<T: SQLiteValueConvertible>(
        _ sql: String,
        _ arguments: StatementArguments = [],
        as type: T.Type = T.self
    ) throws -> T {
        guard let row = try queryOne(sql, arguments) else {
            if let none = T.fromSQLiteValue(.null) {
                return none
            }
            throw RowDecodingError.noRow(type: "\(T.self)", sql: sql)
        }
        return try row[0]
    }

    /// Runs one INSERT, UPDATE, DELETE or DDL statement.
    @discardableResult
    public func run(_ sql: String, _ arguments: StatementArguments = []) throws -> RunResult {
        try cachedStatement(sql).execute(arguments)
        return RunResult(changes: changes, lastInsertRowID: lastInsertRowID)
    }

    /// For the transaction statements (BEGIN, COMMIT, SAVEPOINT ...), which
    /// run on every transaction and have no result worth returning.
    func executeCached(_ sql: String) throws {
        try cachedStatement(sql).execute()
    }
}
