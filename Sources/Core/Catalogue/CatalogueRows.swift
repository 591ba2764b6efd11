import Scheduling
import SQLite

/// Reads the catalogue tables into domain values. Rows that the domain
/// refuses (an unknown Land, an inverted band) stop the load with an error
/// that names the row: a broken catalogue must be fixed, not half-served.
enum CatalogueRows {
    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    static func load(_ db: Connection) throws -> Catalogue {
        let municipalities = try db.query("SELECT * FROM municipalities ORDER BY name").map(municipality)
        var documents: [ServiceID: [String]] = [:]
        for row in try db.query("SELECT service_id, text FROM service_documents ORDER BY service_id, position") {
            documents[try row["service_id"], default: []].append(try row["text"])
        }
        let translations = try serviceTranslations(db)
        let services = try db.query("SELECT * FROM services ORDER BY name").map { row in
            let id: ServiceID = try row["id"]
            return Service(id: id, name: try row["name"], description: try row["description"],
                           baseMinutes: try row["base_minutes"], minutesPerExtraUnit: try row["minutes_per_extra_unit"],
                           maxQuantity: try row["max_quantity"], feeCents: try row["fee_cents"], documents: documents[id] ?? [],
                           translations: translations[id] ?? [:], leikaKey: try row["leika_key"])
        }
        var offerings: [OfficeID: [ServiceOffering]] = [:]
        for row in try db.query("SELECT office_id, service_id, channels FROM office_services ORDER BY office_id, service_id") {
            let channels = try Set(list(row["channels"]).map { name -> Channel in
                guard let channel = Channel(rawValue: name) else { throw Invalid(description: "unknown channel \(name)") }
                return channel
            })
            offerings[try row["office_id"], default: []].append(ServiceOffering(serviceId: try row["service_id"], channels: channels))
        }
        var rules: [OfficeID: [OpeningRule]] = [:]
        for row in try db.query("SELECT * FROM opening_rules ORDER BY id") {
            let rule = try openingRule(row)
            rules[rule.officeId, default: []].append(rule)
        }
        var closures: [OfficeID: [Closure]] = [:]
        for row in try db.query("SELECT * FROM closures ORDER BY id") {
            let closure = try self.closure(row)
            closures[closure.officeId, default: []].append(closure)
        }
        let changes = try capacityChanges(db)
        var offices: [Office] = []
        var setups: [OfficeID: OfficeSetup] = [:]
        for row in try db.query("SELECT * FROM offices ORDER BY municipality_id, name") {
            let office = try self.office(row)
            offices.append(office)
            do {
                setups[office.id] = try OfficeSetup(
                    office: office, services: services, offerings: offerings[office.id] ?? [],
                    rules: rules[office.id] ?? [], closures: closures[office.id] ?? [], policy: try policy(row),
                    observesPublicHolidays: try row["observes_public_holidays"], capacityChanges: changes[office.id] ?? [])
            } catch {
                throw Invalid(description: "office \(office.id): \(error)")
            }
        }
        return Catalogue(municipalities: municipalities, offices: offices, services: services, setups: setups)
    }

    /// Each service's translations by language; a language without
    /// document rows keeps nil documents, read in German.
    static func serviceTranslations(_ db: Connection) throws -> [ServiceID: [String: ServiceTranslation]] {
        var documents: [ServiceID: [String: [String]]] = [:]
        for row in try db.query("""
            SELECT service_id, language, text FROM service_translated_documents ORDER BY service_id, language, position
            """) {
            documents[try row["service_id"], default: [:]][try row["language"], default: []].append(try row["text"])
        }
        var translations: [ServiceID: [String: ServiceTranslation]] = [:]
        for row in try db.query("SELECT service_id, language, name, description FROM service_translations") {
            let id: ServiceID = try row["service_id"]
            let language: String = try row["language"]
            translations[id, default: [:]][language] = ServiceTranslation(
                name: try row["name"], description: try row["description"], documents: documents[id]?[language])
        }
        return translations
    }

    static func office(_ row: Row) throws -> Office {
        let id: OfficeID = try row["id"]
        let kindName: String = try row["kind"]
        let landName: String = try row["land"]
        guard let kind = OfficeKind(rawValue: kindName) else { throw Invalid(description: "office \(id): kind \(kindName)") }
        guard let land = Land(rawValue: landName) else { throw Invalid(description: "office \(id): Land \(landName)") }
        return Office(id: id, name: try row["name"], kind: kind, municipalityId: try row["municipality_id"],
                      address: Address(street: try row["street"], postalCode: try row["postal_code"], city: try row["city"]),
                      land: land, timeZoneId: try row["time_zone"], mailbox: try row["mailbox"])
    }

    static func municipality(_ row: Row) throws -> Municipality {
        let id: MunicipalityID = try row["id"]
        return Municipality(id: id, name: try row["name"], retentionDays: try row["retention_days"],
                            contact: try contact(row, municipality: id))
    }

