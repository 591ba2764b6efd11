import Scheduling

/// A Rückrufbitte: a caller the agent could not help wants the responsible
/// clerk to call back. It carries the topic and what the agent learnt, so
/// the clerk does not have to ask again.
public struct CallbackRequest: Hashable, Sendable {
    public let id: String
    public var status: CallCentreItemStatus
    public let officeId: OfficeID
    public let serviceId: ServiceID?
    public let name: String
    public let phone: String
    public let topic: String
    public let note: String
    public let preferredTime: PreferredTime?
    /// The username of the agent who took the call.
    public let createdBy: String
    public let createdAt: Instant
    public var completion: Completion?
    /// When the retention sweep erased what it said of the caller (name,
    /// phone, topic and notes are empty since); nil while they are kept.
    public var erasedAt: Instant? = nil
}

/// What an agent writes down for a callback.
public struct CallbackOrder: Sendable, Hashable {
    public var officeId: OfficeID
    public var serviceId: ServiceID?
    public var name: String
    public var phone: String
    public var topic: String
    public var note: String
    public var preferredTime: PreferredTime?

    public init(officeId: OfficeID, serviceId: ServiceID? = nil, name: String, phone: String, topic: String, note: String,
                preferredTime: PreferredTime? = nil) {
        self.officeId = officeId
        self.serviceId = serviceId
        self.name = name
        self.phone = phone
        self.topic = topic
        self.note = note
        self.preferredTime = preferredTime
    }
}

/// When the caller would like to be called back: a window of two instants.
/// A window rather than free text, so the office can sort its callbacks by
/// it and an agent cannot write "tomorrow" that means nothing next week.
public struct PreferredTime: Hashable, Sendable {
    public let from: Instant
    public let to: Instant

    public init(from: Instant, to: Instant) {
        self.from = from
        self.to = to
    }

    /// The furthest ahead a window may end: callbacks are for the next weeks.
    public static let maximumDaysAhead = 60
}

/// Open until a clerk has dealt with it.
public enum CallCentreItemStatus: String, CaseIterable, Sendable {
    case open, done
}

/// Who closed a callback or memo, when, and what they noted.
public struct Completion: Hashable, Sendable {
    public let doneBy: String
    public let doneAt: Instant
    public let note: String?

    public init(doneBy: String, doneAt: Instant, note: String?) {
        self.doneBy = doneBy
        self.doneAt = doneAt
        self.note = note
    }
}
