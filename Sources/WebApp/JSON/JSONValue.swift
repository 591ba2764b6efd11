/// A JSON value as the API reads and writes it.
///
/// Numbers are split in two so that integers stay exact: identifiers,
/// counts and cents must survive a round trip bit for bit, which a `Double`
/// cannot promise beyond 2^53. The parser stores every number whose value is
/// a whole number in `Int64` range as `.int` (`2`, `2.0` and `2e0` alike,
/// as JSON Schema's `integer` does); everything else, and `-0`, is `.double`.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// An integer from the `Int` the rest of the code base counts in.
    public static func number(_ value: Int) -> JSONValue { .int(Int64(value)) }

    /// `null` for `nil`: optional fields a handler writes as `null`.
    public init(_ value: String?) { self = value.map(JSONValue.string) ?? .null }
    public init(_ value: Int?) { self = value.map { .int(Int64($0)) } ?? .null }
    public init(_ value: Bool?) { self = value.map(JSONValue.bool) ?? .null }
    public init(_ value: Double?) { self = value.map(JSONValue.double) ?? .null }
}

// MARK: - Reading

extension JSONValue {
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The value as an exact integer; a `.double` never converts, since a
    /// fractional or out-of-range number must not silently become a count.
    public var intValue: Int64? {
        if case .int(let value) = self { return value }
        return nil
    }

    /// Any number as a `Double` (possibly rounded for large integers).
    public var doubleValue: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        default: nil
        }
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The member `key` of an object; nil for a missing key or a non-object.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// The element at `index` of an array; nil when out of range or not an array.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    /// The JSON type's name as error messages use it ("a string", "an object").
    public var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .int: "an integer"
        case .double: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

// MARK: - Equality

extension JSONValue: Equatable {
    /// Numbers compare by value, exactly: `.int(1) == .double(1)`, but
    /// `.int(2^53 + 1)` differs from the `Double` it would round to.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.int(a), .int(b)): a == b
        case let (.double(a), .double(b)): a == b
        case let (.int(a), .double(b)), let (.double(b), .int(a)): exactInt64(b) == a
        case let (.string(a), .string(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)): a == b
        default: false
        }
    }

    /// The `Int64` a `Double` is exactly equal to, if any.
    static func exactInt64(_ value: Double) -> Int64? {
        // 2^63 is exactly representable; anything at or beyond it is out of range.
        guard value.rounded(.towardZero) == value, value >= -9.223372036854775808e18, value < 9.223372036854775808e18
        else { return nil }
        return Int64(value)
    }
}

// MARK: - Literals, so handlers can write `["code": .string(code), "count": 3]`

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements))
    }
}

extension JSONValue: CustomStringConvertible {
    /// The compact JSON text, as the writer produces it.
    public var description: String {
        String(decoding: JSONWriter.serialize(self), as: UTF8.self)
    }
}
