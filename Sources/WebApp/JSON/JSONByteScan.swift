/// Word-at-a-time scanning for the bytes strings care about.
///
/// Most API strings (ids, dates, names) contain nothing to escape. Testing
/// eight bytes per step with SWAR bit tricks, instead of one byte per
/// branch, lets the parser and the writer skip such runs several times
/// faster; the byte loops then handle whatever the word test flagged.
enum JSONByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether any byte of `word` is below `limit` (1 ≤ limit ≤ 128).
    /// Exact for "any", which is all the callers ask.
    @inline(__always)
    static func hasByte(below limit: UInt64, in word: UInt64) -> Bool {
        (word &- ones &* limit) & ~word & highBits != 0
    }

    @inline(__always)
    static func hasByte(_ byte: UInt64, in word: UInt64) -> Bool {
        hasByte(below: 1, in: word ^ (ones &* byte))
    }

    /// No quote, backslash or control character: copied by the writer as is.
    @inline(__always)
    static func needsNoEscaping(_ word: UInt64) -> Bool {
        !hasByte(below: 0x20, in: word) && !hasByte(0x22, in: word) && !hasByte(0x5C, in: word)
    }

    /// Additionally plain ASCII: the parser needs no UTF-8 validation here.
    @inline(__always)
    static func isPlainStringASCII(_ word: UInt64) -> Bool {
        word & highBits == 0 && needsNoEscaping(word)
    }

    /// The first offset from `start` on at which a word is not plain, or
    /// where fewer than eight bytes remain; the caller goes on byte by byte.
    @inline(__always)
    static func skipPlain(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, allowingNonASCII: Bool) -> Int {
        guard let base = bytes.baseAddress else { return start }
        var offset = start
        let end = bytes.count - 8
        while offset <= end {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self))
            let plain = allowingNonASCII ? needsNoEscaping(word) : isPlainStringASCII(word)
            guard plain else { break }
            offset += 8
        }
        return offset
    }
}
