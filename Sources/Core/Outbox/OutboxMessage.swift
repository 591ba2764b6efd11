import Scheduling

/// A message in the outbox: what it is, to whom, in which language, and
/// where its delivery stands. Written in the transaction of the change that
/// causes it (`Store.enqueue`); rendered into words, and handed to a
/// transport, only by the delivery worker.
public struct OutboxMessage: Hashable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        /// The booking, with its manage link and calendar entry.
        case confirmation
        /// The double opt-in: follow the link within the time, or the booking lapses.
        case optIn
        /// A day (the policy's `reminderHours`) before: can't come? cancel.
        case reminder
        case moved
        case cancelled
        /// A closure, a capacity change or a catalogue change strands the booking: choose a new time.
        case affected
        /// "Resend my links": the upcoming bookings of an address.
        case bookingLinks
        /// For an office's mailbox: a memo, a callback request, with the context.
        case officeMemo
        case officeCallback
    }

    public enum Status: String, CaseIterable, Sendable {
        /// Due at `nextAttemptAt`.
        case pending
        case sent
        /// Refused for good (a 5xx), or still undelivered after the retries: staff call instead.
        case failed
        /// No longer to be sent: a reminder for a booking moved or cancelled before it was due.
        case withdrawn
    }

    public let id: Int64
    /// The local part of the `Message-ID` (`tb.3f9c…`; the domain is the
    /// sender's), drawn once when the row is written, so every attempt
    /// carries the same.
    public let messageID: String
    public let kind: Kind
    /// The language the message is written in (`de`, `en`).
    public let language: String
    public let recipient: String
    public let officeId: OfficeID?
    public let bookingId: Int64?
    public let facts: MessageFacts
    public let createdAt: Instant
    public var status: Status
    public var attempts: Int
    public var nextAttemptAt: Instant
    /// When it was sent, failed or withdrawn.
    public var settledAt: Instant?
    /// The transport's last word on a failed attempt.
    public var lastError: String?

    public init(id: Int64, messageID: String, kind: Kind, language: String, recipient: String, officeId: OfficeID?,
                bookingId: Int64?, facts: MessageFacts, createdAt: Instant, status: Status, attempts: Int,
                nextAttemptAt: Instant, settledAt: Instant?, lastError: String?) {
        self.id = id
        self.messageID = messageID
        self.kind = kind
        self.language = language
        self.recipient = recipient
        self.officeId = officeId
        self.bookingId = bookingId
        self.facts = facts
        self.createdAt = createdAt
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.settledAt = settledAt
        self.lastError = lastError
    }
}

/// A message to write into the outbox, in the transaction of its cause.
public struct MessageDraft: Hashable, Sendable {
    public var kind: OutboxMessage.Kind
    public var language: String
    public var recipient: String
    public var officeId: OfficeID?
    public var bookingId: Int64?
    public var facts: MessageFacts
    /// When it is to go out: now, unless it is a reminder.
    public var dueAt: Instant?

    public init(kind: OutboxMessage.Kind, language: String, recipient: String, officeId: OfficeID?, bookingId: Int64?,
                facts: MessageFacts, dueAt: Instant? = nil) {
        self.kind = kind
        self.language = language
        self.recipient = recipient
        self.officeId = officeId
        self.bookingId = bookingId
        self.facts = facts
        self.dueAt = dueAt
    }
}
