/// The values bound to a statement's parameters: by position (`?`) written as
/// an array literal, or by name (`:name`, `@name`, `$name`) written as a
/// dictionary literal.
///
///     try conn.run("INSERT INTO offices(id, name) VALUES (?, ?)", [7, "Bürgerbüro Mitte"])
///     try conn.query("SELECT * FROM offices WHERE id = :id", ["id": 7])
///
/// Values are converted to `SQLiteValue` when the arguments are built, so
/// arguments are `Sendable` and can travel to the writer thread.
public struct StatementArguments: Sendable, Equatable, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    enum Storage: Sendable, Equatable {
        case positional([SQLiteValue])
        /// Keys are stored without their prefix; the statement finds the
        /// prefix its SQL uses.
        case named([String: SQLiteValue])
    }

    let storage: Storage

    public init() {
        storage = .positional([])
    }

    public init(_ values: [SQLiteValue]) {
        storage = .positional(values)
    }

    public init(_ values: [(any SQLiteValueConvertible)?]) {
        storage = .positional(values.map { $0?.sqliteValue ?? .null })
    }

    public init(arrayLiteral elements: (any SQLiteValueConvertible)?...) {
        self.init(elements)
    }

    public init(_ values: [String: (any SQLiteValueConvertible)?]) {
        var named: [String: SQLiteValue] = [:]
        for (key, value) in values {
            named[Self.bareName(key)] = value?.sqliteValue ?? .null
        }
        storage = .named(named)
    }

    public init(dictionaryLiteral elements: (String, (any SQLiteValueConvertible)?)...) {
        var named: [String: SQLiteValue] = [:]
        for (key, value) in elements {
            let name = Self.bareName(key)
            precondition(named[name] == nil, "StatementArguments: parameter '\(name)' given twice")
            named[name] = value?.sqliteValue ?? .null
        }
        storage = .named(named)
    }

    public var isEmpty: Bool {
        switch storage {
        case .positional(let values): values.isEmpty
        case .named(let values): values.isEmpty
        }
    }

    /// Callers may write `"id"` or `":id"`; both mean the parameter `:id`.
    static func bareName(_ name: String) -> String {
        guard let first = name.first, first == ":" || first == "@" || first == "$" else { return name }
        return String(name.dropFirst())
    }
}
