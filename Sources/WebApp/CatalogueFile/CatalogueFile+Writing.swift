import Core
import Scheduling

/// Every object's keys in sorted order, optional values left out when
/// absent, so that writing is a function of the catalogue alone.
extension CatalogueFile {
    static func json(_ document: CatalogueDocument) -> JSONValue {
        object([
            "version": .number(version),
            "municipalities": .array(document.municipalities.map(json)),
            "services": .array(document.services.map(json)),
            "offices": .array(document.offices.map(json)),
        ])
    }

    static func json(_ municipality: Municipality) -> JSONValue {
        var members: [String: JSONValue] = [
            "id": .string(municipality.id.rawValue), "name": .string(municipality.name),
            "retentionDays": .number(municipality.retentionDays),
        ]
        members["contact"] = municipality.contact.map { contact in
            var officer: [String: JSONValue] = ["email": .string(contact.privacyOfficer.email)]
            officer["name"] = contact.privacyOfficer.name.map(JSONValue.string)
            return object(["operator": .string(contact.operatorName), "address": json(contact.address),
                           "email": .string(contact.email), "privacyOfficer": object(officer)])
        }
        return object(members)
    }

    static func json(_ service: Service) -> JSONValue {
        var members: [String: JSONValue] = [
            "id": .string(service.id.rawValue), "name": .string(service.name), "description": .string(service.description),
            "baseMinutes": .number(service.baseMinutes), "minutesPerExtraUnit": .number(service.minutesPerExtraUnit),
            "maxQuantity": .number(service.maxQuantity), "feeCents": .number(service.feeCents),
            "documents": .array(service.documents.map(JSONValue.string)),
        ]
        members["leikaKey"] = service.leikaKey.map(JSONValue.string)
        if !service.translations.isEmpty {
            members["translations"] = object(service.translations.mapValues(json))
        }
        return object(members)
    }

    static func json(_ translation: ServiceTranslation) -> JSONValue {
        var members: [String: JSONValue] = [:]
        members["name"] = translation.name.map(JSONValue.string)
        members["description"] = translation.description.map(JSONValue.string)
        members["documents"] = translation.documents.map { .array($0.map(JSONValue.string)) }
        return object(members)
    }

    static func json(_ address: Address) -> JSONValue {
        object(["street": .string(address.street), "postalCode": .string(address.postalCode), "city": .string(address.city)])
    }

    static func json(_ entry: CatalogueDocument.OfficeEntry) -> JSONValue {
        let office = entry.office
        let policy = entry.policy
        var members: [String: JSONValue] = [
            "id": .string(office.id.rawValue), "municipality": .string(office.municipalityId.rawValue),
            "name": .string(office.name), "kind": .string(office.kind.rawValue),
            "address": json(office.address),
            "land": .string(office.land.rawValue), "timeZone": .string(office.timeZoneId),
            "observesPublicHolidays": .bool(entry.observesPublicHolidays),
            "policy": object([
                "minNoticeMinutes": .number(policy.minNoticeMinutes), "horizonDays": .number(policy.horizonDays),
                "releaseTime": .string(policy.releaseTime.description), "holdMinutes": .number(policy.holdMinutes),
                "cancelCooldownMinutes": .number(policy.cancelCooldownMinutes),
                "maxActiveBookingsPerContact": .number(policy.maxActiveBookingsPerContact),
                "phoneReleaseHours": .number(policy.phoneReleaseHours), "maxLiveHolds": .number(policy.maxLiveHolds),
                "maxHoldsPerWindow": .number(policy.maxHoldsPerWindow), "holdWindowMinutes": .number(policy.holdWindowMinutes),
                "confirmationRequired": .bool(policy.confirmationRequired),
                "confirmationMinutes": .number(policy.confirmationMinutes), "reminderHours": .number(policy.reminderHours),
            ]),
            "services": .array(entry.offerings.map { offering in
                object(["service": .string(offering.serviceId.rawValue),
                        "channels": .array(offering.channels.map(\.rawValue).sorted().map(JSONValue.string))])
            }),
            "rules": .array(entry.rules.map(json)),
            "closures": .array(entry.closures.map(json)),
        ]
        members["mailbox"] = office.mailbox.map(JSONValue.string)
        return object(members)
    }

    static func json(_ rule: OpeningRule) -> JSONValue {
        var members: [String: JSONValue] = [
            "id": .string(rule.id),
            "weekdays": .array(rule.weekdays.sorted { $0.isoNumber < $1.isoNumber }.map { .string($0.rawValue) }),
            "band": json(rule.band), "repeatEveryWeeks": .number(rule.repeatEveryWeeks), "counters": .number(rule.counters),
            "slotMinutes": .number(rule.slotMinutes), "kind": .string(rule.kind.rawValue), "phoneReserve": .number(rule.phoneReserve),
        ]
        switch rule.walkInReserve {
        case .share(let share): members["walkInReserve"] = object(["share": .double(share)])
        case .counters(let counters): members["walkInReserve"] = object(["counters": .number(counters)])
        }
        members["validFrom"] = rule.validFrom.map { .string($0.description) }
        members["validUntil"] = rule.validUntil.map { .string($0.description) }
        members["services"] = rule.serviceIds.map { .array($0.sorted().map { .string($0.rawValue) }) }
        members["location"] = rule.location.map { location in
            object(["name": .string(location.name), "address": json(location.address)])
        }
        return object(members)
    }

    static func json(_ closure: Closure) -> JSONValue {
        var members: [String: JSONValue] = [
            "id": .string(closure.id), "from": .string(closure.from.description), "through": .string(closure.through.description),
            "reason": .string(closure.reason),
        ]
        members["band"] = closure.band.map(json)
        return object(members)
    }

    static func json(_ band: TimeBand) -> JSONValue {
        object(["start": .string(band.start.description), "end": .string(band.end.description)])
    }

    /// An object with its keys sorted.
    private static func object(_ members: [String: JSONValue]) -> JSONValue {
        .object(JSONObject(members.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
    }
}
