import Core
import Scheduling

/// Types, ranges and unknown keys, member by member; what needs the whole
/// document (ids, references, overlaps) is `CatalogueDocument.problems`.
extension CatalogueFile {
    static func document(_ file: JSONFields) -> CatalogueDocument {
        file.refuseUnknownKeys(["version", "municipalities", "services", "offices"])
        if !file.has("version") {
            file.fail("version", "is required")
        } else if let version = file.optionalInt("version"), version != Self.version {
            file.fail("version", "must be \(Self.version)")
        }
        return CatalogueDocument(
            municipalities: file.array("municipalities", required: false, municipality),
            services: file.array("services", required: false, service),
            offices: file.array("offices", required: false, office))
    }

    static func municipality(_ fields: JSONFields) -> Municipality {
        fields.refuseUnknownKeys(["id", "name", "retentionDays", "contact"])
        return Municipality(id: MunicipalityID(fields.string("id", format: .identifier)), name: fields.string("name", maxLength: 200),
                            retentionDays: fields.int("retentionDays", range: 1...365, default: Municipality.defaultRetentionDays),
                            contact: fields.optionalObject("contact", contact))
    }

    /// The legal pages' contact: the operator, its address and e-mail, and
    /// the privacy officer's e-mail are required; the officer's name is not.
    static func contact(_ fields: JSONFields) -> MunicipalityContact {
        fields.refuseUnknownKeys(["operator", "address", "email", "privacyOfficer"])
        return MunicipalityContact(operatorName: fields.string("operator", maxLength: 200), address: fields.object("address", address),
                                   email: email(fields), privacyOfficer: fields.object("privacyOfficer", privacyOfficer))
    }

    static func privacyOfficer(_ fields: JSONFields) -> MunicipalityContact.PrivacyOfficer {
        fields.refuseUnknownKeys(["name", "email"])
        return MunicipalityContact.PrivacyOfficer(name: fields.optionalString("name", minLength: 1, maxLength: 200), email: email(fields))
    }

    /// An `email` member, as long and of the form a booking's contact e-mail
    /// may be; whether it names a mailbox is `CatalogueDocument.problems`'.
    static func email(_ fields: JSONFields, _ name: String = "email") -> String {
        fields.string(name, maxLength: 254, format: .email)
    }

    static func service(_ fields: JSONFields) -> Service {
        fields.refuseUnknownKeys(["id", "name", "description", "baseMinutes", "minutesPerExtraUnit", "maxQuantity", "feeCents",
                                  "documents", "translations", "leikaKey"])
        return Service(
            id: ServiceID(fields.string("id", format: .identifier)), name: fields.string("name", maxLength: 200),
            description: fields.string("description", required: false, minLength: 0, maxLength: 2000),
            baseMinutes: fields.int("baseMinutes", range: 1...1440),
            minutesPerExtraUnit: fields.int("minutesPerExtraUnit", range: 0...1440, default: 0),
            maxQuantity: fields.int("maxQuantity", range: 1...99, default: 1),
            feeCents: fields.int("feeCents", range: 0...10_000_000, default: 0),
            documents: fields.stringArray("documents", required: false, maxLength: 500),
            translations: fields.optionalObject("translations", translations) ?? [:],
            leikaKey: fields.optionalString("leikaKey", format: .leikaKey))
    }

    /// A service's texts in other languages than German; English is the
    /// one the pages speak. A field left out is read in German.
    static func translations(_ fields: JSONFields) -> [String: ServiceTranslation] {
        fields.refuseUnknownKeys(["en"])
        return fields.optionalObject("en", translation).map { ["en": $0] } ?? [:]
    }

    static func translation(_ fields: JSONFields) -> ServiceTranslation {
        fields.refuseUnknownKeys(["name", "description", "documents"])
        return ServiceTranslation(
            name: fields.optionalString("name", minLength: 1, maxLength: 200),
            description: fields.optionalString("description", maxLength: 2000),
            // Present and empty means "nothing to bring", not "untranslated".
            documents: fields.has("documents") ? fields.stringArray("documents", maxLength: 500) : nil)
    }