    /// The legal pages' contact: every required column or none, as for a
    /// rule's location; only the privacy officer's name may be missing.
    private static func contact(_ row: Row, municipality: MunicipalityID) throws -> MunicipalityContact? {
        let operatorName: String? = try row["contact_operator"]
        let street: String? = try row["contact_street"]
        let postalCode: String? = try row["contact_postal_code"]
        let city: String? = try row["contact_city"]
        let email: String? = try row["contact_email"]
        let officerEmail: String? = try row["privacy_officer_email"]
        switch (operatorName, street, postalCode, city, email, officerEmail) {
        case (nil, nil, nil, nil, nil, nil): return nil
        case let (operatorName?, street?, postalCode?, city?, email?, officerEmail?):
            return MunicipalityContact(
                operatorName: operatorName, address: Address(street: street, postalCode: postalCode, city: city), email: email,
                privacyOfficer: MunicipalityContact.PrivacyOfficer(name: try row["privacy_officer_name"], email: officerEmail))
        default:
            throw Invalid(description: "municipality \(municipality): contact needs an operator, address, e-mail and privacy officer's e-mail")
        }
    }

    static func policy(_ row: Row) throws -> BookingPolicy {
        let release: String = try row["release_time"]
        guard let releaseTime = LocalTime(release) else { throw Invalid(description: "release_time \(release)") }
        return BookingPolicy(minNoticeMinutes: try row["min_notice_minutes"], horizonDays: try row["horizon_days"],
                             releaseTime: releaseTime, holdMinutes: try row["hold_minutes"],
                             cancelCooldownMinutes: try row["cancel_cooldown_minutes"],
                             maxActiveBookingsPerContact: try row["max_active_bookings_per_contact"],
                             phoneReleaseHours: try row["phone_release_hours"], maxLiveHolds: try row["max_live_holds"],
                             maxHoldsPerWindow: try row["max_holds_per_window"],
                             holdWindowMinutes: try row["hold_window_minutes"],
                             confirmationRequired: try row["confirmation_required"],
                             confirmationMinutes: try row["confirmation_minutes"], reminderHours: try row["reminder_hours"])
    }

    static func openingRule(_ row: Row) throws -> OpeningRule {
        let id: String = try row["id"]
        let weekdays = try Set(list(row["weekdays"]).map { name -> Weekday in
            guard let day = Weekday(rawValue: name) else { throw Invalid(description: "rule \(id): weekday \(name)") }
            return day
        })
        guard let band = TimeBand(try row["band_start"], try row["band_end"]) else {
            throw Invalid(description: "rule \(id): band")
        }
        let kindName: String = try row["kind"]
        guard let kind = OpeningRule.Kind(rawValue: kindName) else { throw Invalid(description: "rule \(id): kind \(kindName)") }
        let share: Double? = try row["walk_in_share"]
        let walkInCounters: Int? = try row["walk_in_counters"]
        let serviceIds: String? = try row["service_ids"]
        return OpeningRule(
            id: id, officeId: try row["office_id"], weekdays: weekdays, band: band,
            validFrom: try date(row["valid_from"], rule: id), validUntil: try date(row["valid_until"], rule: id),
            repeatEveryWeeks: try row["repeat_every_weeks"], counters: try row["counters"], slotMinutes: try row["slot_minutes"],
            walkInReserve: share.map { .share($0) } ?? .counters(walkInCounters ?? 0), kind: kind,
            serviceIds: serviceIds.map { Set(list($0).map { ServiceID($0) }) }, phoneReserve: try row["phone_reserve"],
            location: try location(row, rule: id))
    }

    /// A rule's own location: all four columns or none, since half an
    /// address would send citizens nowhere.
    private static func location(_ row: Row, rule: String) throws -> Location? {
        let name: String? = try row["location_name"]
        let street: String? = try row["location_street"]
        let postalCode: String? = try row["location_postal_code"]
        let city: String? = try row["location_city"]
        switch (name, street, postalCode, city) {
        case (nil, nil, nil, nil): return nil
        case let (name?, street?, postalCode?, city?):
            return Location(name: name, address: Address(street: street, postalCode: postalCode, city: city))
        default: throw Invalid(description: "rule \(rule): location needs a name, street, postal code and city")
        }
    }

    static func closure(_ row: Row) throws -> Closure {
        let id: String = try row["id"]
        guard let from = LocalDate(try row["from_date"] as String), let through = LocalDate(try row["through_date"] as String) else {
            throw Invalid(description: "closure \(id): dates")
        }
        let bandStart: String? = try row["band_start"]
        let bandEnd: String? = try row["band_end"]
        var band: TimeBand?
        if let bandStart, let bandEnd {
            guard let parsed = TimeBand(bandStart, bandEnd) else { throw Invalid(description: "closure \(id): band") }
            band = parsed
        }
        return Closure(id: id, officeId: try row["office_id"], from: from, through: through, band: band, reason: try row["reason"])
    }

    private static func date(_ text: String?, rule: String) throws -> LocalDate? {
        guard let text else { return nil }
        guard let date = LocalDate(text) else { throw Invalid(description: "rule \(rule): date \(text)") }
        return date
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
    }
}
