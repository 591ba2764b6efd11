import Core
import Scheduling

/// The call centre's JSON shapes (docs/api.md, "The operations"): `CallbackRequest`
/// and `Memo`, with `doneBy`, `doneAt` and `doneNote` once done, and
/// `erasedAt` once the retention sweep emptied their texts.
extension Representations {
    static func callback(_ callback: CallbackRequest, in zone: TimeZoneRules) -> JSONValue {
        var object: JSONObject = [
            "id": .string(callback.id),
            "status": .string(callback.status.rawValue),
            "officeId": .string(callback.officeId),
        ]
        object.set("serviceId", ifPresent: callback.serviceId.map(JSONValue.string))
        object.append("name", .string(callback.name))
        object.append("phone", .string(callback.phone))
        object.append("topic", .string(callback.topic))
        object.append("note", .string(callback.note))
        if let window = callback.preferredTime {
            object.append("preferredTime", .object(["from": instant(window.from, in: zone), "to": instant(window.to, in: zone)]))
        }
        object.append("createdBy", .string(callback.createdBy))
        object.append("createdAt", instant(callback.createdAt, in: zone))
        completion(callback.completion, in: zone, into: &object)
        object.set("erasedAt", ifPresent: callback.erasedAt.map { instant($0, in: zone) })
        return .object(object)
    }

    static func memo(_ memo: Memo, in zone: TimeZoneRules) -> JSONValue {
        var object: JSONObject = [
            "id": .string(memo.id),
            "status": .string(memo.status.rawValue),
            "officeId": .string(memo.officeId),
            "subject": .string(memo.subject),
            "text": .string(memo.text),
        ]
        object.set("contact", ifPresent: memo.contact.map(JSONValue.string))
        object.append("createdBy", .string(memo.createdBy))
        object.append("createdAt", instant(memo.createdAt, in: zone))
        completion(memo.completion, in: zone, into: &object)
        object.set("erasedAt", ifPresent: memo.erasedAt.map { instant($0, in: zone) })
        return .object(object)
    }

    private static func completion(_ completion: Completion?, in zone: TimeZoneRules, into object: inout JSONObject) {
        guard let completion else { return }
        object.append("doneBy", .string(completion.doneBy))
        object.append("doneAt", instant(completion.doneAt, in: zone))
        object.set("doneNote", ifPresent: completion.note.map(JSONValue.string))
    }

    /// One line of a booking's history (`GET /api/v1/bookings/{code}/history`).
    static func event(_ event: BookingEvent, in zone: TimeZoneRules) -> JSONValue {
        var object: JSONObject = [
            "action": .string(event.action.rawValue),
            "at": instant(event.at, in: zone),
            "channel": .string(event.channel.rawValue),
            "actor": JSONValue(event.actor),
        ]
        object.set("onBehalfOf", ifPresent: event.onBehalfOf.map(JSONValue.string))
        object.set("detail", ifPresent: event.detail.map(JSONValue.string))
        return .object(object)
    }
}
