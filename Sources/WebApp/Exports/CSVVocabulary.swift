import Core
import Scheduling

/// The words and numbers of a CSV export, by dialect — the one table of
/// their translations. The RFC 4180 file is the machine format and keeps
/// its English keys and ISO values (`2026-12-01`, `12.5`, `confirmed`), so
/// scripts reading it never break; the German Excel file is opened by
/// people, so its headers and values are German, its dates `TT.MM.JJJJ` and
/// its decimals written with a comma.
///
/// The exports do not render through the page catalogues (the
/// `terminbuch export` command has no request and no language), so the
/// table lives here, next to the writer it serves.
struct CSVVocabulary {
    let dialect: CSVWriter.Dialect

    init(_ dialect: CSVWriter.Dialect) { self.dialect = dialect }

    /// A header, key or value word in the file's language; the English word
    /// itself where the table has none (a service's or a person's name).
    func word(_ english: String) -> String {
        dialect == .excel ? Self.german[english] ?? english : english
    }

    func status(_ status: Booking.Status) -> String { word(status.rawValue) }
    func channel(_ channel: Channel) -> String { word(channel.rawValue) }
    func weekday(_ weekday: Weekday) -> String { word(weekday.rawValue) }

    func date(_ date: LocalDate) -> String {
        guard dialect == .excel else { return date.description }
        return Self.twoDigits(date.day) + "." + Self.twoDigits(date.month) + "." + String(date.year)
    }

    /// One decimal place: `12.5`, or `12,5` where the comma is the decimal
    /// mark. The figures written this way (minutes waited) are never negative.
    func decimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10)\(dialect == .excel ? "," : ".")\(abs(tenths % 10))"
    }

    private static func twoDigits(_ number: Int) -> String { (number < 10 ? "0" : "") + String(number) }

    /// English word → German, for every header, key and enumerated value the
    /// exports write.
    static let german: [String: String] = [
        // The day's appointments (`ScheduleExport`).
        "date": "Datum", "start": "Beginn", "end": "Ende", "code": "Buchungscode", "status": "Status",
        "channel": "Kanal", "services": "Leistungen", "quantity": "Anzahl", "name": "Name", "email": "E-Mail",
        "phone": "Telefon", "documents": "Unterlagen", "note": "Hinweis",
        "confirmed": "Gebucht", "pendingConfirmation": "Noch nicht bestätigt", "cancelled": "Abgesagt",
        "checkedIn": "Angekommen", "noShow": "Nicht erschienen", "completed": "Erledigt",
        "online": "Online", "desk": "Vor Ort",
        // The statistics (`StatisticsCSV`); "phone" is the channel as well as the column.
        "figure": "Kennzahl", "group": "Gruppe", "value": "Wert", "base": "Basis",
        "period": "Zeitraum", "from": "von", "to": "bis", "bookings": "Termine", "cancellations": "Absagen",
        "all": "alle", "noShows": "Nicht erschienen", "due": "fällig", "walkIns": "Ohne Termin",
        "tickets": "Wartenummern", "called": "aufgerufen", "averageWaitMinutes": "mittlere Wartezeit (Minuten)",
        "longestWaitMinutes": "längste Wartezeit (Minuten)", "utilisation": "Auslastung",
        "monday": "Montag", "tuesday": "Dienstag", "wednesday": "Mittwoch", "thursday": "Donnerstag",
        "friday": "Freitag", "saturday": "Samstag", "sunday": "Sonntag",
    ]
}
