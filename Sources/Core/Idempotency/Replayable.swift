import Scheduling

/// A result an idempotent write keeps for a replay: written to bytes, sealed
/// in the ledger, and read back as the very same value. The encoding is
/// explicit, field after field in declaration order, so the domain core
/// needs neither Foundation nor an encoder of its own; reading checks every
/// length and case, so a truncated or foreign record is an error, not a value.
protocol Replayable: Sendable {
    func write(to record: inout ReplayWriter)
    init(reading record: inout ReplayReader) throws
}

/// The bytes of a value being kept.
struct ReplayWriter {
    private(set) var bytes: [UInt8] = []

    mutating func write(_ value: some Replayable) { value.write(to: &self) }

    fileprivate mutating func append(_ value: Int64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    fileprivate mutating func append(_ data: some Collection<UInt8>) {
        append(Int64(data.count))
        bytes.append(contentsOf: data)
    }
}

/// Reads a kept value back, in the order it was written.
struct ReplayReader {
    /// The record ends early, has bytes left over, or holds an impossible value.
    struct Malformed: Error {}

    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The whole record as one value; bytes left over make it malformed.
    static func value<T: Replayable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        var reader = ReplayReader(bytes)
        let value = try reader.read(T.self)
        guard reader.position == bytes.count else { throw Malformed() }
        return value
    }

    mutating func read<T: Replayable>(_ type: T.Type = T.self) throws -> T { try T(reading: &self) }

    /// Whether every byte has been read: a value that later versions append
    /// at the end of a record is absent from a record kept before them.
    var isAtEnd: Bool { position == bytes.count }

    fileprivate mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count - position else { throw Malformed() }
        defer { position += count }
        return bytes[position..<position + count]
    }

    fileprivate mutating func int64() throws -> Int64 {
        let value = try take(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Int64(bitPattern: value)
    }

    fileprivate mutating func data() throws -> ArraySlice<UInt8> {
        try take(try read(Int.self))
    }
}

// MARK: - The building blocks

extension Int64: Replayable {
    func write(to record: inout ReplayWriter) { record.append(self) }
    init(reading record: inout ReplayReader) throws { self = try record.int64() }
}

extension Int: Replayable {
    func write(to record: inout ReplayWriter) { record.append(Int64(self)) }
    init(reading record: inout ReplayReader) throws {
        guard let value = Int(exactly: try record.int64()) else { throw ReplayReader.Malformed() }
        self = value
    }
}

extension Bool: Replayable {
    func write(to record: inout ReplayWriter) { record.append(self ? 1 : 0) }
    init(reading record: inout ReplayReader) throws {
        switch try record.int64() {
        case 0: self = false
        case 1: self = true
        default: throw ReplayReader.Malformed()
        }
    }
}

extension String: Replayable {
    func write(to record: inout ReplayWriter) { record.append(utf8) }
    init(reading record: inout ReplayReader) throws {
        guard let text = String(validating: try record.data(), as: UTF8.self) else { throw ReplayReader.Malformed() }
        self = text
    }
}

extension Optional: Replayable where Wrapped: Replayable {
    func write(to record: inout ReplayWriter) {
        record.write(self != nil)
        if let self { record.write(self) }
    }

    init(reading record: inout ReplayReader) throws {
        self = try record.read(Bool.self) ? try record.read(Wrapped.self) : nil
    }
}

extension Array: Replayable where Element: Replayable {
    func write(to record: inout ReplayWriter) {
        record.write(count)
        for element in self { record.write(element) }
    }

    init(reading record: inout ReplayReader) throws {
        let count = try record.read(Int.self)
        guard count >= 0 else { throw ReplayReader.Malformed() }
        self = []
        for _ in 0..<count { append(try record.read(Element.self)) }
    }
}

/// Enumerations are kept by their name, not their position, so adding a
/// case never changes what a kept one reads back as.
extension Replayable where Self: RawRepresentable, RawValue == String {
    func write(to record: inout ReplayWriter) { record.write(rawValue) }
    init(reading record: inout ReplayReader) throws {
        guard let value = Self(rawValue: try record.read(String.self)) else { throw ReplayReader.Malformed() }
        self = value
    }
}

extension Channel: Replayable {}

extension Identifier: Replayable {}

extension Instant: Replayable {
    func write(to record: inout ReplayWriter) { record.write(secondsSinceEpoch) }
    init(reading record: inout ReplayReader) throws { self.init(secondsSinceEpoch: try record.read()) }
}

extension LocalDate: Replayable {
    func write(to record: inout ReplayWriter) { record.write(description) }
    init(reading record: inout ReplayReader) throws {
        guard let date = LocalDate(try record.read(String.self)) else { throw ReplayReader.Malformed() }
        self = date
    }
}

extension RequestedService: Replayable {
    func write(to record: inout ReplayWriter) {
        record.write(serviceId)
        record.write(quantity)
    }

    init(reading record: inout ReplayReader) throws {
        self.init(serviceId: try record.read(), quantity: try record.read())
    }
}
