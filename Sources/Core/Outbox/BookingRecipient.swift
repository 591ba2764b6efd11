import Scheduling
import SQLite

/// Who receives the messages about a booking, and in which language: the
/// booking's contact address, in the language the citizen booked in —
/// unless it is a phone booking whose address is the functional mailbox of
/// the call centre whose agent booked it (a shared address the agent typed
/// in for a caller without one): the call centre never writes to itself.
/// The one rule for every kind about a booking (confirmation, reminder,
/// moved, cancelled, affected).
struct BookingRecipient: Hashable, Sendable {
    let address: String
    let language: String

    /// The recipient of the booking's messages, as its row says now; nil
    /// when nobody is to be written to.
    static func of(_ db: Connection, bookingId: Int64) throws -> BookingRecipient? {
        guard let row = try db.cachedStatement("""
            SELECT b.contact_email, b.channel, b.language, a.functional_mailbox
            FROM bookings AS b LEFT JOIN accounts AS a ON a.id = b.created_by_account_id WHERE b.id = ?
            """).query([bookingId]).first, let address: String = try row["contact_email"] else { return nil }
        let channel: String = try row["channel"]
        let mailbox: String? = try row["functional_mailbox"]
        if channel == Channel.phone.rawValue, let mailbox, Contact.emailKey(mailbox) == Contact.emailKey(address) {
            return nil
        }
        return BookingRecipient(address: address, language: try row["language"])
    }
}
