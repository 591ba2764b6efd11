import Scheduling

/// What staff ask for when they close an office or change its counters,
/// before it is checked. `issues(today:)` says everything wrong at once;
/// the API answers them as a 422, the pages next to their fields.
public struct ClosureDraft: Sendable {
    public var officeId: OfficeID
    public var from: LocalDate
    public var through: LocalDate
    public var band: TimeBand?
    public var reason: String

    public init(officeId: OfficeID, from: LocalDate, through: LocalDate? = nil, band: TimeBand? = nil, reason: String) {
        self.officeId = officeId
        self.from = from
        self.through = through ?? from
        self.band = band
        self.reason = reason
    }

    public func issues(today: LocalDate) -> [OfficeChangeIssue] {
        var found = OfficeChangeIssue.dateIssues("from", from, today: today)
        // A one-day closure's `through` is its `from`: one message is enough.
        if through != from { found += OfficeChangeIssue.dateIssues("through", through, today: today) }
        if through < from { found.append(OfficeChangeIssue(field: "through", kind: .throughBeforeFrom)) }
        if from.days(until: through) > OfficeChangeIssue.longestClosureDays {
            found.append(OfficeChangeIssue(field: "through", kind: .rangeTooLong))
        }
        found += OfficeChangeIssue.reasonIssues(reason, required: true)
        return found
    }
}

/// Changed counters on one day, or on every opening day from `date`
/// through `through`.
public struct CapacityChangeDraft: Sendable {
    public var officeId: OfficeID
    public var date: LocalDate
    /// The last day; `date` for a one-day change.
    public var through: LocalDate
    public var band: TimeBand?
    public var counters: Int
    public var reason: String

    public init(officeId: OfficeID, date: LocalDate, through: LocalDate? = nil, band: TimeBand? = nil, counters: Int,
                reason: String = "") {
        self.officeId = officeId
        self.date = date
        self.through = through ?? date
        self.band = band
        self.counters = counters
        self.reason = reason
    }

    /// The days from `date` through `through`, both included.
    public var days: [LocalDate] { date <= through ? (0...date.days(until: through)).map { date.adding(days: $0) } : [] }

    /// `horizonDays`: the office's booking horizon, the longest range — a
    /// longer one changes days nobody can book yet, most likely a typo.
    public func issues(today: LocalDate, horizonDays: Int) -> [OfficeChangeIssue] {
        var found = OfficeChangeIssue.dateIssues("date", date, today: today)
        // A one-day change's `through` is its `date`: one message is enough.
        if through != date { found += OfficeChangeIssue.dateIssues("through", through, today: today) }
        if through < date { found.append(OfficeChangeIssue(field: "through", kind: .throughBeforeFrom)) }
        if date.days(until: through) >= max(1, horizonDays) {
            found.append(OfficeChangeIssue(field: "through", kind: .rangeBeyondHorizon))
        }
        if !OfficeChangeIssue.counterRange.contains(counters) { found.append(OfficeChangeIssue(field: "counters", kind: .countersOutOfRange)) }
        found += OfficeChangeIssue.reasonIssues(reason, required: false)
        return found
    }
}

/// One thing wrong with a draft: the field and a kind that pages turn into
/// their language and the API into its English message.
public struct OfficeChangeIssue: Sendable, Hashable {
    public enum Kind: String, Sendable {
        case dateInPast, dateTooFarAhead, throughBeforeFrom, rangeTooLong, reasonMissing, reasonTooLong, reasonInvalid
        case countersOutOfRange, rangeBeyondHorizon, noOpeningDay
        case timeMissing, timeInvalid, timesInverted
    }

    public let field: String
    public let kind: Kind

    public init(field: String, kind: Kind) {
        self.field = field
        self.kind = kind
    }

    /// Changes reach no further than two years ahead: the booking horizon
    /// is weeks, so anything further is a typo in the year.
    public static let daysAhead = 730
    public static let longestClosureDays = 366
    public static let counterRange = 0...999
    public static let reasonMaxLength = 200

    public var englishMessage: String {
        switch kind {
        case .dateInPast: "must not be in the past"
        case .dateTooFarAhead: "must be at most \(Self.daysAhead) days ahead"
        case .throughBeforeFrom: "must not be before the first day"
        case .rangeTooLong: "a closure spans at most \(Self.longestClosureDays + 1) days"
        case .reasonMissing: "is required"
        case .reasonTooLong: "must be at most \(Self.reasonMaxLength) characters long"
        case .reasonInvalid: "must be one line, without control, invisible or formatting characters"
        case .rangeBeyondHorizon: "must be within the office's booking horizon of the first day"
        case .noOpeningDay: "the office has no opening day in this range"
        case .countersOutOfRange: "must be a whole number from \(Self.counterRange.lowerBound) to \(Self.counterRange.upperBound)"
        case .timeMissing: "is required when the other time is given"
        case .timeInvalid: "must be a time like 09:30"
        case .timesInverted: "must be after the start time"
        }
    }

    static func dateIssues(_ field: String, _ date: LocalDate, today: LocalDate) -> [OfficeChangeIssue] {
        if date < today { return [OfficeChangeIssue(field: field, kind: .dateInPast)] }
        if today.days(until: date) > daysAhead { return [OfficeChangeIssue(field: field, kind: .dateTooFarAhead)] }
        return []
    }

    static func reasonIssues(_ reason: String, required: Bool) -> [OfficeChangeIssue] {
        if required && reason.allSatisfy(\.isWhitespace) { return [OfficeChangeIssue(field: "reason", kind: .reasonMissing)] }
        if reason.unicodeScalars.count > reasonMaxLength { return [OfficeChangeIssue(field: "reason", kind: .reasonTooLong)] }
        // Citizens read it ("closed: …"), staff in lists and exports.
        if FieldText.problemInLine(reason) != nil { return [OfficeChangeIssue(field: "reason", kind: .reasonInvalid)] }
        return []
    }

    /// An optional band from two optional `HH:MM` texts: both or neither.
    public static func band(from start: String?, to end: String?, issues: inout [OfficeChangeIssue],
                            fields: (String, String) = ("fromTime", "toTime")) -> TimeBand? {
        switch (start, end) {
        case (nil, nil): return nil
        case (nil, _): issues.append(OfficeChangeIssue(field: fields.0, kind: .timeMissing)); return nil
        case (_, nil): issues.append(OfficeChangeIssue(field: fields.1, kind: .timeMissing)); return nil
        case (let start?, let end?):
            let first = LocalTime(start), last = LocalTime(end)
            if first == nil { issues.append(OfficeChangeIssue(field: fields.0, kind: .timeInvalid)) }
            if last == nil { issues.append(OfficeChangeIssue(field: fields.1, kind: .timeInvalid)) }
            guard let first, let last else { return nil }
            guard let band = TimeBand(start: first, end: last) else {
                issues.append(OfficeChangeIssue(field: fields.1, kind: .timesInverted))
                return nil
            }
            return band
        }
    }
}
