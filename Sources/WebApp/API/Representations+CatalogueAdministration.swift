import Core
import Scheduling

/// The JSON shapes of catalogue changes (docs/api.md, "The catalogue"):
/// what a change did or would do, the office's week under it, and the
/// audit trail.
extension Representations {
    /// A saved change: its revision (null when nothing changed), the items
    /// it added, changed or removed, and the bookings it put on the "to contact" list.
    static func outcome(_ outcome: CatalogueOutcome, zone: (OfficeID) throws -> TimeZoneRules) throws -> JSONObject {
        [
            "revisionId": outcome.revisionId.map { .number(Int($0)) } ?? .null,
            "changes": .array(outcome.changes.items.map(catalogueChange)),
            "stranded": .array(try outcome.stranded.map { affected($0, in: try zone($0.booking.officeId)) }),
        ]
    }

    /// A change worked out and not saved: what `outcome` would say, and the office's week.
    static func preview(_ preview: CatalogueAdministration.Preview, zone: (OfficeID) throws -> TimeZoneRules) throws -> JSONValue {
        var object = try outcome(preview.outcome, zone: zone)
        object["revisionId"] = nil
        object.set("week", ifPresent: preview.week.map(week))
        return .object(object)
    }

    static func catalogueChange(_ item: CatalogueChanges.Item) -> JSONValue {
        var object: JSONObject = ["action": .string(item.action.rawValue), "subject": .string(item.subject.rawValue), "id": .string(item.id)]
        object.set("officeId", ifPresent: item.officeId.map { .string($0.rawValue) })
        object.set("municipalityId", ifPresent: item.municipalityId.map { .string($0.rawValue) })
        object.append("fields", .array(item.fields.map(JSONValue.string)))
        return .object(object)
    }

    static func week(_ week: WeekPreview) -> JSONValue {
        .object(["officeId": .string(week.officeId.rawValue), "days": .array(week.days.map { day in
            var object: JSONObject = ["date": .string(day.date.description)]
            object.set("closure", ifPresent: day.closure.map(JSONValue.string))
            object.append("bands", .array(day.bands.map { band in
                .object(["ruleId": .string(band.ruleId), "kind": .string(band.kind.rawValue),
                         "start": .string(band.band.start.description), "end": .string(band.band.end.description),
                         "slots": .number(band.slots), "closedSlots": .number(band.closedSlots), "counters": .number(band.counters),
                         "walkInReserve": .number(band.walkInReserve), "phoneReserve": .number(band.phoneReserve),
                         "bookable": .number(band.bookable)])
            }))
            return .object(object)
        })])
    }

    /// A line of the audit trail: a catalogue revision or an account's change,
    /// its time in UTC (the trail spans offices and zones).
    static func auditEntry(_ revision: CatalogueRevisionRecord) -> JSONValue {
        .object(["kind": "catalogue", "at": instant(revision.madeAt, in: .utc), "by": revision.madeBy.map(JSONValue.string) ?? .null,
                 "source": .string(revision.source.rawValue), "revisionId": .number(Int(revision.id)),
                 "changes": .array(revision.items.map(catalogueChange))])
    }

    static func auditEntry(_ event: AccountEvent) -> JSONValue {
        .object(["kind": "account", "at": instant(event.madeAt, in: .utc), "by": event.madeBy.map(JSONValue.string) ?? .null,
                 "source": event.madeBy == nil ? "commandLine" : "admin", "username": .string(event.account.username),
                 "action": .string(event.action.rawValue)])
    }
}
