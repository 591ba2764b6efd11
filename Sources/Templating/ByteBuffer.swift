#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The output of one rendering: raw memory grown by doubling, filled with
/// `memcpy`. `[UInt8].append(contentsOf:)` is generic, and in a debug build
/// every call pays for metadata look-ups; rendering appends thousands of
/// small pieces per page, so the difference is several-fold there.
///
/// A plain struct owning memory: whoever makes one calls `deallocate()`.
struct ByteBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        self.base = .allocate(capacity: self.capacity)
    }

    func deallocate() { base.deallocate() }

    var last: UInt8? { count > 0 ? base[count - 1] : nil }

    mutating func append(_ source: UnsafeRawPointer, count length: Int) {
        guard length > 0 else { return }
        if count + length > capacity { grow(to: count + length) }
        memcpy(base + count, source, length)
        count += length
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            if let start = raw.baseAddress { append(start, count: raw.count) }
        }
    }

    mutating func append(_ text: StaticString) {
        append(text.utf8Start, count: text.utf8CodeUnitCount)
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            if let start = bytes.baseAddress { append(start, count: bytes.count) }
        }
    }

    private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        memcpy(newBase, base, count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// Appends everything written to `array` in one copy.
    func copy(to array: inout [UInt8]) {
        array.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
    }
}
