import Scheduling
import SQLite

/// A call centre's functional mailbox: the shared address an agent types
/// in for a caller who has none of their own, so the booking has an e-mail
/// and the caller's limit counts. Messages about a phone booking never go
/// there (`BookingRecipient`): the call centre would only write to itself.
extension Accounts {
    /// An address that is not one (`Contact.normalisedEmail`).
    public struct InvalidFunctionalMailbox: Error, Hashable, Sendable, CustomStringConvertible {
        public let mailbox: String
        public var description: String { "the functional mailbox \(mailbox.debugDescription) must be an e-mail address like name@example.de" }
    }

    /// Refuses an address that is not one; nil (no mailbox) always passes.
    public static func checkFunctionalMailbox(_ mailbox: String?) throws(InvalidFunctionalMailbox) {
        if let mailbox, Contact.emailKey(mailbox) == nil { throw InvalidFunctionalMailbox(mailbox: mailbox) }
    }

    /// Sets (or, with nil or only spaces, clears) the account's functional mailbox.
    public func setFunctionalMailbox(_ mailbox: String?, username: String) throws {
        let mailbox = mailbox.map { $0.trimmingSpaces() }.flatMap { $0.isEmpty ? nil : $0 }
        try Self.checkFunctionalMailbox(mailbox)
        try store.write { db in
            try db.run("UPDATE accounts SET functional_mailbox = ? WHERE username = ?", [mailbox, username])
            guard db.changes > 0 else { throw AdministrationError.unknownUser(username) }
        }
    }

    /// Sets it for an account `admin` administers (`administered`).
    public func setFunctionalMailbox(_ mailbox: String?, of username: String, by admin: Account) throws {
        try setFunctionalMailbox(mailbox, username: try administered(username, by: admin).username)
    }

    /// The account's functional mailbox, if it has one.
    public func functionalMailbox(username: String) throws -> String? {
        try store.read { db in
            try db.scalar("SELECT functional_mailbox FROM accounts WHERE username = ?", [username], as: String?.self)
        }
    }
}
