import Core
import Scheduling

/// The JSON shapes of the office's day and the front desk (docs/api.md, "The operations").
extension Representations {
    static func schedule(_ schedule: DaySchedule, in zone: TimeZoneRules) -> JSONValue {
        .object([
            "officeId": .string(schedule.officeId),
            "date": .string(schedule.date.description),
            "appointments": .array(schedule.bookings.map { booking($0, in: zone) }),
            "walkIns": .array(schedule.walkIns.map { walkInTicket($0, in: zone) }),
            "capacity": .array(schedule.capacity.map { capacity($0, in: zone) }),
        ])
    }

    static func walkInTicket(_ ticket: WalkInTicket, in zone: TimeZoneRules) -> JSONValue {
        var object: JSONObject = [
            "number": .string(ticket.label),
            "officeId": .string(ticket.officeId),
            "date": .string(ticket.date.description),
            "services": .array(ticket.services.map { .object(["id": .string($0.serviceId), "quantity": .number($0.quantity)]) }),
            "issuedAt": instant(ticket.issuedAt, in: zone),
            "estimatedCallAt": instant(ticket.estimatedCallAt, in: zone),
            "status": .string(ticket.status.rawValue),
        ]
        object.set("calledAt", ifPresent: ticket.calledAt.map { instant($0, in: zone) })
        object.set("name", ifPresent: ticket.name.map(JSONValue.string))
        return .object(object)
    }

    static func walkInBoard(_ board: WalkInBoard) -> JSONValue {
        .object([
            "officeId": .string(board.officeId),
            "open": .bool(board.isOpen),
            "acceptingWalkIns": .bool(board.acceptingWalkIns),
            "waiting": .number(board.waiting),
            "estimatedWaitMinutes": board.estimatedWaitMinutes.map { .number($0) } ?? .null,
            "nextAcceptingDate": board.nextAcceptingDate.map { .string($0.description) } ?? .null,
            "recentlyCalled": .array(board.recentlyCalled.map(JSONValue.string)),
        ])
    }

    static func queueCall(_ call: QueueCall, in zone: TimeZoneRules) -> JSONValue {
        switch call.who {
        case .booking(let booking):
            .object(["kind": "appointment", "calledAt": instant(call.calledAt, in: zone), "booking": Self.booking(booking, in: zone)])
        case .walkIn(let ticket):
            .object(["kind": "walkIn", "calledAt": instant(call.calledAt, in: zone), "walkIn": walkInTicket(ticket, in: zone)])
        }
    }

    static func queue(_ queue: DeskQueue, in zone: TimeZoneRules) -> JSONValue {
        .object([
            "appointments": .array(queue.bookings.map { booking($0, in: zone) }),
            "walkIns": .array(queue.walkIns.map { walkInTicket($0, in: zone) }),
            "called": .array(queue.called.map { queueCall($0, in: zone) }),
        ])
    }
}
