import Dispatch

/// Password hashing with scrypt (docs/architecture.md: N=2^17, r=8, p=1), stored in a
/// self-describing form so parameters can be raised later without losing
/// old accounts: `scrypt$<log2 N>$<r>$<p>$<salt b64url>$<key b64url>`.
public struct PasswordHasher: Sendable {
    /// Each hash at full strength takes 128 MiB and a core for a few hundred
    /// milliseconds: at most two run at once, so a burst of sign-ins can
    /// exhaust neither memory nor the threads that serve everyone else.
    public static let concurrentChecks = 2
    private static let slots = DispatchSemaphore(value: concurrentChecks)

    /// All hashing slots are taken: try again in a moment.
    public struct Busy: Error {}

    public let logN: Int
    public let r: Int
    public let p: Int

    /// The production strength. Verification always uses the parameters
    /// stored in the hash, so they can be raised without losing accounts.
    public init() {
        self.init(logN: 17, r: 8, p: 1)
    }

    /// A cost for tests only: 2^`logN` (10 to 16; 2^10, the cheapest `verify`
    /// accepts, takes a millisecond instead of a few hundred). Nothing in
    /// production constructs it: the application's default is `init()`, and
    /// `terminbuch` asks for it only when started in test mode.
    public init(testCost logN: Int = 10) {
        self.init(logN: min(max(logN, 10), 16), r: 8, p: 1)
    }

    init(logN: Int, r: Int, p: Int) {
        self.logN = logN
        self.r = r
        self.p = p
    }

    public func hash(_ password: String) throws -> String {
        let salt = Crypto.randomBytes(16)
        Self.slots.wait()  // creating accounts is rare and may wait
        defer { Self.slots.signal() }
        let key = try Crypto.scrypt(password: Array(password.utf8), salt: salt, n: 1 << UInt64(logN),
                                    r: UInt64(r), p: UInt64(p), length: 32)
        return "scrypt$\(logN)$\(r)$\(p)$\(Crypto.base64URL(salt))$\(Crypto.base64URL(key))"
    }

    /// Whether `password` matches `stored`; false for anything malformed.
    /// Throws `Busy` at once when both slots are taken, rather than hold a
    /// request thread hostage while others queue behind it.
    public func verify(_ password: String, against stored: String) throws(Busy) -> Bool {
        let parts = stored.split(separator: "$").map(String.init)
        guard parts.count == 6, parts[0] == "scrypt", let logN = Int(parts[1]), let r = Int(parts[2]),
              let p = Int(parts[3]), (10...20).contains(logN), (1...16).contains(r), (1...4).contains(p),
              let salt = Self.decodeBase64URL(parts[4]), let expected = Self.decodeBase64URL(parts[5]) else { return false }
        guard Self.slots.wait(timeout: .now()) == .success else { throw Busy() }
        defer { Self.slots.signal() }
        guard let key = try? Crypto.scrypt(password: Array(password.utf8), salt: salt, n: 1 << UInt64(logN),
                                           r: UInt64(r), p: UInt64(p), length: expected.count) else { return false }
        return Crypto.constantTimeEqual(key, expected)
    }

    static func decodeBase64URL(_ text: String) -> [UInt8]? {
        var value: UInt32 = 0
        var bits = 0
        var output: [UInt8] = []
        for byte in text.utf8 {
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): digit = UInt32(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): digit = UInt32(byte - UInt8(ascii: "a") + 26)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0") + 52)
            case UInt8(ascii: "-"): digit = 62
            case UInt8(ascii: "_"): digit = 63
            default: return nil
            }
            value = value << 6 | digit
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: value >> UInt32(bits)))
            }
        }
        return output
    }
}
