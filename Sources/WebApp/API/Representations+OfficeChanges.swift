import Core
import Scheduling

/// The JSON shapes of closures, capacity changes, the "to contact" list
/// and the statistics.
extension Representations {
    static func closure(_ closure: Closure) -> JSONValue {
        var object: JSONObject = [
            "id": .string(closure.id),
            "from": .string(closure.from.description),
            "through": .string(closure.through.description),
            "reason": .string(closure.reason),
        ]
        object.set("fromTime", ifPresent: closure.band.map { .string($0.start.description) })
        object.set("toTime", ifPresent: closure.band.map { .string($0.end.description) })
        return .object(object)
    }

    static func capacityChange(_ change: CapacityChange) -> JSONValue {
        var object: JSONObject = [
            "id": .string(change.id),
            "date": .string(change.date.description),
            "counters": .number(change.counters),
            "reason": .string(change.reason),
        ]
        object.set("fromTime", ifPresent: change.band.map { .string($0.start.description) })
        object.set("toTime", ifPresent: change.band.map { .string($0.end.description) })
        return .object(object)
    }

    static func affected(_ affected: AffectedBooking, in zone: TimeZoneRules) -> JSONValue {
        .object([
            "booking": booking(affected.booking, in: zone),
            "change": .object(["kind": .string(affected.change.kind), "id": .string(affected.change.id)]),
            "cause": .string(affected.cause.rawValue),
            "listedAt": instant(affected.listedAt, in: zone),
        ])
    }

    static func statistics(_ figures: OfficeStatistics) -> JSONValue {
        var walkIns: JSONObject = ["tickets": .number(figures.walkIns.tickets), "called": .number(figures.walkIns.called)]
        walkIns.set("averageWaitMinutes", ifPresent: figures.walkIns.averageWaitMinutes.map(JSONValue.double))
        walkIns.set("longestWaitMinutes", ifPresent: figures.walkIns.longestWaitMinutes.map(JSONValue.number))
        return .object([
            "officeId": .string(figures.officeId),
            "from": .string(figures.from.description),
            "to": .string(figures.through.description),
            "bookings": .number(figures.bookings),
            "bookingsByChannel": .object(JSONObject(Channel.allCases.map { ($0.rawValue, JSONValue.number(figures.bookingsByChannel[$0] ?? 0)) })),
            "cancellations": .number(figures.cancellations),
            "attended": .number(figures.attended),
            "noShows": .number(figures.noShows),
            "noShowRate": JSONValue(figures.noShowRate),
            "walkIns": .object(walkIns),
            "utilisation": .array(figures.utilisation.map { cell in
                .object([
                    "weekday": .string(cell.weekday.rawValue),
                    "hour": .number(cell.hour),
                    "booked": .number(cell.booked),
                    "bookable": .number(cell.bookable),
                    "ratio": JSONValue(cell.ratio),
                ])
            }),
        ])
    }
}