    static func office(_ fields: JSONFields) -> CatalogueDocument.OfficeEntry {
        fields.refuseUnknownKeys(["id", "municipality", "name", "kind", "address", "land", "timeZone", "observesPublicHolidays",
                                  "mailbox", "policy", "services", "rules", "closures"])
        let id = OfficeID(fields.string("id", format: .identifier))
        let kind = fields.parsed("kind", message: "must be one of " + OfficeKind.allCases.map(\.rawValue).joined(separator: ", "),
                                 OfficeKind.init(rawValue:))
        let land = fields.parsed("land", message: "is no Land code (BW, BY, BE, … TH)", Land.init(rawValue:))
        let office = Office(
            id: id, name: fields.string("name", maxLength: 200), kind: kind ?? .citizensOffice,
            municipalityId: MunicipalityID(fields.string("municipality", format: .identifier)),
            address: fields.object("address", address),
            land: land ?? .bremen, timeZoneId: fields.optionalString("timeZone", minLength: 1, maxLength: 100) ?? "Europe/Berlin",
            mailbox: fields.has("mailbox") ? email(fields, "mailbox") : nil)
        return CatalogueDocument.OfficeEntry(
            office: office, policy: fields.optionalObject("policy", policy) ?? BookingPolicy(),
            observesPublicHolidays: fields.bool("observesPublicHolidays", default: true),
            offerings: fields.array("services", required: false, offering),
            rules: fields.array("rules", required: false) { rule($0, office: id) },
            closures: fields.array("closures", required: false) { closure($0, office: id) })
    }

    static func policy(_ fields: JSONFields) -> BookingPolicy {
        fields.refuseUnknownKeys(["minNoticeMinutes", "horizonDays", "releaseTime", "holdMinutes", "cancelCooldownMinutes",
                                  "maxActiveBookingsPerContact", "phoneReleaseHours", "maxLiveHolds", "maxHoldsPerWindow",
                                  "holdWindowMinutes", "confirmationRequired", "confirmationMinutes", "reminderHours"])
        let standard = BookingPolicy()
        return BookingPolicy(
            minNoticeMinutes: fields.int("minNoticeMinutes", range: 0...525_600, default: standard.minNoticeMinutes),
            horizonDays: fields.int("horizonDays", range: 0...3660, default: standard.horizonDays),
            releaseTime: fields.parsed("releaseTime", required: false, message: "must be a time like 07:00", LocalTime.init)
                ?? standard.releaseTime,
            holdMinutes: fields.int("holdMinutes", range: 1...1440, default: standard.holdMinutes),
            cancelCooldownMinutes: fields.int("cancelCooldownMinutes", range: 0...1440, default: standard.cancelCooldownMinutes),
            maxActiveBookingsPerContact: fields.int("maxActiveBookingsPerContact", range: 0...1_000_000,
                                                    default: standard.maxActiveBookingsPerContact),
            phoneReleaseHours: fields.int("phoneReleaseHours", range: 0...8784, default: standard.phoneReleaseHours),
            maxLiveHolds: fields.int("maxLiveHolds", range: 0...100, default: standard.maxLiveHolds),
            maxHoldsPerWindow: fields.int("maxHoldsPerWindow", range: 0...1000, default: standard.maxHoldsPerWindow),
            holdWindowMinutes: fields.int("holdWindowMinutes", range: 1...1440, default: standard.holdWindowMinutes),
            confirmationRequired: fields.bool("confirmationRequired", default: standard.confirmationRequired),
            confirmationMinutes: fields.int("confirmationMinutes", range: 1...1440, default: standard.confirmationMinutes),
            reminderHours: fields.int("reminderHours", range: 0...168, default: standard.reminderHours))
    }

    static func offering(_ fields: JSONFields) -> ServiceOffering {
        fields.refuseUnknownKeys(["service", "channels"])
        let channels = fields.stringArray("channels", required: false, count: 1...3).enumerated().compactMap { index, name in
            let channel = Channel(rawValue: name)
            if channel == nil { fields.fail("channels[\(index)]", "must be online, phone or desk") }
            return channel
        }
        return ServiceOffering(serviceId: ServiceID(fields.string("service", format: .identifier)),
                               channels: fields.has("channels") ? Set(channels) : Set(Channel.allCases))
    }

