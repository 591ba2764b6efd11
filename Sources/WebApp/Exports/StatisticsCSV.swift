import Core
import HTTPServer
import Scheduling

/// The statistics as one table, through the desk's `CSVWriter` (RFC 4180,
/// or the German Excel dialect with `?excel=1`): `figure,group,value,base`
/// — a count, and for rates and utilisation the part and the whole, so a
/// spreadsheet can recompute every percentage.
enum StatisticsCSV {
    static func document(_ figures: OfficeStatistics, dialect: CSVWriter.Dialect = .standard) -> [UInt8] {
        var writer = CSVWriter(dialect: dialect)
        writer.row(["figure", "group", "value", "base"])
        writer.row(["period", "from", figures.from.description, ""])
        writer.row(["period", "to", figures.through.description, ""])
        for channel in Channel.allCases {
            writer.row(["bookings", channel.rawValue, String(figures.bookingsByChannel[channel] ?? 0), String(figures.bookings)])
        }
        writer.row(["cancellations", "all", String(figures.cancellations), String(figures.bookings)])
        writer.row(["noShows", "due", String(figures.noShows), String(figures.attended + figures.noShows)])
        let walkIns = figures.walkIns
        writer.row(["walkIns", "tickets", String(walkIns.tickets), ""])
        writer.row(["walkIns", "called", String(walkIns.called), String(walkIns.tickets)])
        writer.row(["walkIns", "averageWaitMinutes", walkIns.averageWaitMinutes.map { decimal($0, dialect: dialect) } ?? "", ""])
        writer.row(["walkIns", "longestWaitMinutes", walkIns.longestWaitMinutes.map(String.init) ?? "", ""])
        for cell in figures.utilisation {
            writer.row(["utilisation", "\(cell.weekday.rawValue) \(hour(cell.hour))", String(cell.booked), String(cell.bookable)])
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

    /// One decimal, with the comma German spreadsheets expect in their dialect.
    static func decimal(_ value: Double, dialect: CSVWriter.Dialect) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10)\(dialect == .excel ? "," : ".")\(abs(tenths % 10))"
    }
}
