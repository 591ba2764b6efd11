import SQLite

/// A response as the API first sent it, kept so that a retry with the same
/// `Idempotency-Key` gets the very same answer.
public struct StoredReply: Sendable, Hashable {
    public let status: Int
    public let body: [UInt8]

    public init(status: Int, body: [UInt8]) {
        self.status = status
        self.body = body
    }
}

/// An `Idempotency-Key` and the fingerprint of the request it came with.
public struct IdempotencyKey: Sendable {
    public let key: String
    /// A hash of what makes two requests "the same" (method, path, body).
    public let fingerprint: [UInt8]

    public init(key: String, fingerprint: [UInt8]) {
        self.key = key
        self.fingerprint = fingerprint
    }
}

/// The ledger of keys. A first response holds the manage token in plain
/// text, so it is stored sealed with AES-GCM under a key derived from the
/// idempotency key itself, and the row is found by another hash of it: the
/// database alone reveals neither the token nor the key. Rows expire after a day.
enum IdempotencyLedger {
    static let lifetimeSeconds: Int64 = 24 * 3600

    static func rowKey(_ key: String) -> [UInt8] { Crypto.sha256("idempotency-row:" + key) }
    static func sealKey(_ key: String) -> [UInt8] { Crypto.sha256("idempotency-seal:" + key) }

    /// The stored reply for this key; throws when the key came with another request.
    static func replay(_ db: Connection, _ key: IdempotencyKey, now: Int64) throws -> StoredReply? {
        try db.cachedStatement("DELETE FROM idempotency_keys WHERE created_at < ?").execute([now - lifetimeSeconds])
        guard let row = try db.cachedStatement(
            "SELECT request_hash, status, sealed_body FROM idempotency_keys WHERE key_hash = ?"
        ).query([rowKey(key.key)]).first else { return nil }
        let fingerprint: [UInt8] = try row["request_hash"]
        guard Crypto.constantTimeEqual(fingerprint, key.fingerprint),
              let body = Crypto.open(try row["sealed_body"], key: sealKey(key.key)) else {
            throw BookingError.idempotencyKeyReused
        }
        return StoredReply(status: try row["status"], body: body)
    }

    static func record(_ db: Connection, _ key: IdempotencyKey, reply: StoredReply, now: Int64) throws {
        try db.run("INSERT INTO idempotency_keys(key_hash, request_hash, status, sealed_body, created_at) VALUES (?, ?, ?, ?, ?)",
                   [rowKey(key.key), key.fingerprint, reply.status, try Crypto.seal(reply.body, key: sealKey(key.key)), now])
    }
}
