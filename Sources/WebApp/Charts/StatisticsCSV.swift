import Booking
import Scheduling

/// The statistics as one RFC 4180 table (CRLF, quoted where needed):
/// `figure,group,value,base` — a count, or for rates and utilisation the
/// part and the whole, so a spreadsheet can recompute every percentage.
///
/// The front desk's `CSVWriter` does the same quoting plus the Excel
/// dialect; this small writer came before it reached main and should give
/// way to it (one CSV writer in WebApp).
enum StatisticsCSV {
    static func document(_ figures: OfficeStatistics) -> [UInt8] {
        var rows: [[String]] = [["figure", "group", "value", "base"]]
        rows.append(["period", "from", figures.from.description, ""])
        rows.append(["period", "to", figures.through.description, ""])
        for channel in Channel.allCases {
            rows.append(["bookings", channel.rawValue, String(figures.bookingsByChannel[channel] ?? 0), String(figures.bookings)])
        }
        rows.append(["cancellations", "all", String(figures.cancellations), String(figures.bookings)])
        rows.append(["noShows", "due", String(figures.noShows), String(figures.attended + figures.noShows)])
        let walkIns = figures.walkIns
        rows.append(["walkIns", "tickets", String(walkIns.tickets), ""])
        rows.append(["walkIns", "called", String(walkIns.called), String(walkIns.tickets)])
        rows.append(["walkIns", "averageWaitMinutes", walkIns.averageWaitMinutes.map { decimal($0) } ?? "", ""])
        rows.append(["walkIns", "longestWaitMinutes", walkIns.longestWaitMinutes.map(String.init) ?? "", ""])
        for cell in figures.utilisation {
            rows.append(["utilisation", "\(cell.weekday.rawValue) \(hour(cell.hour))", String(cell.booked), String(cell.bookable)])
        }
        return Array(rows.map { $0.map(field).joined(separator: ",") + "\r\n" }.joined().utf8)
    }

    static func hour(_ hour: Int) -> String { (hour < 10 ? "0" : "") + "\(hour):00" }

    static func decimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }

    /// RFC 4180 §2: a field with a comma, quote, CR or LF is quoted, quotes doubled.
    static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
