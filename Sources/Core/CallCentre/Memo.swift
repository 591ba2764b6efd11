import Scheduling

/// A Vermerk: a note an agent leaves for an office to process further, when
/// no callback is needed (a changed address to check, a complaint, a hint).
public struct Memo: Hashable, Sendable {
    public let id: String
    public var status: CallCentreItemStatus
    public let officeId: OfficeID
    public let subject: String
    public let text: String
    /// How to reach the citizen, if the office may need to (free text).
    public let contact: String?
    public let createdBy: String
    public let createdAt: Instant
    public var completion: Completion?
    /// When the retention sweep erased its subject, text and contact (empty
    /// since); nil while they are kept.
    public var erasedAt: Instant? = nil
}

/// What an agent writes down for a memo.
public struct MemoOrder: Sendable, Hashable {
    public var officeId: OfficeID
    public var subject: String
    public var text: String
    public var contact: String?

    public init(officeId: OfficeID, subject: String, text: String, contact: String? = nil) {
        self.officeId = officeId
        self.subject = subject
        self.text = text
        self.contact = contact
    }
}

/// Why the call centre could not do what was asked.
public enum CallCentreError: Error, Hashable, Sendable {
    /// The account may not file for, or close items of, this office.
    case notAllowed(officeId: OfficeID)
    /// No callback or memo with this id.
    case notFound
    /// It was closed already (by `doneBy`).
    case alreadyDone(doneBy: String)
    /// Values the office could not work with, every one of them at once.
    case invalid([FieldProblem])
}

/// One wrong value and the path of the field it came from (`preferredTime.to`).
public struct FieldProblem: Hashable, Sendable {
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}
