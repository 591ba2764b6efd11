extension CapacityPlan {
    /// The plan of `date` for the office of `setup`; see `CapacityPlan` for
    /// how DST days and overlapping rules are handled.
    public init(for date: LocalDate, setup: OfficeSetup) {
        let zone = setup.timeZone
        let closures = setup.closures.filter { $0.covers(date) }
        let changes = setup.capacityChanges.filter { $0.date == date }
        let holiday = setup.observesPublicHolidays ? PublicHolidays.holiday(on: date, in: setup.office.land) : nil
        let dayClosure = holiday?.name ?? closures.first(where: \.isWholeDay)?.reason

        var ignored: [String] = []
        var accepted: [OpeningRule] = []
        let inForce = setup.rules
            .filter { $0.applies(on: date) }
            .sorted { ($0.band.start, $0.id) < ($1.band.start, $1.id) }
        for rule in inForce {
            if !Self.isUsable(rule) || accepted.contains(where: { $0.band.overlaps(rule.band) }) {
                ignored.append(rule.id)
            } else {
                accepted.append(rule)
            }
        }

        var slots: [Slot] = []
        var bands: [Band] = []
        var previousEnd: Instant?
        for rule in accepted {
            let first = slots.count
            let step = rule.slotMinutes
            var minute = rule.band.start.minutesSinceMidnight
            while minute + step <= rule.band.end.minutesSinceMidnight {
                defer { minute += step }
                // First occurrence only: nil inside the spring gap, summer
                // time in the repeated autumn hour. Keeps slots in time order.
                guard let start = zone.instant(on: date, at: LocalTime(uncheckedMinutes: minute)) else { continue }
                if let previousEnd, start < previousEnd { continue }
                let end = start.adding(minutes: step)
                let endLocal = zone.localDateTime(of: end)
                let localEnd = endLocal.date > date ? LocalTime.endOfDay : endLocal.time
                let reason = dayClosure
                    ?? closures.first(where: { $0.closes(date, minutes: minute, minute + step) })?.reason
                let staffed = rule.changed(by: CapacityChange.deciding(changes, on: date, minutes: minute, minute + step))
                slots.append(Slot(
                    start: start, end: end,
                    localStart: LocalTime(uncheckedMinutes: minute), localEnd: localEnd,
                    bandId: rule.id, total: staffed.counters, walkIn: staffed.walkInCounters,
                    phoneReserve: staffed.phoneReserveCounters, closure: reason))
                previousEnd = end
            }
            guard slots.count > first else { continue }
            bands.append(Band(id: rule.id, kind: rule.kind, slotMinutes: step, serviceIds: rule.serviceIds,
                              localBand: rule.band, slotRange: first..<slots.count))
        }

        self.init(officeId: setup.office.id, date: date, slots: slots, bands: bands,
                  closure: dayClosure, ignoredRuleIds: ignored)
    }

    /// Rules with values no slot can come from; `OpeningRule.problems`
    /// explains them to the admin, the planner just leaves them out.
    static func isUsable(_ rule: OpeningRule) -> Bool {
        rule.slotMinutes > 0 && rule.counters > 0 && rule.repeatEveryWeeks > 0
            && rule.band.minutes >= rule.slotMinutes
    }
}
