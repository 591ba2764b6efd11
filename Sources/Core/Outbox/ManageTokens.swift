import Scheduling
import SQLite

/// Manage links minted after a booking was made: for a message that
/// carries one (a reminder, "resend my links", a booking stranded by a
/// closure), since the booking's first token exists in plain text only in
/// the answer that made it. Each opens the booking as that one does
/// (`BookingRows.find` answers every hash).
enum ManageTokens {
    /// A new token for the booking, its hash stored in the caller's transaction.
    static func mint(_ db: Connection, bookingId: Int64, now: Instant) throws -> String {
        let (token, hash) = ManageToken.generate()
        try db.cachedStatement("INSERT INTO manage_tokens(booking_id, token_hash, created_at) VALUES (?, ?, ?)")
            .execute([bookingId, hash, now.secondsSinceEpoch])
        return token
    }

    /// Every hash that opens the booking: its first token's, then the minted ones.
    static func hashes(_ db: Connection, bookingId: Int64, first: [UInt8]) throws -> [[UInt8]] {
        let minted: [[UInt8]] = try db.cachedStatement("SELECT token_hash FROM manage_tokens WHERE booking_id = ?")
            .query([bookingId]).map { try $0["token_hash"] }
        return [first] + minted
    }
}
