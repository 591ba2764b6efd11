import SQLite

/// The ledger of keys, written only by `Store.write(changing:idempotency:clock:_:)`.
/// A kept value can hold a manage token in plain text, so it is stored
/// sealed with AES-GCM under a key derived from the idempotency key itself,
/// and the row is found by another hash of it: the database alone reveals
/// neither the token nor the key. Rows expire after a day.
///
/// The `status` column holds the version of the value's encoding: a row of
/// another version (an earlier release kept HTTP replies there, with their
/// status) is refused as a reused key, so a retry never makes a second one.
enum IdempotencyLedger {
    static let lifetimeSeconds: Int64 = 24 * 3600
    static let encodingVersion = 1

    /// The one rule of a row past its day, with `expiredBefore(now)` as its
    /// argument: pruned before every look-up, and by the retention run
    /// (`RetentionSweep.idempotencyReplies`) where nobody retries.
    static let expired = "created_at < ?"

    static func expiredBefore(_ now: Int64) -> Int64 { now - lifetimeSeconds }

    static func rowKey(_ key: String) -> [UInt8] { Crypto.sha256("idempotency-row:" + key) }
    static func sealKey(_ key: String) -> [UInt8] { Crypto.sha256("idempotency-seal:" + key) }

    /// The value kept for this key; throws when the key came with another request.
    static func replay<Made: Replayable>(_ db: Connection, _ key: IdempotencyKey, now: Int64) throws -> Made? {
        try db.cachedStatement("DELETE FROM idempotency_keys WHERE \(expired)").execute([expiredBefore(now)])
        guard let row = try db.cachedStatement(
            "SELECT request_hash, status, sealed_body FROM idempotency_keys WHERE key_hash = ?"
        ).query([rowKey(key.key)]).first else { return nil }
        let fingerprint: [UInt8] = try row["request_hash"]
        guard Crypto.constantTimeEqual(fingerprint, key.fingerprint), try row["status"] as Int == encodingVersion,
              let bytes = Crypto.open(try row["sealed_body"], key: sealKey(key.key)),
              let made = try? ReplayReader.value(Made.self, from: bytes) else {
            throw BookingError.idempotencyKeyReused
        }
        return made
    }

    static func record(_ db: Connection, _ key: IdempotencyKey, _ made: some Replayable, now: Int64) throws {
        var record = ReplayWriter()
        record.write(made)
        try db.run("INSERT INTO idempotency_keys(key_hash, request_hash, status, sealed_body, created_at) VALUES (?, ?, ?, ?, ?)",
                   [rowKey(key.key), key.fingerprint, encodingVersion, try Crypto.seal(record.bytes, key: sealKey(key.key)), now])
    }
}
