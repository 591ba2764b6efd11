import Scheduling
import SQLite

/// Writes catalogue rows: catalogue imports (the demo's and the bench
/// office's files among them), the admin's edits, closures and tests'
/// set-ups. Runs inside a write transaction the caller owns.
public struct CatalogueWriter {
    let db: Connection

    public init(_ db: Connection) { self.db = db }

    public func insert(_ municipality: Municipality) throws {
        try db.run(Self.insertMunicipality, Self.columns(municipality))
    }

    public func insert(_ office: Office, policy: BookingPolicy, observesPublicHolidays: Bool = true) throws {
        try db.run(Self.insertOffice, Self.columns(office, policy: policy, observesPublicHolidays: observesPublicHolidays))
    }

    public func insert(_ service: Service) throws {
        try db.run(Self.insertService, Self.columns(service))
        try insertTexts(of: service)
    }

    /// The documents and translations of a service, in their positions.
    private func insertTexts(of service: Service) throws {
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

    /// Inserts or updates the municipality in place: offices and accounts keep naming it.
    public func save(_ municipality: Municipality) throws {
        try db.run(Self.insertMunicipality + Self.updateOnConflict(Self.municipalityColumns), Self.columns(municipality))
    }

    /// Inserts or updates the office in place: bookings and accounts keep naming it.
    public func save(_ office: Office, policy: BookingPolicy, observesPublicHolidays: Bool) throws {
        try db.run(Self.insertOffice + Self.updateOnConflict(Self.officeColumns),
                   Self.columns(office, policy: policy, observesPublicHolidays: observesPublicHolidays))
    }

    /// Inserts or updates the service in place, its documents and translations replaced.
    public func save(_ service: Service) throws {
        try db.run(Self.insertService + Self.updateOnConflict(Self.serviceColumns), Self.columns(service))
        try db.run("DELETE FROM service_documents WHERE service_id = ?", [service.id])
        try db.run("DELETE FROM service_translations WHERE service_id = ?", [service.id])
        try insertTexts(of: service)
    }

    // MARK: The columns of a row, once for inserting and saving

    private static let municipalityColumns = ["id", "name", "retention_days", "contact_operator", "contact_street",
                                              "contact_postal_code", "contact_city", "contact_email", "privacy_officer_name",
                                              "privacy_officer_email"]
    private static let insertMunicipality = insert(into: "municipalities", municipalityColumns)

    private static func columns(_ municipality: Municipality) -> StatementArguments {
        let contact = municipality.contact
        return [municipality.id, municipality.name, municipality.retentionDays, contact?.operatorName, contact?.address.street,
                contact?.address.postalCode, contact?.address.city, contact?.email, contact?.privacyOfficer.name,
                contact?.privacyOfficer.email]
    }

    private static let officeColumns = ["id", "municipality_id", "name", "kind", "street", "postal_code", "city", "land",
                                        "time_zone", "mailbox", "observes_public_holidays", "min_notice_minutes", "horizon_days",
                                        "release_time", "hold_minutes", "cancel_cooldown_minutes",
                                        "max_active_bookings_per_contact", "phone_release_hours", "max_live_holds",
                                        "max_holds_per_window", "hold_window_minutes", "confirmation_required",
                                        "confirmation_minutes", "reminder_hours"]
    private static let insertOffice = insert(into: "offices", officeColumns)

    private static func columns(_ office: Office, policy: BookingPolicy, observesPublicHolidays: Bool) -> StatementArguments {
        [office.id, office.municipalityId, office.name, office.kind.rawValue, office.address.street, office.address.postalCode,
         office.address.city, office.land.rawValue, office.timeZoneId, office.mailbox, observesPublicHolidays,
         policy.minNoticeMinutes, policy.horizonDays, policy.releaseTime.description, policy.holdMinutes,
         policy.cancelCooldownMinutes, policy.maxActiveBookingsPerContact, policy.phoneReleaseHours, policy.maxLiveHolds,
         policy.maxHoldsPerWindow, policy.holdWindowMinutes, policy.confirmationRequired, policy.confirmationMinutes,
         policy.reminderHours]
    }

    private static let serviceColumns = ["id", "name", "description", "base_minutes", "minutes_per_extra_unit", "max_quantity",
                                         "fee_cents", "leika_key"]
    private static let insertService = insert(into: "services", serviceColumns)

    private static func columns(_ service: Service) -> StatementArguments {
        [service.id, service.name, service.description, service.baseMinutes, service.minutesPerExtraUnit, service.maxQuantity,
         service.feeCents, service.leikaKey]
    }

    private static func insert(into table: String, _ columns: [String]) -> String {
        "INSERT INTO \(table)(\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
    }

    /// Updates the row in place on its id (never `REPLACE`, which would
    /// delete it and what cascades from it).
    private static func updateOnConflict(_ columns: [String]) -> String {
        " ON CONFLICT(id) DO UPDATE SET " + columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
    }
}
