@testable import Scheduling

/// Independent re-statements of the allocator's rules, written from
/// docs/architecture.md without the planner's code paths: local wall-clock arithmetic,
/// naive week counting, direct closure and holiday look-ups.
enum Oracle {
    /// The latest bookable date at `now`, from the policy's words.
    static func latestDate(_ policy: BookingPolicy, now: Instant, zone: TimeZoneRules) -> LocalDate {
        let local = zone.localDateTime(of: now)
        let releasedToday = local.secondsIntoDay >= policy.releaseTime.minutesSinceMidnight * 60
        return local.date.adding(days: releasedToday ? policy.horizonDays : policy.horizonDays - 1)
    }

    static func naiveApplies(_ rule: OpeningRule, on date: LocalDate) -> Bool {
        guard rule.weekdays.contains(date.weekday) else { return false }
        if let from = rule.validFrom, date < from { return false }
        if let until = rule.validUntil, date > until { return false }
        if rule.repeatEveryWeeks <= 1 { return true }
        var anchor = rule.validFrom ?? LocalDate(year: 1970, month: 1, day: 5)!
        while anchor.weekday != .monday { anchor = anchor.adding(days: -1) }
        var monday = date
        while monday.weekday != .monday { monday = monday.adding(days: -1) }
        var weeks = 0
        var cursor = anchor
        // Step week by week in whichever direction reaches `monday`.
        while cursor < monday { cursor = cursor.adding(days: 7); weeks += 1 }
        while cursor > monday { cursor = cursor.adding(days: -7); weeks -= 1 }
        return weeks % rule.repeatEveryWeeks == 0
    }

    /// The rules the planner should use on `date`: in force, usable, and not
    /// overlapped by one accepted before (earlier start, then smaller id).
    static func effectiveRules(_ setup: OfficeSetup, on date: LocalDate) -> [OpeningRule] {
        var accepted: [OpeningRule] = []
        let candidates = setup.rules.filter { naiveApplies($0, on: date) }
            .sorted { ($0.band.start.minutesSinceMidnight, $0.id) < ($1.band.start.minutesSinceMidnight, $1.id) }
        for rule in candidates {
            let usable = rule.counters > 0 && rule.slotMinutes > 0 && rule.band.minutes >= rule.slotMinutes
            let overlapping = accepted.contains {
                $0.band.start.minutesSinceMidnight < rule.band.end.minutesSinceMidnight
                    && rule.band.start.minutesSinceMidnight < $0.band.end.minutesSinceMidnight
            }
            if usable && !overlapping { accepted.append(rule) }
        }
        return accepted
    }

    /// Why a successful placement breaks invariant 4 or 5; nil when it does not.
    static func violation(of placement: Placement, request: BookingRequest, now: Instant, setup: OfficeSetup) -> String? {
        let zone = setup.timeZone
        let policy = setup.policy
        // Invariant 4: the booking window.
        if placement.start < now.adding(minutes: policy.minNoticeMinutes) { return "inside the minimum notice" }
        let date = zone.localDate(of: placement.start)
        if date != placement.date { return "placement date \(placement.date) is not the start's date \(date)" }
        if date > latestDate(policy, now: now, zone: zone) { return "beyond the horizon" }
        // Invariant 4: channels and services.
        for line in request.services {
            guard let service = setup.service(line.serviceId) else { return "unknown service \(line.serviceId)" }
            if !setup.channels(for: line.serviceId).contains(request.channel) { return "channel not allowed" }
            if !(1...max(1, service.maxQuantity)).contains(line.quantity) { return "quantity out of range" }
        }
        if placement.usesOverride && !(request.staffOverride && request.channel == .desk) { return "override without desk flag" }
        // Invariant 4: holidays and closures.
        if setup.observesPublicHolidays, let holiday = PublicHolidays.holiday(on: date, in: setup.office.land) {
            return "booked on \(holiday.name)"
        }
        // Invariants 4 and 5: one band of one rule, on its grid, back to back.
        guard let rule = effectiveRules(setup, on: date).first(where: { $0.id == placement.bandId }) else {
            return "no effective rule \(placement.bandId) on \(date)"
        }
        if !rule.serves(request.services.map(\.serviceId)) { return "rule does not serve these services" }
        if rule.kind == .walkInOnly && !placement.usesOverride { return "booked into a walk-in-only band" }
        let minutes = request.services.reduce(0) { sum, line in
            sum + setup.service(line.serviceId)!.baseMinutes + (line.quantity - 1) * setup.service(line.serviceId)!.minutesPerExtraUnit
        }
        let expectedSlots = max(1, Int((Double(minutes) / Double(rule.slotMinutes)).rounded(.up)))
        if placement.slotCount != expectedSlots { return "\(placement.slotCount) slots, expected \(expectedSlots)" }
        if placement.serviceMinutes != minutes { return "service minutes \(placement.serviceMinutes) ≠ \(minutes)" }
        if placement.start != placement.slotStarts.first { return "start is not the first slot" }
        for (index, slotStart) in placement.slotStarts.enumerated() {
            let local = zone.localDateTime(of: slotStart)
            let minute = local.secondsIntoDay / 60
            if local.date != date || local.secondsIntoDay % 60 != 0 { return "slot \(index) not on the day's minute grid" }
            if zone.instants(on: date, at: LocalTime(minutesSinceMidnight: minute)!).first != slotStart {
                return "slot \(index) is not the first occurrence of its wall-clock time"
            }
            let offset = minute - rule.band.start.minutesSinceMidnight
            if offset < 0 || offset % rule.slotMinutes != 0 || minute + rule.slotMinutes > rule.band.end.minutesSinceMidnight {
                return "slot \(index) at \(LocalTime(minutesSinceMidnight: minute)!) is not a slot of band \(rule.band)"
            }
            if index > 0 && slotStart != placement.slotStarts[index - 1].adding(minutes: rule.slotMinutes) {
                return "slot \(index) does not follow slot \(index - 1) directly"
            }
            for closure in setup.closures where closure.covers(date) {
                guard let band = closure.band else { return "booked on whole-day closure \(closure.id)" }
                if band.start.minutesSinceMidnight < minute + rule.slotMinutes && minute < band.end.minutesSinceMidnight {
                    return "slot \(index) inside closure \(closure.id)"
                }
            }
        }
        if placement.end != placement.slotStarts.last!.adding(minutes: rule.slotMinutes) { return "end is not the end of the last slot" }
        return nil
    }
}
