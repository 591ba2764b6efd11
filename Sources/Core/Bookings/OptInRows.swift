import Scheduling
import SQLite

/// The rows of the double opt-in: the confirm token of a booking waiting
/// for it, and the lapse of those whose time ran out.
enum OptInRows {
    /// The opt-in link's secret: 256 random bits, stored as a SHA-256 in
    /// `bookings.confirm_token_hash`, told apart from a manage token's.
    static func generateToken() -> (token: String, hash: [UInt8]) {
        let token = Crypto.base64URL(Crypto.randomBytes(32))
        return (token, hash(token))
    }

    static func hash(_ token: String) -> [UInt8] { Crypto.sha256("confirm-token:" + token) }

    /// The booking's confirm token hash; nil once the link was used.
    static func tokenHash(_ db: Connection, bookingId: Int64) throws -> [UInt8]? {
        try db.cachedStatement("SELECT confirm_token_hash FROM bookings WHERE id = ?").query([bookingId]).first
            .flatMap { try $0["confirm_token_hash"] }
    }

    /// Lapses the bookings at `office` whose opt-in time has run out, in
    /// the caller's transaction: cancelled, their slots given back at once
    /// (no cooldown: nobody confirmed them, so nobody can trade them), the
    /// `lapsed` line in their history (recorded as the citizen's, online:
    /// the booking's own channel), their unsent opt-in and any reminder
    /// withdrawn. `confirm_by` and the token's hash stay, so the link still
    /// says it lapsed. Run before every decision at the office, so
    /// `slot_usage` agrees with the occupations, which no longer count them
    /// (`OccupationRows.takesCapacity`). Answers how many lapsed.
    @discardableResult
    static func lapseDue(_ db: Connection, store: Store, office: OfficeID, now: Instant) throws -> Int {
        let due: [(id: Int64, name: String)] = try db.cachedStatement("""
            SELECT id, contact_name FROM bookings
            WHERE status = 'pendingConfirmation' AND confirm_by <= ? AND office_id = ?
            """).query([now.secondsSinceEpoch, office]).map { (try $0["id"], try $0["contact_name"]) }
        for booking in due {
            try db.run("UPDATE bookings SET status = 'cancelled', updated_at = ? WHERE id = ?", [now.secondsSinceEpoch, booking.id])
            try BookingRows.releaseSlots(db, booking: booking.id, office: office)
            try AuditTrail.record(db, bookingId: booking.id, action: .lapsed, caller: .citizen, at: now, onBehalfOf: booking.name)
            for kind in [OutboxMessage.Kind.optIn, .reminder] {
                try store.withdrawPending(db, kind: kind, bookingId: booking.id, now: now)
            }
        }
        return due.count
    }

    /// The offices with a booking whose opt-in time has run out by `now`:
    /// read from the waiting bookings alone (left to itself, the planner
    /// walks every booking in office order).
    static func officesDue(_ db: Connection, now: Instant) throws -> [OfficeID] {
        try db.cachedStatement("""
            SELECT DISTINCT office_id FROM bookings INDEXED BY bookings_awaiting_confirmation
            WHERE status = 'pendingConfirmation' AND confirm_by <= ?
            """).query([now.secondsSinceEpoch]).map { try $0["office_id"] }
    }

    /// When the next waiting booking lapses, if any waits.
    static func nextLapse(_ db: Connection) throws -> Instant? {
        let next: Int64? = try db.cachedStatement(
            "SELECT min(confirm_by) FROM bookings WHERE status = 'pendingConfirmation'").query([]).first.flatMap { try $0[0] }
        return next.map(Instant.init(secondsSinceEpoch:))
    }
}
