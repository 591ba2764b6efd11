/// A value as SQLite stores it: one of its five storage classes.
public enum SQLiteValue: Hashable, Sendable, CustomStringConvertible {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The storage class as SQLite names it, for error messages.
    public var storageClass: String {
        switch self {
        case .null: "NULL"
        case .integer: "INTEGER"
        case .real: "REAL"
        case .text: "TEXT"
        case .blob: "BLOB"
        }
    }

    public var description: String {
        switch self {
        case .null: "NULL"
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .text(let value): "'\(value)'"
        case .blob(let bytes): "BLOB(\(bytes.count) bytes)"
        }
    }
}

/// A Swift type that can be bound to a statement parameter and read back
/// from a result column.
///
/// Decoding is strict: it accepts only the storage classes that represent
/// the type without loss (an `Int` column holding `2.5` is an error, not 2),
/// because with `STRICT` tables a mismatch means the code and the schema
/// disagree, and that should be loud.
public protocol SQLiteValueConvertible: Sendable {
    var sqliteValue: SQLiteValue { get }
    /// `nil` if `value` cannot represent `Self`; the caller reports the
    /// column and the SQL.
    static func fromSQLiteValue(_ value: SQLiteValue) -> Self?
}

extension SQLiteValue: SQLiteValueConvertible {
    public var sqliteValue: SQLiteValue { self }
    public static func fromSQLiteValue(_ value: SQLiteValue) -> SQLiteValue? { value }
}

extension Int64: SQLiteValueConvertible {
    public var sqliteValue: SQLiteValue { .integer(self) }
    public static func fromSQLiteValue(_ value: SQLiteValue) -> Int64? {
        if case .integer(let int) = value { return int }
        return nil
    }
}

extension Int: SQLiteValueConvertible {
    public var sqliteValue: SQLiteValue { .integer(Int64(self)) }
    public static func fromSQLiteValue(_ value: SQLiteValue) -> Int? {
        if case .integer(let int) = value { return Int(exactly: int) }
        return nil
    }
}

extension Int32: SQLiteValueConvertible {
    public var sqliteValue: SQLiteValue { .integer(Int64(self)) }
    public static func fromSQLiteValue(_ value: SQLiteValue) -> Int32? {
        if case .integer(let int) = value { return Int32(exactly: int) }
        return nil
    }
}

extension Double: SQLiteValueConvertible {
    /// SQLite stores NaN as NULL; bind an optional if that matters.
    public var sqliteValue: SQLiteValue { .real(self) }
    /// An INTEGER reads as a Double too: expressions such as `sum(x)` or
    /// `3 * 2` yield integers where the caller means a number.
    public static func fromSQLiteValue(_ value: SQLiteValue) -> Double? {
        switch value {
        case .real(let double): double
        case .integer(let int): Double(int)
        default: nil
        }
    }
}

extension Bool: SQLiteValueConvertible {
    public var sqliteValue: SQLiteValue { .integer(self ? 1 : 0) }
    /// SQLite has no boolean: any non-zero integer is true, as in SQL.
    public static func fromSQLiteValue(_ value: SQLiteValue) -> Bool? {
        if case .integer(let int) = value { return int != 0 }
        return nil
    }
}

extension String: SQLiteValueConvertible {
    public var sqliteValue: SQLiteValue { .text(self) }
    public static func fromSQLiteValue(_ value: SQLiteValue) -> String? {
        if case .text(let string) = value { return string }
        return nil
    }
}

extension Array: SQLiteValueConvertible where Element == UInt8 {
    public var sqliteValue: SQLiteValue { .blob(self) }
    public static func fromSQLiteValue(_ value: SQLiteValue) -> [UInt8]? {
        if case .blob(let bytes) = value { return bytes }
        return nil
    }
}

extension Optional: SQLiteValueConvertible where Wrapped: SQLiteValueConvertible {
    public var sqliteValue: SQLiteValue {
        switch self {
        case .none: .null
        case .some(let wrapped): wrapped.sqliteValue
        }
    }

    /// NULL reads as `nil` (a success); anything else must decode as `Wrapped`.
    public static func fromSQLiteValue(_ value: SQLiteValue) -> Wrapped?? {
        if case .null = value { return .some(.none) }
        return Wrapped.fromSQLiteValue(value).map { .some($0) }
    }
}
