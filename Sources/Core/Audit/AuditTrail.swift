import Scheduling
import SQLite

/// Writes and reads `booking_events`. Every use case that changes a booking
/// records here inside its own transaction, so a change and its record
/// commit together or not at all.
package enum AuditTrail {
    /// The detail of a booking that took a counter of the walk-in reserve.
    package static let staffOverride = "staff override: walk-in reserve"

    package static func record(_ db: Connection, bookingId: Int64, action: BookingAction, caller: Caller, at: Instant,
                               onBehalfOf contactName: String, detail: String? = nil) throws {
        // A citizen acting on their own booking acts for nobody else.
        let onBehalfOf = caller.isSignedIn ? contactName : nil
        try db.cachedStatement("""
            INSERT INTO booking_events(booking_id, at, action, channel, account_id, actor, on_behalf_of, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute([bookingId, at.secondsSinceEpoch, action.rawValue, caller.channel.rawValue, caller.accountId,
                          caller.username, onBehalfOf, detail])
    }

    package static func events(_ db: Connection, bookingId: Int64) throws -> [BookingEvent] {
        try db.cachedStatement("""
            SELECT at, action, channel, account_id, actor, on_behalf_of, detail
            FROM booking_events WHERE booking_id = ? ORDER BY id
            """).query([bookingId]).map { row in
            let actionText: String = try row["action"]
            guard let action = BookingAction(rawValue: actionText) else {
                throw CatalogueRows.Invalid(description: "booking event of \(bookingId): action \(actionText)")
            }
            return BookingEvent(action: action, at: try OccupationRows.instant(row, "at"),
                                channel: try OccupationRows.channel(row, at: nil), accountId: try row["account_id"],
                                actor: try row["actor"], onBehalfOf: try row["on_behalf_of"], detail: try row["detail"])
        }
    }

    /// When each of these bookings was checked in.
    static func checkInTimes(_ db: Connection, bookings: [Int64]) throws -> [Int64: Instant] {
        var times: [Int64: Instant] = [:]
        for id in bookings {
            if let row = try db.cachedStatement(
                "SELECT max(at) FROM booking_events WHERE booking_id = ? AND action = 'checkedIn'").query([id]).first,
               let at: Int64 = try row[0] {
                times[id] = Instant(secondsSinceEpoch: at)
            }
        }
        return times
    }
}
