/// The proxies whose word on the client is believed (`--trusted-proxies`),
/// and the one place that decides who the client is.
///
/// Only when the TCP peer is inside one of these ranges are two headers
/// read: `X-Forwarded-For`, taken from the right (each proxy appends the
/// address it saw) to the first address that is not itself a trusted proxy,
/// since everything left of that was written by the client and proves
/// nothing; and `X-Forwarded-Proto`, `http` or `https`. From any other
/// peer both are the client's own words and ignored, so a spoofed header
/// escapes no per-client limit. A header that does not parse is ignored
/// whole: the client is then the peer, the proxy, which is the cautious
/// choice (the proxy's clients share its limits rather than escape them).
public struct TrustedProxies: Sendable {
    /// One range: the network's first address and its prefix length,
    /// counted over 128 bits (an IPv4 /8 is 96 + 8).
    struct Range: Sendable, Equatable {
        let network: IPAddress
        let bits: Int

        func contains(_ address: IPAddress) -> Bool { address.masked(to: bits) == network }
    }

    /// What is wrong with a `--trusted-proxies` value.
    public struct ParseError: Error, CustomStringConvertible {
        public let description: String
    }

    let ranges: [Range]

    /// No proxy: every header is the client's own and ignored.
    public static let none = TrustedProxies(ranges: [])

    init(ranges: [Range]) {
        self.ranges = ranges
    }

    /// Parses `CIDR[,CIDR…]` strictly: IPv4 (`10.0.0.0/8`) or IPv6
    /// (`fd00::/8`) ranges, a bare address meaning just that address, no
    /// bits set past the prefix (a typo there would trust another network
    /// than meant). An empty value is no proxy.
    public init(parsing text: String) throws(ParseError) {
        let entries = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingOWS() }
        if entries == [""] {
            self.init(ranges: [])
            return
        }
        var ranges: [Range] = []
        for entry in entries {
            ranges.append(try Self.range(entry))
        }
        self.init(ranges: ranges)
    }

    private static func range(_ entry: Substring) throws(ParseError) -> Range {
        guard !entry.isEmpty else { throw ParseError(description: "an empty entry (two commas in a row?)") }
        let parts = entry.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(parts[0]) else {
            throw ParseError(description: "\"\(entry)\" is not an IPv4 or IPv6 address or CIDR range")
        }
        let familyBits = address.isIPv4 ? 32 : 128
        var prefix = familyBits
        if parts.count == 2 {
            let digits = parts[1]
            guard !digits.isEmpty, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
                  digits == "0" || !digits.hasPrefix("0"), let value = Int(digits), value <= familyBits else {
                throw ParseError(description: "\"\(entry)\" has a prefix length that is not 0 to \(familyBits)")
            }
            prefix = value
        }
        let bits = 128 - familyBits + prefix
        let network = address.masked(to: bits)
        guard network == address else {
            throw ParseError(description: "\"\(entry)\" has bits set past its prefix: did you mean \(network.text)/\(prefix)?")
        }
        return Range(network: network, bits: bits)
    }

    func contains(_ address: IPAddress) -> Bool { ranges.contains { $0.contains(address) } }

    /// Who the client of a request is, from the TCP peer and, if that peer
    /// is trusted, its forwarding headers.
    func client(peer: IPAddress, headers: HTTPHeaders) -> ClientAddress {
        guard contains(peer) else { return ClientAddress(address: peer, scheme: "http") }
        return ClientAddress(address: forwardedFor(headers) ?? peer, scheme: forwardedProto(headers) ?? "http")
    }

    /// The right-most address of `X-Forwarded-For` that is not a trusted
    /// proxy (the left-most when all are); nil without the header or when
    /// any of its entries is not a plain address.
    private func forwardedFor(_ headers: HTTPHeaders) -> IPAddress? {
        let values = headers.values("X-Forwarded-For")
        guard !values.isEmpty else { return nil }
        var addresses: [IPAddress] = []
        for value in values {
            for entry in value.split(separator: ",", omittingEmptySubsequences: false) {
                guard let address = IPAddress(entry.trimmingOWS()) else { return nil }
                addresses.append(address)
            }
        }
        return addresses.last { !contains($0) } ?? addresses.first
    }

    /// `https` or `http` from one `X-Forwarded-Proto` field; nil for anything else.
    private func forwardedProto(_ headers: HTTPHeaders) -> String? {
        let values = headers.values("X-Forwarded-Proto")
        guard values.count == 1 else { return nil }
        let value = String(values[0][...].trimmingOWS())
        if value.equalsIgnoringASCIICase("https") { return "https" }
        if value.equalsIgnoringASCIICase("http") { return "http" }
        return nil
    }
}
