import CSQLite

/// An SQLite result code, primary (`SQLITE_CONSTRAINT`) or extended
/// (`SQLITE_CONSTRAINT_PRIMARYKEY`).
///
/// A Swift type rather than the raw `Int32` because Swift cannot import the
/// extended codes: they are `#define`s built from `|` and `<<`, which the
/// Clang importer skips. Defining them here also spares callers an
/// `import CSQLite` just to compare error codes.
public struct ResultCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// The primary code: the low byte of an extended code.
    public var primary: ResultCode {
        ResultCode(rawValue: rawValue & 0xFF)
    }

    // Primary codes.
    public static let ok = ResultCode(rawValue: SQLITE_OK)
    public static let error = ResultCode(rawValue: SQLITE_ERROR)
    public static let abort = ResultCode(rawValue: SQLITE_ABORT)
    public static let busy = ResultCode(rawValue: SQLITE_BUSY)
    public static let locked = ResultCode(rawValue: SQLITE_LOCKED)
    public static let readOnly = ResultCode(rawValue: SQLITE_READONLY)
    public static let ioError = ResultCode(rawValue: SQLITE_IOERR)
    public static let corrupt = ResultCode(rawValue: SQLITE_CORRUPT)
    public static let full = ResultCode(rawValue: SQLITE_FULL)
    public static let cantOpen = ResultCode(rawValue: SQLITE_CANTOPEN)
    public static let constraint = ResultCode(rawValue: SQLITE_CONSTRAINT)
    public static let mismatch = ResultCode(rawValue: SQLITE_MISMATCH)
    public static let misuse = ResultCode(rawValue: SQLITE_MISUSE)
    public static let range = ResultCode(rawValue: SQLITE_RANGE)

    // Extended codes (sqlite3.h: primary | (n << 8)).
    public static let busyRecovery = extended(.busy, 1)
    public static let busySnapshot = extended(.busy, 2)
    public static let busyTimeout = extended(.busy, 3)
    public static let abortRollback = extended(.abort, 2)
    /// The database file was deleted or replaced since it was opened: SQLite
    /// reports it in rollback-journal mode, `DatabaseFile` in WAL mode.
    public static let readOnlyDBMoved = extended(.readOnly, 4)
    public static let ioErrorFsync = extended(.ioError, 4)
    public static let constraintCheck = extended(.constraint, 1)
    public static let constraintCommitHook = extended(.constraint, 2)
    public static let constraintForeignKey = extended(.constraint, 3)
    public static let constraintNotNull = extended(.constraint, 5)
    public static let constraintPrimaryKey = extended(.constraint, 6)
    public static let constraintTrigger = extended(.constraint, 7)
    public static let constraintUnique = extended(.constraint, 8)
    public static let constraintRowID = extended(.constraint, 10)
    public static let constraintDataType = extended(.constraint, 12)

    private static func extended(_ primary: ResultCode, _ n: Int32) -> ResultCode {
        ResultCode(rawValue: primary.rawValue | (n << 8))
    }

    /// The C name, e.g. `SQLITE_CONSTRAINT_PRIMARYKEY`, so a log line can be
    /// grepped in sqlite3.h and the SQLite docs.
    public var name: String {
        if let name = Self.names[self] { return name }
        if let primaryName = Self.names[primary] { return "\(primaryName) (extended \(rawValue >> 8))" }
        return "SQLITE code \(rawValue)"
    }

    public var description: String {
        "\(name) (\(rawValue))"
    }

    private static let names: [ResultCode: String] = [
        .ok: "SQLITE_OK", .error: "SQLITE_ERROR", .abort: "SQLITE_ABORT",
        .busy: "SQLITE_BUSY", .locked: "SQLITE_LOCKED", .readOnly: "SQLITE_READONLY",
        .ioError: "SQLITE_IOERR", .corrupt: "SQLITE_CORRUPT", .full: "SQLITE_FULL",
        .cantOpen: "SQLITE_CANTOPEN", .constraint: "SQLITE_CONSTRAINT",
        .mismatch: "SQLITE_MISMATCH", .misuse: "SQLITE_MISUSE", .range: "SQLITE_RANGE",
        .busyRecovery: "SQLITE_BUSY_RECOVERY", .busySnapshot: "SQLITE_BUSY_SNAPSHOT",
        .busyTimeout: "SQLITE_BUSY_TIMEOUT", .abortRollback: "SQLITE_ABORT_ROLLBACK",
        .readOnlyDBMoved: "SQLITE_READONLY_DBMOVED",
        .ioErrorFsync: "SQLITE_IOERR_FSYNC",
        .constraintCheck: "SQLITE_CONSTRAINT_CHECK",
        .constraintCommitHook: "SQLITE_CONSTRAINT_COMMITHOOK",
        .constraintForeignKey: "SQLITE_CONSTRAINT_FOREIGNKEY",
        .constraintNotNull: "SQLITE_CONSTRAINT_NOTNULL",
        .constraintPrimaryKey: "SQLITE_CONSTRAINT_PRIMARYKEY",
        .constraintTrigger: "SQLITE_CONSTRAINT_TRIGGER",
        .constraintUnique: "SQLITE_CONSTRAINT_UNIQUE",
        .constraintRowID: "SQLITE_CONSTRAINT_ROWID",
        .constraintDataType: "SQLITE_CONSTRAINT_DATATYPE",
    ]
}
