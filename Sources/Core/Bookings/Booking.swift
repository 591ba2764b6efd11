import Scheduling

/// A booking as the application hands it out (the API's `Booking`; the type
/// is not called `Booking` because the module is).
public struct Booking: Hashable, Sendable {
    public enum Status: String, CaseIterable, Sendable {
        case confirmed, pendingConfirmation, cancelled, checkedIn, noShow, completed

        /// Whether the appointment still holds its counter.
        public var occupiesCapacity: Bool { self != .cancelled }
        /// Whether it still lies ahead for the citizen (counts towards the limit).
        public var isUpcoming: Bool { self == .confirmed || self == .pendingConfirmation }
    }

    public let id: Int64
    public var code: BookingCode
    public var status: Status
    public var officeId: OfficeID
    public var services: [RequestedService]
    public var start: Instant
    public var end: Instant
    public var channel: Channel
    public var staffOverride: Bool
    public var contact: Contact
    public var note: String?
    /// What to bring: the documents of every booked service, without repeats.
    public var documents: [String]
    /// Where to go: the place of the opening rule the start falls in, else
    /// the office's (`OfficeSetup.location(at:)`), resolved from the
    /// catalogue of the moment like `documents` wherever a booking is read,
    /// made or moved; nil only for an office the catalogue no longer has.
    public var location: Location?
    public var createdAt: Instant
    public var createdBy: String?
    /// A booking made waiting for its double opt-in: the instant it lapses
    /// unless confirmed. Cleared once confirmed or cancelled, kept once it
    /// lapsed (`Booking+OptIn`).
    public var confirmBy: Instant? = nil
    /// When its personal data was erased (`Erasure`): the contact is
    /// empty, the note gone; what the statistics need is left.
    public var erasedAt: Instant? = nil

    /// Whether its personal data was erased (retention or the citizen's request).
    public var isErased: Bool { erasedAt != nil }
}

/// A booking just made: the appointment and its manage token, which exists
/// in plain text only here, on its way to the one response that shows it.
public struct BookingConfirmation: Hashable, Sendable {
    public let booking: Booking
    public let manageToken: String
}

/// Capacity kept for someone filling in the form.
public struct Hold: Hashable, Sendable {
    public let id: String
    public let officeId: OfficeID
    public let start: Instant
    public let end: Instant
    public let expiresAt: Instant
}
