import Scheduling

/// What a message says, as facts taken when its cause committed: the
/// booking as it was then (a reminder sent tomorrow still names the time
/// it reminds of; a "moved" message the time before and after), and the
/// secrets of its links, minted in the same transaction (`ManageTokens`).
/// Names, addresses and documents are the catalogue's, looked up when the
/// message is rendered. Stored as JSON in `outbox.facts`; every field is
/// optional, so each kind uses the ones it needs and old rows still read.
public struct MessageFacts: Codable, Hashable, Sendable {
    /// One booking a message is about.
    public struct BookingFacts: Codable, Hashable, Sendable {
        public var code: String
        public var officeId: String
        public var services: [ServiceFacts]
        public var start: Int64
        public var end: Int64
        public var channel: String
        /// The name the booking is under (as the citizen gave it).
        public var name: String
        /// The manage link's token, minted for this message; nil when the
        /// message carries no manage link.
        public var manageToken: String?

        public init(code: String, officeId: String, services: [ServiceFacts], start: Int64, end: Int64, channel: String,
                    name: String, manageToken: String?) {
            self.code = code
            self.officeId = officeId
            self.services = services
            self.start = start
            self.end = end
            self.channel = channel
            self.name = name
            self.manageToken = manageToken
        }
    }

    public struct ServiceFacts: Codable, Hashable, Sendable {
        public var id: String
        public var quantity: Int

        public init(id: String, quantity: Int) {
            self.id = id
            self.quantity = quantity
        }
    }

    /// The booking (confirmation, opt-in, reminder, moved, cancelled, affected).
    public var booking: BookingFacts?
    /// Moved: the start and end it had before.
    public var previousStart: Int64?
    public var previousEnd: Int64?
    /// Opt-in: the link's token and the instant the booking lapses.
    public var confirmToken: String?
    public var confirmBy: Int64?
    /// Cancelled or moved: by whom (`citizen`, `agent`, `staff`).
    public var actor: String?
    /// Affected: why (`closed`, `overCapacity`, `outsideOpeningHours`,
    /// `serviceWithdrawn`), and the reason staff gave for a closure.
    public var cause: String?
    public var reason: String?
    /// Booking links: the upcoming bookings of the address, each with a fresh manage token.
    public var bookings: [BookingFacts]?
    /// Office messages: the memo or callback request, with what the agent wrote down.
    public var itemId: String?
    public var callerName: String?
    public var callerPhone: String?
    public var serviceId: String?
    public var topic: String?
    public var note: String?
    public var preferredFrom: Int64?
    public var preferredTo: Int64?
    /// Office messages: the agent who took the call.
    public var createdBy: String?

    public init(booking: BookingFacts? = nil) {
        self.booking = booking
    }
}
