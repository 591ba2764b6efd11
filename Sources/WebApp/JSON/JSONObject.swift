/// A JSON object: members in the order they were read or added.
///
/// Order is kept because responses should read the way the contract lists
/// their fields, and because a stable order makes bodies byte-comparable in
/// tests and idempotent replays. Look-up is a linear scan: API objects have
/// a handful of members, where comparing a few short strings beats hashing.
/// Keys are unique: the parser rejects duplicates, and the literal and
/// `subscript` setter keep them unique.
public struct JSONObject: Sendable {
    public typealias Member = (key: String, value: JSONValue)

    public private(set) var members: [Member]

    public init() { members = [] }

    /// Members in this order; a repeated key keeps its first position and
    /// its last value.
    public init(_ members: [(String, JSONValue)]) {
        self.members = []
        self.members.reserveCapacity(members.count)
        for (key, value) in members { self[key] = value }
    }

    /// Members already known to be unique (the parser checked them).
    init(uniqueMembers: [Member]) { members = uniqueMembers }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }
    public var keys: [String] { members.map(\.key) }

    public func index(of key: String) -> Int? {
        members.firstIndex { $0.key == key }
    }

    /// The value of `key`; setting `nil` removes the member, setting a value
    /// replaces it in place or appends it at the end.
    public subscript(key: String) -> JSONValue? {
        get {
            for member in members where member.key == key { return member.value }
            return nil
        }
        set {
            switch (index(of: key), newValue) {
            case (let i?, let value?): members[i].value = value
            case (let i?, nil): members.remove(at: i)
            case (nil, let value?): members.append((key, value))
            case (nil, nil): break
            }
        }
    }

    /// Appends without checking for an existing key: for builders that know
    /// their keys are distinct and want to skip the scan.
    public mutating func append(_ key: String, _ value: JSONValue) {
        assert(index(of: key) == nil, "duplicate JSON key \(key)")
        members.append((key, value))
    }

    /// Sets `key` only when there is a value, so optional fields are left
    /// out rather than written as `null`.
    public mutating func set(_ key: String, ifPresent value: JSONValue?) {
        if let value { self[key] = value }
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}

extension JSONObject: Equatable {
    /// Objects are equal when they hold the same keys with equal values, in
    /// any order (RFC 8259 §4: member order carries no meaning).
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for (i, member) in lhs.members.enumerated() {
            // Fast path: same position, as with two bodies written by the same code.
            if i < rhs.members.count, rhs.members[i].key == member.key {
                guard rhs.members[i].value == member.value else { return false }
                continue
            }
            guard let other = rhs[member.key], other == member.value else { return false }
        }
        return true
    }
}

extension JSONObject: Sequence {
    public func makeIterator() -> IndexingIterator<[Member]> { members.makeIterator() }
}
