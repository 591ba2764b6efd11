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
        event(code: booking.code, officeId: booking.officeId, services: booking.services, start: booking.start, end: booking.end,
              location: booking.location, cancelled: booking.status == .cancelled, catalogue: catalogue, language: language,
              stamp: stamp)
    }

    /// The same from a booking's parts: what a message knows of it (`MessageFacts`).
    static func event(code: BookingCode, officeId: OfficeID, services lines: [RequestedService], start: Instant, end: Instant,
                      location: Location?, cancelled: Bool, catalogue: Catalogue, language: String,
                      stamp: Instant) -> ICalendar.Event {
        let office = catalogue.office(officeId)
        let services = lines.map { line in
            let name = catalogue.service(line.serviceId)?.texts(in: language).name ?? line.serviceId.rawValue
            return line.quantity > 1 ? "\(name) (\(line.quantity)×)" : name
        }
        let documents = catalogue.documents(for: lines.map(\.serviceId), in: language)
        var description = "Buchungscode / booking code: \(code.value)"
        if !documents.isEmpty {
            description += "\n\nBitte mitbringen / please bring:\n" + documents.map { "- " + $0 }.joined(separator: "\n")
        }
        return ICalendar.Event(
            uid: "\(code.value)@terminbuch", start: start, end: end,
            summary: services.joined(separator: ", ") + (office.map { " – " + $0.name } ?? ""),
            location: location?.singleLine ?? officeId.rawValue,
            description: description, cancelled: cancelled, stamp: stamp)
    }

    /// A calendar of one office's appointments, in that office's `zone`.
    static func document(name: String, bookings: [Booking], catalogue: Catalogue, language: String, zone: TimeZoneRules,
                         stamp: Instant) -> String {
        var calendar = ICalendar(zone: zone, name: name)
        calendar.events = bookings.map { event($0, catalogue: catalogue, language: language, stamp: stamp) }
        return calendar.render()
    }
}
