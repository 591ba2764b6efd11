import Core
import HTTPServer
import Scheduling

/// The statistics as one table, through the desk's `CSVWriter` (RFC 4180,
/// or the German Excel dialect with `?excel=1`, its words and numbers
/// German through `CSVVocabulary`): `figure,group,value,base`
/// — a count, and for rates and utilisation the part and the whole, so a
/// spreadsheet can recompute every percentage.
enum StatisticsCSV {
    static func document(_ figures: OfficeStatistics, dialect: CSVWriter.Dialect = .standard) -> [UInt8] {
        var writer = CSVWriter(dialect: dialect)
        let words = CSVVocabulary(dialect)
        func row(_ figure: String, _ group: String, _ value: String, _ base: String) {
            writer.row([words.word(figure), group, value, base])
        }
        writer.row(["figure", "group", "value", "base"].map(words.word))
        row("period", words.word("from"), words.date(figures.from), "")
        row("period", words.word("to"), words.date(figures.through), "")
        for channel in Channel.allCases {
            row("bookings", words.channel(channel), String(figures.bookingsByChannel[channel] ?? 0), String(figures.bookings))
        }
        row("cancellations", words.word("all"), String(figures.cancellations), String(figures.bookings))
        row("noShows", words.word("due"), String(figures.noShows), String(figures.attended + figures.noShows))
        let walkIns = figures.walkIns
        row("walkIns", words.word("tickets"), String(walkIns.tickets), "")
        row("walkIns", words.word("called"), String(walkIns.called), String(walkIns.tickets))
        row("walkIns", words.word("averageWaitMinutes"), walkIns.averageWaitMinutes.map(words.decimal) ?? "", "")
        row("walkIns", words.word("longestWaitMinutes"), walkIns.longestWaitMinutes.map(String.init) ?? "", "")
        for cell in figures.utilisation {
            row("utilisation", "\(words.weekday(cell.weekday)) \(hour(cell.hour))", String(cell.booked), String(cell.bookable))
        }
        return writer.bytes
    }

    /// The HTTP answer: a download named after the office and the period.
    static func response(_ figures: OfficeStatistics, excel: Bool) -> HTTPResponse {
        let name = "statistik-\(figures.officeId)-\(figures.from)-\(figures.through).csv"
        return HTTPResponse(status: .ok, contentType: "text/csv; charset=utf-8" + (excel ? "" : "; header=present"),
                            body: document(figures, dialect: excel ? .excel : .standard),
                            headers: ["Content-Disposition": "attachment; filename=\"\(name)\""])
    }

    static func hour(_ hour: Int) -> String { (hour < 10 ? "0" : "") + "\(hour):00" }
}
