import CSQLite

/// A prepared statement: one SQL statement compiled once, then bound, stepped
/// and reset as often as needed.
///
/// Not `Sendable`, like its connection. Finalised in `deinit`, so a statement
/// lives exactly as long as someone holds it (the cache, or the caller of
/// `Connection.prepare`).
public final class Statement {
    public let sql: String
    let handle: OpaquePointer
    /// `unowned` because the connection's cache holds its statements: a strong
    /// reference back would keep every connection alive forever. Using a
    /// statement after its connection is gone is a programming error and traps.
    unowned let connection: Connection
    /// Built at the first row after each reset: a schema change recompiles the
    /// statement inside `sqlite3_step`, and `SELECT *` may then have new columns.
    private var columns: RowColumns?

    init(connection: Connection, sql: String, persistent: Bool) throws {
        let db = connection.handle
        let flags = UInt32(persistent ? SQLITE_PREPARE_PERSISTENT : 0)
        let prepared = sql.withCString { start -> Result<OpaquePointer, SQLiteError> in
            var statement: OpaquePointer?
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(db, start, -1, flags, &statement, &tail)
            guard code == SQLITE_OK else {
                sqlite3_finalize(statement)
                return .failure(SQLiteError(code: code, connection: db, sql: sql))
            }
            guard let statement else {
                return .failure(SQLiteError(code: .misuse, message: "no SQL statement to prepare (empty or only comments)", sql: sql))
            }
            if let tail, Self.containsStatement(tail, db: db) {
                sqlite3_finalize(statement)
                return .failure(SQLiteError(
                    code: .misuse,
                    message: "more than one SQL statement; prepare them one by one, or use execute(_:) for a script",
                    sql: sql))
            }
            return .success(statement)
        }
        self.handle = try prepared.get()
        self.connection = connection
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Whether the text after the first statement holds another one. A
    /// trailing `;` or comment is fine; anything SQLite would run is not,
    /// because it would silently never run.
    private static func containsStatement(_ text: UnsafePointer<CChar>, db: OpaquePointer) -> Bool {
        var next: OpaquePointer?
        let code = sqlite3_prepare_v2(db, text, -1, &next, nil)
        defer { sqlite3_finalize(next) }
        return code != SQLITE_OK || next != nil
    }

    public var columnCount: Int {
        Int(sqlite3_column_count(handle))
    }

    public var columnNames: [String] {
        (0..<sqlite3_column_count(handle)).map { String(cString: sqlite3_column_name(handle, $0)) }
    }

    /// Clears the previous bindings and binds `arguments`. Every parameter of
    /// the statement must get a value, and every value a parameter: a
    /// mismatch is a bug, so it throws rather than binding NULL.
    public func bind(_ arguments: StatementArguments) throws {
        reset()
        sqlite3_clear_bindings(handle)
        let count = sqlite3_bind_parameter_count(handle)
        switch arguments.storage {
        case .positional(let values):
            guard values.count == Int(count) else {
                throw SQLiteError(
                    code: .range,
                    message: "the statement has \(count) parameter(s), \(values.count) argument(s) were given",
                    sql: sql)
            }
            for (offset, value) in values.enumerated() {
                try bind(value, at: Int32(offset + 1))
            }
        case .named(let values):
            var bound: Set<String> = []
            for index in stride(from: Int32(1), through: count, by: 1) {
                guard let cName = sqlite3_bind_parameter_name(handle, index) else {
                    throw SQLiteError(code: .range, message: "parameter \(index) is positional (`?`); pass an array, not a dictionary", sql: sql)
                }
                let name = StatementArguments.bareName(String(cString: cName))
                guard let value = values[name] else {
                    throw SQLiteError(code: .range, message: "no value for parameter :\(name)", sql: sql)
                }
                try bind(value, at: index)
                bound.insert(name)
            }
            if let unknown = values.keys.sorted().first(where: { !bound.contains($0) }) {
                throw SQLiteError(code: .range, message: "the statement has no parameter named :\(unknown)", sql: sql)
            }
        }
    }

    private func bind(_ value: SQLiteValue, at index: Int32) throws {
        let code: Int32
        switch value {
        case .null:
            code = sqlite3_bind_null(handle, index)
        case .integer(let int):
            code = sqlite3_bind_int64(handle, index, int)
        case .real(let double):
            code = sqlite3_bind_double(handle, index, double)
        case .text(let string) where string.isEmpty:
            // A NULL pointer would bind SQL NULL instead of ''.
            code = sqlite3_bind_text64(handle, index, "", 0, csqlite_transient(), UInt8(SQLITE_UTF8))
        case .text(var string):
            // withUTF8 passes the byte count, so an embedded NUL survives.
            code = string.withUTF8 { utf8 in
                utf8.withMemoryRebound(to: CChar.self) { chars in
                    sqlite3_bind_text64(handle, index, chars.baseAddress, UInt64(chars.count), csqlite_transient(), UInt8(SQLITE_UTF8))
                }
            }
        case .blob(let bytes) where bytes.isEmpty:
            // A NULL pointer would bind SQL NULL; an empty blob is not NULL.
            code = sqlite3_bind_zeroblob(handle, index, 0)
        case .blob(let bytes):
            code = bytes.withUnsafeBytes { raw in
                sqlite3_bind_blob64(handle, index, raw.baseAddress, UInt64(raw.count), csqlite_transient())
            }
        }
        guard code == SQLITE_OK else {
            throw SQLiteError(code: code, connection: connection.handle, sql: sql)
        }
    }

    /// Runs the statement to its next row: the row, or `nil` when done.
    /// After an error the statement is reset, so it holds no lock.
    public func step() throws -> Row? {
        switch sqlite3_step(handle) {
        case SQLITE_ROW:
            return currentRow()
        case SQLITE_DONE:
            return nil
        case let code:
            let error = SQLiteError(code: code, connection: connection.handle, sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Rewinds the statement so it can run again with the same bindings, and
    /// ends its read of the database: a statement left mid-result keeps its
    /// snapshot open, which pins the WAL and stops checkpoints.
    public func reset() {
        // The return value repeats the last step's error, already reported.
        sqlite3_reset(handle)
        columns = nil
    }

    /// Whether the statement is mid-result, holding a read snapshot.
    var isActive: Bool {
        sqlite3_stmt_busy(handle) != 0
    }

    /// Binds, runs to completion, resets: for statements whose rows (if any)
    /// do not matter.
    public func execute(_ arguments: StatementArguments = []) throws {
        try bind(arguments)
        defer { reset() }
        while try step() != nil {}
    }

    /// Binds, collects every row, resets.
    public func query(_ arguments: StatementArguments = []) throws -> [Row] {
        try bind(arguments)
        defer { reset() }
        var rows: [Row] = []
        while let row = try step() {
            rows.append(row)
        }
        return rows
    }

    private func currentRow() -> Row {
        let columns = self.columns ?? RowColumns(names: columnNames, sql: sql)
        self.columns = columns
        var values: [SQLiteValue] = []
        values.reserveCapacity(columns.names.count)
        for index in 0..<Int32(columns.names.count) {
            values.append(value(at: index))
        }
        return Row(columns: columns, values: values)
    }

    private func value(at index: Int32) -> SQLiteValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, index))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, index))
        case SQLITE_TEXT:
            // Text first, then bytes: the order sqlite3.h prescribes, since
            // asking for bytes first may convert the value.
            guard let text = sqlite3_column_text(handle, index) else { return .text("") }
            let count = Int(sqlite3_column_bytes(handle, index))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            // A zero-length blob comes back as a NULL pointer.
            guard let blob = sqlite3_column_blob(handle, index) else { return .blob([]) }
            let count = Int(sqlite3_column_bytes(handle, index))
            return .blob(Array(UnsafeRawBufferPointer(start: blob, count: count)))
        default:
            return .null
        }
    }
}

/// A statement belongs to its connection's thread, like the connection.
@available(*, unavailable)
extension Statement: Sendable {}
