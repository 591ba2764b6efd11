import Core
import Scheduling

extension Representations {
    /// Everything stored about a booking (the API's `PersonalData`): the
    /// same document whether the citizen downloads it from the manage page
    /// or a client reads it from the API.
    static func personalData(_ data: PersonalData, in zone: TimeZoneRules) -> JSONValue {
        var object: JSONObject = [
            "booking": booking(data.booking, in: zone),
            "language": .string(data.language),
            "history": .array(data.history.map { event($0, in: zone) }),
            "messages": .array(data.messages.map { message($0, in: zone) }),
        ]
        object.set("erasureDue", ifPresent: data.erasureDue.map { instant($0, in: zone) })
        return .object(object)
    }

    static func message(_ message: PersonalData.Message, in zone: TimeZoneRules) -> JSONValue {
        var object: JSONObject = [
            "kind": .string(message.kind.rawValue),
            "recipient": .string(message.recipient),
            "status": .string(message.status.rawValue),
            "createdAt": instant(message.createdAt, in: zone),
        ]
        object.set("settledAt", ifPresent: message.settledAt.map { instant($0, in: zone) })
        return .object(object)
    }
}
