import Scheduling
import SQLite

/// Writes catalogue rows: the demo seed, the bench setup, catalogue imports and later the
/// admin's edits. Runs inside a write transaction the caller owns.
public struct CatalogueWriter {
    let db: Connection

    public init(_ db: Connection) { self.db = db }

    public func insert(_ municipality: Municipality) throws {
        try db.run("INSERT INTO municipalities(id, name) VALUES (?, ?)", [municipality.id, municipality.name])
    }

    public func insert(_ office: Office, policy: BookingPolicy, observesPublicHolidays: Bool = true) throws {
        try db.run("""
            INSERT INTO offices(id, municipality_id, name, kind, street, postal_code, city, land, time_zone,
                observes_public_holidays, min_notice_minutes, horizon_days, release_time, hold_minutes,
                cancel_cooldown_minutes, max_active_bookings_per_contact, phone_release_hours, max_live_holds,
                max_holds_per_window, hold_window_minutes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [office.id, office.municipalityId, office.name, office.kind.rawValue, office.address.street,
                  office.address.postalCode, office.address.city, office.land.rawValue, office.timeZoneId,
                  observesPublicHolidays, policy.minNoticeMinutes, policy.horizonDays, policy.releaseTime.description,
                  policy.holdMinutes, policy.cancelCooldownMinutes, policy.maxActiveBookingsPerContact,
                  policy.phoneReleaseHours, policy.maxLiveHolds, policy.maxHoldsPerWindow, policy.holdWindowMinutes])
    }

    public func insert(_ service: Service) throws {
        try db.run("""
            INSERT INTO services(id, name, description, base_minutes, minutes_per_extra_unit, max_quantity, fee_cents)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [service.id, service.name, service.description, service.baseMinutes, service.minutesPerExtraUnit,
                  service.maxQuantity, service.feeCents])
        for (position, text) in service.documents.enumerated() {
            try db.run("INSERT INTO service_documents(service_id, position, text) VALUES (?, ?, ?)", [service.id, position, text])
        }
        for (language, translation) in service.translations.sorted(by: { $0.key < $1.key }) {
            try db.run("INSERT INTO service_translations(service_id, language, name, description) VALUES (?, ?, ?, ?)",
                       [service.id, language, translation.name, translation.description])
            for (position, text) in (translation.documents ?? []).enumerated() {
                try db.run("INSERT INTO service_translated_documents(service_id, language, position, text) VALUES (?, ?, ?, ?)",
                           [service.id, language, position, text])
            }
        }
    }

    public func offer(_ serviceId: ServiceID, at officeId: OfficeID, channels: Set<Channel> = Set(Channel.allCases)) throws {
        try db.run("INSERT INTO office_services(office_id, service_id, channels) VALUES (?, ?, ?)",
                   [officeId, serviceId, channels.map(\.rawValue).sorted().joined(separator: ",")])
    }

    public func insert(_ rule: OpeningRule) throws {
        var share: Double?
        var walkInCounters: Int?
        switch rule.walkInReserve {
        case .share(let value): share = value
        case .counters(let value): walkInCounters = value
        }
        let weekdays = rule.weekdays.sorted { $0.isoNumber < $1.isoNumber }.map(\.rawValue).joined(separator: ",")
        try db.run("""
            INSERT INTO opening_rules(id, office_id, weekdays, band_start, band_end, valid_from, valid_until,
                repeat_every_weeks, counters, slot_minutes, walk_in_share, walk_in_counters, kind, service_ids, phone_reserve,
                location_name, location_street, location_postal_code, location_city)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [rule.id, rule.officeId, weekdays, rule.band.start.description, rule.band.end.description,
                  rule.validFrom?.description, rule.validUntil?.description, rule.repeatEveryWeeks, rule.counters,
                  rule.slotMinutes, share, walkInCounters, rule.kind.rawValue,
                  rule.serviceIds.map { $0.sorted().map(\.rawValue).joined(separator: ",") }, rule.phoneReserve,
                  rule.location?.name, rule.location?.address.street, rule.location?.address.postalCode,
                  rule.location?.address.city])
    }

    public func insert(_ closure: Closure) throws {
        try db.run("""
            INSERT INTO closures(id, office_id, from_date, through_date, band_start, band_end, reason)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [closure.id, closure.officeId, closure.from.description, closure.through.description,
                  closure.band?.start.description, closure.band?.end.description, closure.reason])
    }

    // MARK: Saving what may exist already (an import)

    public func save(_ municipality: Municipality) throws {
        try db.run("INSERT INTO municipalities(id, name) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name",
                   [municipality.id, municipality.name])
    }

    /// Inserts or updates the office in place: bookings and accounts keep naming it.
    public func save(_ office: Office, policy: BookingPolicy, observesPublicHolidays: Bool) throws {
        guard try db.query("SELECT 1 FROM offices WHERE id = ?", [office.id]).isEmpty else {
            try db.run("""
                UPDATE offices SET municipality_id = ?, name = ?, kind = ?, street = ?, postal_code = ?, city = ?, land = ?,
                    time_zone = ?, observes_public_holidays = ?, min_notice_minutes = ?, horizon_days = ?, release_time = ?,
                    hold_minutes = ?, cancel_cooldown_minutes = ?, max_active_bookings_per_contact = ?, phone_release_hours = ?,
                    max_live_holds = ?, max_holds_per_window = ?, hold_window_minutes = ?
                WHERE id = ?
                """, [office.municipalityId, office.name, office.kind.rawValue, office.address.street,
                      office.address.postalCode, office.address.city, office.land.rawValue, office.timeZoneId,
                      observesPublicHolidays, policy.minNoticeMinutes, policy.horizonDays, policy.releaseTime.description,
                      policy.holdMinutes, policy.cancelCooldownMinutes, policy.maxActiveBookingsPerContact,
                      policy.phoneReleaseHours, policy.maxLiveHolds, policy.maxHoldsPerWindow, policy.holdWindowMinutes,
                      office.id])
            return
        }
        try insert(office, policy: policy, observesPublicHolidays: observesPublicHolidays)
    }

    /// Inserts or updates the service in place, its documents replaced.
    public func save(_ service: Service) throws {
        guard try db.query("SELECT 1 FROM services WHERE id = ?", [service.id]).isEmpty else {
            try db.run("""
                UPDATE services SET name = ?, description = ?, base_minutes = ?, minutes_per_extra_unit = ?, max_quantity = ?,
                    fee_cents = ? WHERE id = ?
                """, [service.name, service.description, service.baseMinutes, service.minutesPerExtraUnit, service.maxQuantity,
                      service.feeCents, service.id])
            try db.run("DELETE FROM service_documents WHERE service_id = ?", [service.id])
            for (position, text) in service.documents.enumerated() {
                try db.run("INSERT INTO service_documents(service_id, position, text) VALUES (?, ?, ?)", [service.id, position, text])
            }
            return
        }
        try insert(service)
    }
}
