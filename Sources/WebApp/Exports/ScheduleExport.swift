import Core
import Scheduling

/// The office's day as a file: CSV (RFC 4180 or the German Excel dialect),
/// iCalendar, or the JSON of `GET …/schedule`. The HTTP exports and the
/// `terminbuch export` command both render here, so a scheduled export and
/// a download from the desk are the same bytes.
public enum ScheduleExport {
    public enum Format: String, CaseIterable, Sendable {
        case csv, ics, json
    }

    public struct File: Sendable {
        public let contentType: String
        public let filename: String
        public let bytes: [UInt8]
    }

    public static func render(_ format: Format, office officeId: OfficeID, date: LocalDate, excel: Bool = false,
                              useCases: UseCases) throws -> File {
        let catalogue = try useCases.catalogue()
        let zone = try useCases.time.zone(office: officeId)
        let base = "\(officeId)-\(date)"
        switch format {
        case .csv:
            let schedule = try useCases.frontDesk.schedule(office: officeId, date: date)
            return File(contentType: "text/csv; charset=utf-8" + (excel ? "" : "; header=present"), filename: base + ".csv",
                        bytes: csv(schedule.bookings, catalogue: catalogue, zone: zone, dialect: excel ? .excel : .standard))
        case .ics:
            let list = try useCases.feeds.bookings(office: officeId, from: date, through: date)
            let name = (catalogue.office(officeId)?.name ?? officeId.rawValue) + " " + date.description
            return File(contentType: "text/calendar; charset=utf-8", filename: base + ".ics",
                        bytes: Array(officeCalendar(name: name, list, catalogue: catalogue, zone: zone, stamp: useCases.time.now()).utf8))
        case .json:
            let schedule = try useCases.frontDesk.schedule(office: officeId, date: date)
            return File(contentType: "application/json", filename: base + ".json",
                        bytes: JSONWriter.serialize(Representations.schedule(schedule, in: zone)))
        }
    }

    static let header = ["date", "start", "end", "code", "status", "channel", "services", "quantity", "name", "email", "phone",
                         "documents", "note"]

    /// One row per appointment, by time, header row first; dates and times in
    /// the office's `zone`, headers, dates and values in the dialect's
    /// language (`CSVVocabulary`). An erased booking's name, e-mail, phone and note
    /// are empty fields.
    static func csv(_ list: [Booking], catalogue: Catalogue, zone: TimeZoneRules, dialect: CSVWriter.Dialect) -> [UInt8] {
        var writer = CSVWriter(dialect: dialect)
        let words = CSVVocabulary(dialect)
        writer.row(header.map(words.word))
        for booking in list {
            let start = zone.localDateTime(of: booking.start)
            let end = zone.localDateTime(of: booking.end)
            writer.row([
                words.date(start.date), start.time.description, end.time.description, booking.code.value,
                words.status(booking.status), words.channel(booking.channel),
                booking.services.map { catalogue.service($0.serviceId)?.name ?? $0.serviceId.rawValue }.joined(separator: " + "),
                String(booking.services.map(\.quantity).max() ?? 1),
                booking.contact.name, booking.contact.email ?? "", booking.contact.phone ?? "",
                booking.documents.joined(separator: " | "), booking.note ?? "",
            ])
        }
        return writer.bytes
    }

    /// The office's calendar: the contact's name first in each title, so the
    /// clerk's calendar reads like the day's list (an erased booking's title
    /// is its services alone).
    static func officeCalendar(name: String, _ list: [Booking], catalogue: Catalogue, zone: TimeZoneRules,
                               stamp: Instant) -> String {
        var calendar = ICalendar(zone: zone, name: name)
        calendar.events = list.map { booking in
            let event = BookingCalendar.event(booking, catalogue: catalogue, language: Service.catalogueLanguage, stamp: stamp)
            let services = booking.services.map { catalogue.service($0.serviceId)?.name ?? $0.serviceId.rawValue }
            return ICalendar.Event(uid: event.uid, start: event.start, end: event.end,
                                   summary: (booking.isErased ? "" : booking.contact.name + " – ") + services.joined(separator: ", "),
                                   location: event.location, description: event.description, cancelled: event.cancelled,
                                   stamp: stamp)
        }
        return calendar.render()
    }
}
