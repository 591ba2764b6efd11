import Core
import Scheduling

/// Appointments as calendar events: the citizen's `.ics` download and the
/// office's day export share this one mapping.
///
/// The services' names and documents are in `language`: the citizen's
/// download is in the language of the page it came from, since a booking
/// keeps no language of its own; the API and the office's exports are in
/// German. The labels stay in both languages, as before.
enum BookingCalendar {
    static func event(_ booking: Booking, catalogue: Catalogue, language: String, stamp: Instant) -> ICalendar.Event {
        let office = catalogue.office(booking.officeId)
        let services = booking.services.map { line in
            let name = catalogue.service(line.serviceId)?.texts(in: language).name ?? line.serviceId.rawValue
            return line.quantity > 1 ? "\(name) (\(line.quantity)×)" : name
        }
        let documents = catalogue.documents(for: booking.services.map(\.serviceId), in: language)
        var description = "Buchungscode / booking code: \(booking.code.value)"
        if !documents.isEmpty {
            description += "\n\nBitte mitbringen / please bring:\n" + documents.map { "- " + $0 }.joined(separator: "\n")
        }
        return ICalendar.Event(
            uid: "\(booking.code.value)@terminbuch", start: booking.start, end: booking.end,
            summary: services.joined(separator: ", ") + (office.map { " – " + $0.name } ?? ""),
            location: booking.location?.singleLine ?? booking.officeId.rawValue,
            description: description, cancelled: booking.status == .cancelled, stamp: stamp)
    }

    /// A calendar of one office's appointments, in that office's `zone`.
    static func document(name: String, bookings: [Booking], catalogue: Catalogue, language: String, zone: TimeZoneRules,
                         stamp: Instant) -> String {
        var calendar = ICalendar(zone: zone, name: name)
        calendar.events = bookings.map { event($0, catalogue: catalogue, language: language, stamp: stamp) }
        return calendar.render()
    }
}
