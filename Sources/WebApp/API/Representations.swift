import Core
import Scheduling

/// The JSON shapes of docs/api.md, written in one place so pages, exports and
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
            "address": address(office.address),
            "timeZone": .string(office.timeZoneId),
            "services": .array(services.map(JSONValue.string)),
        ])
    }

    static func service(_ service: Service, catalogue: Catalogue) -> JSONValue {
        var object: JSONObject = [
            "id": .string(service.id),
            "name": .string(service.name),
            "description": .string(service.description),
            "durationMinutes": .number(service.baseMinutes),
            "minutesPerExtraUnit": .number(service.minutesPerExtraUnit),
            "maxQuantity": .number(service.maxQuantity),
            "fee": .object(["amountCents": .number(service.feeCents), "currency": "EUR"]),
            "documents": .array(service.documents.map(JSONValue.string)),
            "offices": .array(catalogue.offices(offering: service.id).map { .string($0.id) }),
            "translations": .object(JSONObject(service.translations.keys.sorted().map { language in
                (language, texts(service.texts(in: language)))
            })),
        ]
        object.set("leikaKey", ifPresent: service.leikaKey.map(JSONValue.string))
        return .object(object)
    }

    /// A service's texts in one language, German where it has no translation.
    static func texts(_ texts: ServiceTexts) -> JSONValue {
        .object([
            "name": .string(texts.name),
            "description": .string(texts.description),
            "documents": .array(texts.documents.map(JSONValue.string)),
        ])
    }

    static func booking(_ booking: Booking, in zone: TimeZoneRules) -> JSONValue {
        var contact: JSONObject = ["name": .string(booking.contact.name)]
        contact.set("email", ifPresent: booking.contact.email.map(JSONValue.string))
        contact.set("phone", ifPresent: booking.contact.phone.map(JSONValue.string))
        var object: JSONObject = [
            "code": .string(booking.code.value),
            "status": .string(booking.status.rawValue),
            "officeId": .string(booking.officeId),
            "services": .array(booking.services.map { .object(["id": .string($0.serviceId), "quantity": .number($0.quantity)]) }),
            "start": instant(booking.start, in: zone),
            "end": instant(booking.end, in: zone),
            "channel": .string(booking.channel.rawValue),
            "contact": .object(contact),
            "documents": .array(booking.documents.map(JSONValue.string)),
            "createdAt": instant(booking.createdAt, in: zone),
        ]
        object.set("note", ifPresent: booking.note.map(JSONValue.string))
        object.set("location", ifPresent: booking.location.map(location))
        object.set("erasedAt", ifPresent: booking.erasedAt.map { instant($0, in: zone) })
        return .object(object)
    }

    /// Where the appointment is: the office's own address, or the place of
    /// the opening rule its start falls in.
    static func location(_ location: Location) -> JSONValue {
        .object([
            "name": .string(location.name),
            "address": address(location.address),
        ])
    }

    static func address(_ address: Address) -> JSONValue {
        .object([
            "street": .string(address.street),
            "postalCode": .string(address.postalCode),
            "city": .string(address.city),
        ])
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
            "held": .number(slot.held),
            "free": .number(slot.free),
        ])
    }
}
