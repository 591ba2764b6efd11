/// An ordered list of header fields with case-insensitive look-up.
/// Order and repetition are kept, because the parser's strictness depends on them.
public struct HTTPHeaders: Sendable, Sequence, ExpressibleByDictionaryLiteral {
    public typealias Element = (name: String, value: String)
    private var fields: [Element] = []

    public init() {}
    public init(_ fields: [Element]) { self.fields = fields }
    public init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { (name: $0.0, value: $0.1) }
    }

    public var count: Int { fields.count }
    public func makeIterator() -> IndexingIterator<[Element]> { fields.makeIterator() }

    /// The first value of `name`, compared case-insensitively.
    public subscript(name: String) -> String? {
        for field in fields where field.name.equalsIgnoringASCIICase(name) { return field.value }
        return nil
    }

    /// Every value of `name`, in order.
    public func values(_ name: String) -> [String] {
        fields.filter { $0.name.equalsIgnoringASCIICase(name) }.map(\.value)
    }

    public func contains(_ name: String) -> Bool {
        fields.contains { $0.name.equalsIgnoringASCIICase(name) }
    }

    /// Whether the comma-separated list of `name` holds `token`, compared
    /// case-insensitively (e.g. `Connection: keep-alive, Upgrade`).
    func hasToken(_ token: String, in name: String) -> Bool {
        fields.contains { field in
            field.name.equalsIgnoringASCIICase(name)
                && field.value.split(separator: ",").contains { String($0.trimmingOWS()).equalsIgnoringASCIICase(token) }
        }
    }

    public mutating func add(_ name: String, _ value: String) {
        fields.append((name: name, value: value))
    }

    /// Replaces every field called `name` with one field.
    public mutating func set(_ name: String, _ value: String) {
        remove(name)
        fields.append((name: name, value: value))
    }

    public mutating func remove(_ name: String) {
        fields.removeAll { $0.name.equalsIgnoringASCIICase(name) }
    }

    /// Comma-separated list values of every field called `name`, trimmed and
    /// lower-cased (RFC 9110 §5.6.1), e.g. the codings of `Transfer-Encoding`.
    func tokens(_ name: String) -> [String] {
        values(name).flatMap { $0.split(separator: ",") }.map {
            String($0.trimmingOWS()).lowercased()
        }
    }
}

extension String {
    /// ASCII case-insensitive equality, without allocating; different
    /// lengths, the usual case in header look-ups, are rejected at once.
    func equalsIgnoringASCIICase(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        return utf8.elementsEqual(other.utf8) { a, b in
            a == b || (a | 0x20 == b | 0x20 && a | 0x20 >= UInt8(ascii: "a") && a | 0x20 <= UInt8(ascii: "z"))
        }
    }
}

extension Substring {
    func trimmingOWS() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}
