import Scheduling
import SQLite

/// The messages a booking's own changes write, in the change's transaction,
/// to whoever receives its messages (`BookingRecipient`): the confirmation
/// when it is made, the reminder before it, and word that it was moved or
/// cancelled. A reminder always names the booking's current time: moving
/// the booking withdraws the pending one and writes it anew, cancelling
/// withdraws it.
extension Store {
    /// Which manage link a message carries.
    enum ManageLink {
        case none
        /// The booking's first token: the confirmation, written in the
        /// answer's transaction, still has it in plain text.
        case first(String)
        /// A token minted for this message (`ManageTokens`).
        case minted
    }

    /// Writes a message of `kind` about `booking`, unless nobody receives
    /// its messages; `facts` adds the kind's own facts. Answers whether one
    /// was written.
    @discardableResult
    func enqueue(_ db: Connection, _ kind: OutboxMessage.Kind, about booking: Booking, link: ManageLink, now: Instant,
                 dueAt: Instant? = nil, facts addFacts: (inout MessageFacts) -> Void = { _ in }) throws -> Bool {
        guard let recipient = try BookingRecipient.of(db, bookingId: booking.id) else { return false }
        let token: String? = switch link {
        case .none: nil
        case .first(let token): token
        case .minted: try ManageTokens.mint(db, bookingId: booking.id, now: now)
        }
        var facts = MessageFacts(booking: MessageFacts.BookingFacts(booking, manageToken: token))
        addFacts(&facts)
        try enqueue(db, MessageDraft(kind: kind, language: recipient.language, recipient: recipient.address,
                                     officeId: booking.officeId, bookingId: booking.id, facts: facts, dueAt: dueAt),
                    now: now)
        return true
    }

    /// The reminder, due `policy.reminderHours` before the start, with a
    /// cancel link of its own: none at 0 hours, and none when that moment
    /// has passed already (booked or moved to a time closer than that).
    func enqueueReminder(_ db: Connection, for booking: Booking, policy: BookingPolicy, now: Instant) throws {
        guard policy.reminderHours > 0 else { return }
        let due = booking.start.adding(hours: -policy.reminderHours)
        guard due > now else { return }
        try enqueue(db, .reminder, about: booking, link: .minted, now: now, dueAt: due)
    }

    /// The booking was cancelled: its reminder is withdrawn, and its
    /// recipient hears by whom.
    func tellCancelled(_ db: Connection, _ booking: Booking, caller: Caller, now: Instant) throws {
        try withdrawPending(db, kind: .reminder, bookingId: booking.id, now: now)
        try enqueue(db, .cancelled, about: booking, link: .none, now: now) { $0.actor = caller.actor }
    }

    /// The booking was moved from `previous`: its recipient hears the times
    /// before and after, with a fresh manage link, and the reminder follows
    /// the new time.
    func tellMoved(_ db: Connection, _ booking: Booking, from previous: Range<Instant>, caller: Caller,
                   policy: BookingPolicy, now: Instant) throws {
        try withdrawPending(db, kind: .reminder, bookingId: booking.id, now: now)
        try enqueueReminder(db, for: booking, policy: policy, now: now)
        try enqueue(db, .moved, about: booking, link: .minted, now: now) {
            $0.actor = caller.actor
            $0.previousStart = previous.lowerBound.secondsSinceEpoch
            $0.previousEnd = previous.upperBound.secondsSinceEpoch
        }
    }
}

extension Caller {
    /// Who changed a booking, as a message names them: the citizen, an
    /// agent of the call centre, or the office's staff.
    var actor: String {
        switch channel {
        case .online: "citizen"
        case .phone: "agent"
        case .desk: "staff"
        }
    }
}
