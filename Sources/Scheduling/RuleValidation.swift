/// What is wrong with an opening rule, for the admin form. The planner copes
/// with every one of these (it leaves such rules out, see
/// `CapacityPlan.ignoredRuleIds`), but an admin should hear about them when
/// saving, not when citizens find no slots.
public enum RuleProblem: Hashable, Sendable {
    case noWeekdays
    case slotMinutesNotPositive
    case bandShorterThanSlot
    /// The band's last partial slot is dropped.
    case bandNotMultipleOfSlot
    case countersNotPositive
    case walkInReserveOutOfRange
    case phoneReserveExceedsBookable
    case repeatEveryWeeksNotPositive
    /// A repeat cycle needs an anchor week the admin chose.
    case repeatWithoutValidFrom
    case validUntilBeforeValidFrom
    /// A location of its own with a blank name, street, postal code or
    /// city: citizens would be sent nowhere.
    case locationIncomplete
    /// Both rules apply on `firstDate` and their bands overlap; nil when
    /// neither has a start: they overlap from the beginning, every week.
    case overlaps(ruleId: String, firstDate: LocalDate?)
}

extension OpeningRule {
    /// Problems of this rule on its own.
    public var problems: [RuleProblem] {
        var found: [RuleProblem] = []
        if weekdays.isEmpty { found.append(.noWeekdays) }
        if slotMinutes <= 0 {
            found.append(.slotMinutesNotPositive)
        } else if band.minutes < slotMinutes {
            found.append(.bandShorterThanSlot)
        } else if band.minutes % slotMinutes != 0 {
            found.append(.bandNotMultipleOfSlot)
        }
        if counters <= 0 { found.append(.countersNotPositive) }
        switch walkInReserve {
        case .share(let share) where !(0...1).contains(share): found.append(.walkInReserveOutOfRange)
        case .counters(let reserved) where reserved < 0 || reserved > counters: found.append(.walkInReserveOutOfRange)
        default: break
        }
        if phoneReserve < 0 || phoneReserve > bookableCounters { found.append(.phoneReserveExceedsBookable) }
        if repeatEveryWeeks <= 0 { found.append(.repeatEveryWeeksNotPositive) }
        if repeatEveryWeeks > 1 && validFrom == nil { found.append(.repeatWithoutValidFrom) }
        if let validFrom, let validUntil, validUntil < validFrom { found.append(.validUntilBeforeValidFrom) }
        if let location, [location.name, location.address.street, location.address.postalCode, location.address.city]
            .contains(where: { $0.allSatisfy(\.isWhitespace) }) {
            found.append(.locationIncomplete)
        }
        return found
    }

    /// Problems of every rule of an office, overlaps included, keyed by rule id
    /// (rules without problems are absent).
    public static func problems(in rules: [OpeningRule]) -> [String: [RuleProblem]] {
        var result: [String: [RuleProblem]] = [:]
        for rule in rules where !rule.problems.isEmpty {
            result[rule.id, default: []].append(contentsOf: rule.problems)
        }
        for (i, a) in rules.enumerated() {
            for b in rules[(i + 1)...] where a.officeId == b.officeId {
                if let date = firstCommonDate(a, b) {
                    let first = a.validFrom == nil && b.validFrom == nil ? nil : date
                    result[a.id, default: []].append(.overlaps(ruleId: b.id, firstDate: first))
                    result[b.id, default: []].append(.overlaps(ruleId: a.id, firstDate: first))
                }
            }
        }
        return result
    }

    /// The first date on which both rules apply with overlapping bands. Repeat
    /// cycles make the pattern periodic with lcm(N₁, N₂) weeks, so one period
    /// from the later start date decides.
    public static func firstCommonDate(_ a: OpeningRule, _ b: OpeningRule) -> LocalDate? {
        guard a.band.overlaps(b.band), !a.weekdays.isDisjoint(with: b.weekdays),
              a.repeatEveryWeeks > 0, b.repeatEveryWeeks > 0 else { return nil }
        let starts = [a.validFrom, b.validFrom].compactMap { $0 }
        let start = starts.max() ?? defaultAnchor
        let period = lcm(a.repeatEveryWeeks, b.repeatEveryWeeks) * 7 + 7
        var last = start.adding(days: period)
        for until in [a.validUntil, b.validUntil].compactMap({ $0 }) where until < last { last = until }
        var date = start
        while date <= last {
            if a.applies(on: date) && b.applies(on: date) { return date }
            date = date.adding(days: 1)
        }
        return nil
    }

    private static func lcm(_ a: Int, _ b: Int) -> Int {
        func gcd(_ x: Int, _ y: Int) -> Int { y == 0 ? x : gcd(y, x % y) }
        return a / gcd(a, b) * b
    }
}
