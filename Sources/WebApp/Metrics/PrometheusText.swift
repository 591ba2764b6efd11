/// The Prometheus text exposition format, version 0.0.4: each family's
/// `# HELP` and `# TYPE` lines, then its samples, one a line, label values
/// escaped.
///
///     # HELP terminbuch_bookings_created_total Bookings made, by channel and office.
///     # TYPE terminbuch_bookings_created_total counter
///     terminbuch_bookings_created_total{channel="online",office="buergerbuero-mitte"} 3
struct PrometheusText {
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    enum Kind: String {
        case counter, gauge, histogram
    }

    private(set) var text = ""

    mutating func family(_ name: String, _ kind: Kind, help: String) {
        text += "# HELP \(name) \(help)\n# TYPE \(name) \(kind.rawValue)\n"
    }

    /// A gauge without labels: its family and its one sample.
    mutating func gauge(_ name: String, help: String, _ value: Int) {
        family(name, .gauge, help: help)
        line(name, [], String(value))
    }

    mutating func sample(_ name: String, _ labels: [(String, String)], _ value: Int) {
        line(name, labels, String(value))
    }

    mutating func sample(_ name: String, _ labels: [(String, String)], seconds value: Double) {
        line(name, labels, String(value))
    }

    private mutating func line(_ name: String, _ labels: [(String, String)], _ value: String) {
        text += name
        if !labels.isEmpty {
            text += "{" + labels.map { "\($0.0)=\"\(Self.escaped($0.1))\"" }.joined(separator: ",") + "}"
        }
        text += " " + value + "\n"
    }

    /// A label value as the format quotes it: backslash, double quote and line feed escaped.
    static func escaped(_ value: String) -> String {
        var escaped = ""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