    static func rule(_ fields: JSONFields, office: OfficeID) -> OpeningRule {
        fields.refuseUnknownKeys(["id", "weekdays", "band", "validFrom", "validUntil", "repeatEveryWeeks", "counters",
                                  "slotMinutes", "walkInReserve", "kind", "services", "phoneReserve", "location"])
        let weekdays = fields.stringArray("weekdays").enumerated().compactMap { index, name in
            let day = Weekday(rawValue: name)
            if day == nil { fields.fail("weekdays[\(index)]", "must be a weekday in English, like monday") }
            return day
        }
        let services = fields.has("services") ? Set(fields.stringArray("services", format: .identifier).map { ServiceID($0) }) : nil
        return OpeningRule(
            id: fields.string("id", format: .identifier), officeId: office, weekdays: Set(weekdays),
            band: fields.object("band", band) ?? placeholderBand,
            validFrom: fields.parsed("validFrom", required: false, message: FieldFormat.date.message, LocalDate.init),
            validUntil: fields.parsed("validUntil", required: false, message: FieldFormat.date.message, LocalDate.init),
            repeatEveryWeeks: fields.int("repeatEveryWeeks", range: 1...52, default: 1),
            counters: fields.int("counters", range: 0...999), slotMinutes: fields.int("slotMinutes", range: 0...1440),
            walkInReserve: fields.optionalObject("walkInReserve", walkInReserve) ?? .counters(0),
            kind: fields.parsed("kind", required: false,
                                message: "must be one of " + OpeningRule.Kind.allCases.map(\.rawValue).joined(separator: ", "),
                                OpeningRule.Kind.init(rawValue:)) ?? .mixed,
            serviceIds: services, phoneReserve: fields.int("phoneReserve", range: 0...999, default: 0),
            location: fields.optionalObject("location", location))
    }

    static func address(_ fields: JSONFields) -> Address {
        fields.refuseUnknownKeys(["street", "postalCode", "city"])
        return Address(street: fields.string("street", maxLength: 200), postalCode: fields.string("postalCode", maxLength: 20),
                       city: fields.string("city", maxLength: 200))
    }

    /// A rule's place of its own: a name and an address, both required.
    static func location(_ fields: JSONFields) -> Location {
        fields.refuseUnknownKeys(["name", "address"])
        return Location(name: fields.string("name", maxLength: 200), address: fields.object("address", address))
    }

    static func walkInReserve(_ fields: JSONFields) -> OpeningRule.WalkInReserve {
        fields.refuseUnknownKeys(["share", "counters"])
        switch (fields.value("share"), fields.has("counters")) {
        case (let share?, false):
            guard let value = share.doubleValue else {
                fields.fail("share", "must be a number, not \(share.kindDescription)")
                return .counters(0)
            }
            return .share(value)
        case (nil, true):
            return .counters(fields.int("counters", range: 0...999))
        default:
            fields.fail(nil, "must have exactly one of share and counters")
            return .counters(0)
        }
    }

    /// A closure's or a rule's band; nil (reported) unless it starts before it ends.
    static func band(_ fields: JSONFields) -> TimeBand? {
        fields.refuseUnknownKeys(["start", "end"])
        let start = fields.parsed("start", message: "must be a time like 08:00", LocalTime.init)
        let end = fields.parsed("end", message: "must be a time like 12:00", LocalTime.init)
        guard let start, let end else { return nil }
        guard let band = TimeBand(start: start, end: end) else {
            fields.fail(nil, "ends before it starts")
            return nil
        }
        return band
    }

    static func closure(_ fields: JSONFields, office: OfficeID) -> Closure {
        fields.refuseUnknownKeys(["id", "from", "through", "band", "reason"])
        let from = fields.parsed("from", message: FieldFormat.date.message, LocalDate.init)
        return Closure(id: fields.string("id", format: .identifier), officeId: office, from: from ?? placeholderDate,
                       through: fields.parsed("through", required: false, message: FieldFormat.date.message, LocalDate.init),
                       band: fields.optionalObject("band", band) ?? nil, reason: fields.string("reason", maxLength: 200))
    }

    /// Stand-ins where a value was wrong: the decode fails anyway, never with these.
    private static let placeholderBand = TimeBand("00:00", "00:01")!
    private static let placeholderDate = LocalDate(year: 1970, month: 1, day: 1)!
}
