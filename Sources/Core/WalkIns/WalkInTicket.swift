import Scheduling

/// A walk-in visitor's ticket (Wartenummer): its number of the office's
/// day, what they came for, when the desk will probably call them, and the
/// name they chose to give, if any.
public struct WalkInTicket: Hashable, Sendable {
    public enum Status: String, CaseIterable, Sendable {
        case waiting, called, done, noShow

        /// Waiting and called tickets keep their capacity; a ticket whose
        /// holder never came gives the rest of its run back.
        var occupiesCapacity: Bool { self != .noShow }
    }

    public let id: Int64
    public let officeId: OfficeID
    public let date: LocalDate
    /// 1, 2, 3 … per office and day; shown as `W-001`.
    public let number: Int
    public let services: [RequestedService]
    public let issuedAt: Instant
    public let start: Instant
    public let end: Instant
    public let estimatedCallAt: Instant
    public var status: Status
    public var calledAt: Instant?
    /// What the desk may call the visitor by (`WalkInName`), for the desk's
    /// eyes only: never on the waiting-room screen or the slip. Nil when
    /// none was given, and once erased at the end of the day.
    public var name: String? = nil

    /// `W-017`: what the visitor's slip and the waiting-room screen show.
    public var label: String { Self.label(number) }

    public static func label(_ number: Int) -> String {
        let digits = String(number)
        return "W-" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }

    /// The number of a label (`W-017`, `w17`, `17`), or nil.
    public static func number(parsing text: String) -> Int? {
        var rest = Substring(text)
        if rest.hasPrefix("W-") || rest.hasPrefix("w-") { rest = rest.dropFirst(2) }
        guard !rest.isEmpty, rest.count <= 6, rest.allSatisfy(\.isASCII), let value = Int(rest), value >= 1 else { return nil }
        return value
    }
}

/// The walk-in board of an office (`GET …/walk-in-status`).
public struct WalkInBoard: Sendable {
    public let officeId: OfficeID
    public let isOpen: Bool
    public let acceptingWalkIns: Bool
    /// Tickets issued today that have not been called yet.
    public let waiting: Int
    public let estimatedWaitMinutes: Int?
    public let nextAcceptingDate: LocalDate?
    /// The numbers last called, newest first (for the waiting-room screen).
    public let recentlyCalled: [String]
    public let stamp: AvailabilityStamp
}
