import Booking
import Scheduling

/// Appointments as calendar events: the citizen's `.ics` download and the
/// office's day export share this one mapping.
enum AppointmentCalendar {
    static func event(_ appointment: Appointment, catalogue: Catalogue, stamp: Instant) -> ICalendar.Event {
        let office = catalogue.office(appointment.officeId)
        let services = appointment.services.map { line in
            let name = catalogue.service(line.serviceId)?.name ?? line.serviceId
            return line.quantity > 1 ? "\(name) (\(line.quantity)×)" : name
        }
        var description = "Buchungscode / booking code: \(appointment.code.value)"
        if !appointment.documents.isEmpty {
            description += "\n\nBitte mitbringen / please bring:\n" + appointment.documents.map { "- " + $0 }.joined(separator: "\n")
        }
        return ICalendar.Event(
            uid: "\(appointment.code.value)@terminbuch", start: appointment.start, end: appointment.end,
            summary: services.joined(separator: ", ") + (office.map { " – " + $0.name } ?? ""),
            location: office.map { "\($0.name), \($0.address.singleLine)" } ?? appointment.officeId,
            description: description, cancelled: appointment.status == .cancelled, stamp: stamp)
    }

    /// A calendar of one office's appointments, in that office's `zone`.
    static func document(name: String, appointments: [Appointment], catalogue: Catalogue, zone: TimeZoneRules,
                         stamp: Instant) -> String {
        var calendar = ICalendar(zone: zone, name: name)
        calendar.events = appointments.map { event($0, catalogue: catalogue, stamp: stamp) }
        return calendar.render()
    }
}
