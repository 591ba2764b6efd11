import Scheduling

extension RuleProblem {
    /// The rule's field the problem is about, as the catalogue file names
    /// it, and what to tell the admin; nil field for the rule as a whole.
    public var field: String? {
        switch self {
        case .noWeekdays: "weekdays"
        case .slotMinutesNotPositive, .bandShorterThanSlot, .bandNotMultipleOfSlot: "slotMinutes"
        case .countersNotPositive: "counters"
        case .walkInReserveOutOfRange: "walkInReserve"
        case .phoneReserveExceedsBookable: "phoneReserve"
        case .repeatEveryWeeksNotPositive: "repeatEveryWeeks"
        case .repeatWithoutValidFrom: "validFrom"
        case .validUntilBeforeValidFrom: "validUntil"
        case .locationIncomplete: "location"
        case .overlaps: nil
        }
    }

    public var message: String {
        switch self {
        case .noWeekdays: "names no weekday"
        case .slotMinutesNotPositive: "must be positive"
        case .bandShorterThanSlot: "is longer than the band"
        case .bandNotMultipleOfSlot: "does not divide the band"
        case .countersNotPositive: "must be positive"
        case .walkInReserveOutOfRange: "must be a share from 0 to 1 or from 0 to the counters"
        case .phoneReserveExceedsBookable: "must be from 0 to the bookable counters"
        case .repeatEveryWeeksNotPositive: "must be positive"
        case .repeatWithoutValidFrom: "is required when the rule repeats every few weeks: it is the week the cycle counts from"
        case .validUntilBeforeValidFrom: "is before validFrom"
        case .locationIncomplete: "needs a name, street, postal code and city, none of them blank"
        case .overlaps(let ruleId, let firstDate?): "overlaps rule \(ruleId), first on \(firstDate)"
        case .overlaps(let ruleId, nil): "overlaps rule \(ruleId): both are open at the same time on a weekday"
        }
    }
}
