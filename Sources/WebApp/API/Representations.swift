import Booking
import Scheduling

/// The JSON shapes of API.md, written in one place so pages, exports and
/// the API cannot drift apart on what a field means. Every instant is
/// written with the offset of the zone of the office it belongs to.
enum Representations {
    static func instant(_ instant: Instant, in zone: TimeZoneRules) -> JSONValue {
        .string(RFC3339.format(instant, in: zone))
    }

    static func office(_ office: Office, catalogue: Catalogue) -> JSONValue {
        let services = catalogue.setup(office.id)?.offeredServiceIds ?? []
        return .object([
            "id": .string(office.id),
            "name": .string(office.name),
            "kind": .string(office.kind.rawValue),
            "municipality": .string(office.municipalityId),
            "address": .object([
                "street": .string(office.address.street),
                "postalCode": .string(office.address.postalCode),
                "city": .string(office.address.city),
            ]),
            "timeZone": .string(office.timeZoneId),
            "services": .array(services.map(JSONValue.string)),
        ])
    }

    static func service(_ service: Service, catalogue: Catalogue) -> JSONValue {
        .object([
            "id": .string(service.id),
            "name": .string(service.name),
            "description": .string(service.description),
            "durationMinutes": .number(service.baseMinutes),
            "minutesPerExtraUnit": .number(service.minutesPerExtraUnit),
            "maxQuantity": .number(service.maxQuantity),
            "fee": .object(["amountCents": .number(service.feeCents), "currency": "EUR"]),
            "documents": .array(service.documents.map(JSONValue.string)),
            "offices": .array(catalogue.offices(offering: service.id).map { .string($0.id) }),
        ])
    }

    static func appointment(_ appointment: Appointment, in zone: TimeZoneRules) -> JSONValue {
        var contact: JSONObject = ["name": .string(appointment.contact.name)]
        contact.set("email", ifPresent: appointment.contact.email.map(JSONValue.string))
        contact.set("phone", ifPresent: appointment.contact.phone.map(JSONValue.string))
        var object: JSONObject = [
            "code": .string(appointment.code.value),
            "status": .string(appointment.status.rawValue),
            "officeId": .string(appointment.officeId),
            "services": .array(appointment.services.map { .object(["id": .string($0.serviceId), "quantity": .number($0.quantity)]) }),
            "start": instant(appointment.start, in: zone),
            "end": instant(appointment.end, in: zone),
            "channel": .string(appointment.channel.rawValue),
            "contact": .object(contact),
            "documents": .array(appointment.documents.map(JSONValue.string)),
            "createdAt": instant(appointment.createdAt, in: zone),
        ]
        object.set("note", ifPresent: appointment.note.map(JSONValue.string))
        return .object(object)
    }

    static func slot(_ placement: Placement, in zone: TimeZoneRules) -> JSONValue {
        .object(["start": instant(placement.start, in: zone), "end": instant(placement.end, in: zone)])
    }

    static func capacity(_ slot: SlotCapacity, in zone: TimeZoneRules) -> JSONValue {
        .object([
            "start": instant(slot.start, in: zone),
            "total": .number(slot.total),
            "walkIn": .number(slot.walkIn),
            "booked": .number(slot.booked),
            "free": .number(slot.free),
        ])
    }
}
