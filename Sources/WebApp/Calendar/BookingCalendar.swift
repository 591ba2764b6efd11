import Core
import Scheduling

/// Appointments as calendar events: the citizen's `.ics` download and the
/// office's day export share this one mapping.
enum BookingCalendar {
    static func event(_ booking: Booking, catalogue: Catalogue, stamp: Instant) -> ICalendar.Event {
        let office = catalogue.office(booking.officeId)
        let services = booking.services.map { line in
            let name = catalogue.service(line.serviceId)?.name ?? line.serviceId.rawValue
            return line.quantity > 1 ? "\(name) (\(line.quantity)×)" : name
        }
        var description = "Buchungscode / booking code: \(booking.code.value)"
        if !booking.documents.isEmpty {
            description += "\n\nBitte mitbringen / please bring:\n" + booking.documents.map { "- " + $0 }.joined(separator: "\n")
        }
        return ICalendar.Event(
            uid: "\(booking.code.value)@terminbuch", start: booking.start, end: booking.end,
            summary: services.joined(separator: ", ") + (office.map { " – " + $0.name } ?? ""),
            location: booking.location?.singleLine ?? booking.officeId.rawValue,
            description: description, cancelled: booking.status == .cancelled, stamp: stamp)
    }

    /// A calendar of one office's appointments, in that office's `zone`.
    static func document(name: String, bookings: [Booking], catalogue: Catalogue, zone: TimeZoneRules,
                         stamp: Instant) -> String {
        var calendar = ICalendar(zone: zone, name: name)
        calendar.events = bookings.map { event($0, catalogue: catalogue, stamp: stamp) }
        return calendar.render()
    }
}
