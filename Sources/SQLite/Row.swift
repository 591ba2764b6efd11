/// One row of a result, copied out of SQLite, so it outlives the statement
/// and may cross threads.
///
/// Read columns by name or index into any `SQLiteValueConvertible` type; ask
/// for an Optional where NULL is allowed:
///
///     let name: String = try row["name"]
///     let phone: String? = try row["phone"]
///     let id = try row[0] as Int64
///
/// Reading throws `RowDecodingError` rather than trapping: a row that does not
/// match the code should fail one request, not the whole server.
public struct Row: Sendable, Equatable, CustomStringConvertible {
    let columns: RowColumns
    public let values: [SQLiteValue]

    init(columns: RowColumns, values: [SQLiteValue]) {
        self.columns = columns
        self.values = values
    }

    public var columnNames: [String] { columns.names }
    public var count: Int { values.count }

    public func hasColumn(_ name: String) -> Bool {
        columns.index(of: name) != nil
    }

    public subscript<T: SQLiteValueConvertible>(_ index: Int) -> T {
        get throws {
            guard values.indices.contains(index) else {
                throw RowDecodingError.indexOutOfRange(index, columnCount: values.count, sql: columns.sql)
            }
            return try decode(values[index], column: columns.names[index])
        }
    }

    /// Names match like SQL identifiers: case-insensitively. With duplicate
    /// names (a join without aliases) the leftmost column wins; alias them.
    public subscript<T: SQLiteValueConvertible>(_ name: String) -> T {
        get throws {
            guard let index = columns.index(of: name) else {
                throw RowDecodingError.noSuchColumn(name, available: columns.names, sql: columns.sql)
            }
            return try decode(values[index], column: name)
        }
    }

    private func decode<T: SQLiteValueConvertible>(_ value: SQLiteValue, column: String) throws -> T {
        if let decoded = T.fromSQLiteValue(value) {
            return decoded
        }
        if value.isNull {
            throw RowDecodingError.unexpectedNull(column: column, type: "\(T.self)", sql: columns.sql)
        }
        throw RowDecodingError.typeMismatch(column: column, type: "\(T.self)", storageClass: value.storageClass, sql: columns.sql)
    }

    public static func == (lhs: Row, rhs: Row) -> Bool {
        lhs.columns.names == rhs.columns.names && lhs.values == rhs.values
    }

    /// For debugging only: it shows the values, which may be personal data,
    /// so rows do not belong in logs.
    public var description: String {
        "[" + zip(columns.names, values).map { "\($0): \($1)" }.joined(separator: ", ") + "]"
    }
}

/// The column names of one result, shared by all its rows so a row costs one
/// reference, not a copy of the names.
final class RowColumns: Sendable {
    let names: [String]
    let sql: String
    private let indexByName: [String: Int]

    init(names: [String], sql: String) {
        self.names = names
        self.sql = sql
        var indexByName: [String: Int] = [:]
        for (index, name) in names.enumerated().reversed() {
            indexByName[name] = index
        }
        self.indexByName = indexByName
    }

    func index(of name: String) -> Int? {
        if let index = indexByName[name] { return index }
        let lowercased = name.lowercased()
        return names.firstIndex { $0.lowercased() == lowercased }
    }
}

/// A row did not have what the code asked for: the schema and the code
/// disagree, or a query lacks a column or an alias.
public enum RowDecodingError: Error, CustomStringConvertible, Sendable {
    case noSuchColumn(String, available: [String], sql: String)
    case indexOutOfRange(Int, columnCount: Int, sql: String)
    /// The column is NULL; read it as an Optional if NULL is legitimate.
    case unexpectedNull(column: String, type: String, sql: String)
    /// Only the storage class is kept, never the value: values may be
    /// personal data, and errors end up in logs.
    case typeMismatch(column: String, type: String, storageClass: String, sql: String)
    /// `scalar` found no row and the requested type is not Optional.
    case noRow(type: String, sql: String)

    public var description: String {
        switch self {
        case .noSuchColumn(let name, let available, let sql):
            "no column '\(name)' in the result of `\(sql.collapsingWhitespace)`; it has: \(available.joined(separator: ", "))"
        case .indexOutOfRange(let index, let count, let sql):
            "column index \(index) out of range: the result of `\(sql.collapsingWhitespace)` has \(count) column(s)"
        case .unexpectedNull(let column, let type, let sql):
            "column '\(column)' is NULL but was read as \(type) in `\(sql.collapsingWhitespace)`; read it as \(type)? if NULL is allowed"
        case .typeMismatch(let column, let type, let storageClass, let sql):
            "column '\(column)' holds \(storageClass), which cannot be read as \(type), in `\(sql.collapsingWhitespace)`"
        case .noRow(let type, let sql):
            "`\(sql.collapsingWhitespace)` returned no row; read it as \(type)? if that can happen"
        }
    }
}
