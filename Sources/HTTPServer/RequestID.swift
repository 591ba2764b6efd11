/// The id of one request, in the log and in its answer's `X-Request-Id`,
/// so an operator finds a citizen's failed request from the header they
/// report. Made per event loop from a random prefix and a counter (no
/// system call per request), or taken from the request's own
/// `X-Request-Id` when a trusted proxy sent it and it is a short safe
/// token: anyone else's would let a client write what it likes into our log.
struct RequestIDs {
    static let header = "X-Request-Id"
    /// What an incoming id may be: 1 to 64 letters, digits, `-`, `_`, `.`.
    static let maximumLength = 64

    private let prefix = String(UInt64.random(in: 0...UInt64.max) & 0xFFFF_FFFF_FFFF, radix: 16)
    private var counter: UInt64 = 0

    mutating func next(for headers: HTTPHeaders?, fromTrustedProxy: Bool) -> String {
        if fromTrustedProxy, let incoming = headers?[Self.header], Self.isSafe(incoming) { return incoming }
        counter &+= 1
        return prefix + "-" + String(counter, radix: 16)
    }

    static func isSafe(_ id: String) -> Bool {
        (1...maximumLength).contains(id.utf8.count) && id.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || "-_.".utf8.contains(byte)
        }
    }
}
