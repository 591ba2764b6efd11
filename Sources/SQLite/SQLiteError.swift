import CSQLite

/// An error reported by SQLite, or a misuse of this module caught before it
/// reached SQLite (then `code` is `.misuse` or `.range`).
///
/// It carries the SQL but never the bound arguments: arguments are personal
/// data (names, e-mail addresses, phone numbers) and errors end up in logs.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    /// The extended result code, e.g. `.constraintPrimaryKey`.
    /// Compare `code.primary` for the broad class, e.g. `.constraint`.
    public let code: ResultCode
    /// The message of `sqlite3_errmsg`, e.g. "UNIQUE constraint failed: offices.id".
    public let message: String
    /// The statement that failed, if the error comes from one.
    public let sql: String?

    public init(code: ResultCode, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// Reads the message of the connection's last error. Must be called right
    /// after the failing call, on the thread that made it.
    init(code: Int32, connection db: OpaquePointer?, sql: String? = nil) {
        let message = db.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            ?? String(cString: sqlite3_errstr(code))
        self.init(code: ResultCode(rawValue: code), message: message, sql: sql)
    }

    public var isConstraintViolation: Bool { code.primary == .constraint }
    public var isPrimaryKeyViolation: Bool { code == .constraintPrimaryKey }
    public var isUniqueViolation: Bool { code == .constraintUnique }
    public var isForeignKeyViolation: Bool { code == .constraintForeignKey }
    /// Another connection held the lock for longer than the busy timeout.
    public var isBusy: Bool { code.primary == .busy }

    public var description: String {
        var text = "SQLite error \(code): \(message)"
        if let sql {
            text += " — while executing `\(sql.collapsingWhitespace)`"
        }
        if let hint {
            text += ". \(hint)"
        }
        return text
    }

    /// What to do about the errors an operator is likely to meet.
    private var hint: String? {
        switch code.primary {
        case .busy:
            return "Another connection or process held the database lock longer than the busy timeout; retry, or find the long transaction"
        case .readOnly:
            return "Writes must go through Database.write, on the writer connection; or check file permissions"
        case .full:
            return "The disk is full; nothing of this transaction was committed"
        case .cantOpen:
            return "Check that the path exists and is writable by this process"
        default:
            return nil
        }
    }
}

extension String {
    /// A statement cut from a script starts with the line break after the
    /// previous one.
    var trimmingSurroundingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }

    /// SQL in error messages reads better on one line without the indentation
    /// of the Swift source it came from.
    var collapsingWhitespace: String {
        split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
            .joined(separator: " ")
    }
}
