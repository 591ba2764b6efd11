import Glibc

/// An IPv4 or IPv6 address as 128 bits, IPv4 held as IPv4-mapped IPv6
/// (`::ffff:a.b.c.d`), so one comparison serves both families and a client
/// reached over a dual-stack socket is the same client as over IPv4.
struct IPAddress: Hashable, Sendable {
    /// The address in network order: `high` holds bytes 0–7, `low` 8–15.
    let high: UInt64
    let low: UInt64

    private static let mappedPrefixLow: UInt64 = 0x0000_FFFF_0000_0000

    /// Parses the textual forms `inet_pton` accepts, nothing else: dotted
    /// quad without leading zeros, or RFC 4291 text without a zone or port.
    init?(_ text: some StringProtocol) {
        let string = String(text)
        guard !string.isEmpty, string.utf8.count <= Int(INET6_ADDRSTRLEN) else { return nil }
        var v4 = in_addr()
        if inet_pton(AF_INET, string, &v4) == 1 {
            let value = UInt32(bigEndian: v4.s_addr)
            self.init(high: 0, low: Self.mappedPrefixLow | UInt64(value))
            return
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, string, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        self.init(high: bytes[0..<8].reduce(0) { $0 << 8 | UInt64($1) }, low: bytes[8..<16].reduce(0) { $0 << 8 | UInt64($1) })
    }

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Whether this is an IPv4 address (or IPv4-mapped IPv6, which is the same).
    var isIPv4: Bool { high == 0 && low & 0xFFFF_FFFF_0000_0000 == Self.mappedPrefixLow }

    /// The address with every bit past the first `bits` cleared; `bits`
    /// counts over all 128, so an IPv4 /24 is 96 + 24.
    func masked(to bits: Int) -> IPAddress {
        func mask(_ bits: Int) -> UInt64 { bits <= 0 ? 0 : bits >= 64 ? .max : ~(UInt64.max >> UInt64(bits)) }
        return IPAddress(high: high & mask(bits), low: low & mask(bits - 64))
    }

    /// The usual text: dotted quad for IPv4, RFC 5952 for IPv6.
    var text: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        if isIPv4 {
            var v4 = in_addr(s_addr: UInt32(truncatingIfNeeded: low).bigEndian)
            return inet_ntop(AF_INET, &v4, &buffer, socklen_t(buffer.count)) != nil ? String(cString: buffer) : ""
        }
        var v6 = in6_addr()
        withUnsafeMutableBytes(of: &v6) { bytes in
            for index in 0..<8 {
                bytes[index] = UInt8(truncatingIfNeeded: high >> UInt64(56 - 8 * index))
                bytes[8 + index] = UInt8(truncatingIfNeeded: low >> UInt64(56 - 8 * index))
            }
        }
        return inet_ntop(AF_INET6, &v6, &buffer, socklen_t(buffer.count)) != nil ? String(cString: buffer) : ""
    }

    /// What per-client limits count by: an IPv4 address as it is; an IPv6
    /// address by its /64, since one subscriber is handed a whole /64 and
    /// picks a new address in it at will.
    var clientKey: String {
        isIPv4 ? text : masked(to: 64).text + "/64"
    }

    /// What the access log names a client by. A full address is personal
    /// data (DSGVO), which a log kept for weeks must not hold; its network,
    /// an IPv4 /24 or an IPv6 /48 (a site's prefix), still tells a flood
    /// from one network apart from the rest without naming anyone.
    var anonymised: String {
        masked(to: isIPv4 ? 96 + 24 : 48).text
    }
}
