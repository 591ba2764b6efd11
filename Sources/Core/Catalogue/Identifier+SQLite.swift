import Scheduling
import SQLite

/// Ids are stored as the text they are: bound and read like a `String`.
extension Identifier: SQLiteValueConvertible {
    public var sqliteValue: SQLiteValue { .text(rawValue) }

    public static func fromSQLiteValue(_ value: SQLiteValue) -> Self? {
        String.fromSQLiteValue(value).map { Self($0) }
    }
}
