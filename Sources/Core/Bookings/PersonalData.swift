import Scheduling

/// Everything stored about one booking, as its citizen may ask to see it
/// (Art. 15 DSGVO): the booking with its contact and note, the language
/// its messages are written in, its history, the e-mails about it still in
/// the outbox and when the data will be erased. A message's words and
/// links are not in it: they say nothing the booking does not, and hold a
/// manage token.
public struct PersonalData: Hashable, Sendable {
    /// One e-mail about the booking: what, to whom, how its delivery stands.
    public struct Message: Hashable, Sendable {
        public let kind: OutboxMessage.Kind
        public let recipient: String
        public let status: OutboxMessage.Status
        public let createdAt: Instant
        /// When it was sent, failed or withdrawn.
        public let settledAt: Instant?
    }

    public let booking: Booking
    /// The language the citizen booked in (`de`, `en`).
    public let language: String
    /// Oldest first, with whom an agent or clerk acted for.
    public let history: [BookingEvent]
    public let messages: [Message]
    /// When the retention sweep erases it (`RetentionRules`); nil once erased.
    public let erasureDue: Instant?
}

extension PersonalData {
    /// Who asks for a booking's data: its citizen by the manage token, or
    /// the office's staff for a citizen at the desk, who may only where
    /// they answer data requests (`Permission.answerDataRequests`).
    public enum Requester: Sendable {
        case citizen(manageToken: String)
        case account(Account)

        var access: Access {
            switch self {
            case .citizen(let token): .manageToken(token)
            case .account(let account): account.access
            }
        }

        var caller: Caller {
            switch self {
            case .citizen: .citizen
            case .account(let account): account.caller
            }
        }

        /// A booking the requester opens but may not answer for (an agent's
        /// of its municipality) is forbidden; one it does not open was not
        /// found before this is asked.
        func check(_ office: Office?) throws {
            guard case .account(let account) = self else { return }
            guard let office, account.may(.answerDataRequests, at: office) else {
                throw BookingError.forbidden(.answerDataRequests)
            }
        }
    }
}
