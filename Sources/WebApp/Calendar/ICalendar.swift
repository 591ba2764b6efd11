import Scheduling

/// iCalendar (RFC 5545) documents: events in the office's local time with
/// its `TZID` (`Europe/Berlin`) and the zone's `VTIMEZONE`, so calendar programs show
/// the right time on both sides of a DST change. Lines are CRLF-terminated
/// and folded at 75 octets; text values are escaped.
struct ICalendar {
    struct Event {
        /// Stable across downloads, so a re-import updates instead of duplicating.
        let uid: String
        let start: Instant
        let end: Instant
        let summary: String
        let location: String
        let description: String
        let cancelled: Bool
        let stamp: Instant
    }

    let zone: TimeZoneRules
    let name: String
    var events: [Event] = []

    func render() -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Terminbuch//Terminbuch 1.0//DE", "CALSCALE:GREGORIAN",
                     "METHOD:PUBLISH", "X-WR-CALNAME:" + Self.escape(name), "X-WR-TIMEZONE:" + zone.identifier]
        lines += timeZoneComponent()
        for event in events {
            lines += [
                "BEGIN:VEVENT",
                "UID:" + event.uid,
                "DTSTAMP:" + Self.utc(event.stamp),
                "DTSTART;TZID=\(zone.identifier):" + local(event.start),
                "DTEND;TZID=\(zone.identifier):" + local(event.end),
                "SUMMARY:" + Self.escape(event.summary),
                "LOCATION:" + Self.escape(event.location),
                "DESCRIPTION:" + Self.escape(event.description),
                "STATUS:" + (event.cancelled ? "CANCELLED" : "CONFIRMED"),
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// The EU rule as an RRULE pair (RFC 5545 §3.6.5), valid for every year.
    private func timeZoneComponent() -> [String] {
        guard let summer = zone.summerOffsetSeconds else {
            return ["BEGIN:VTIMEZONE", "TZID:" + zone.identifier, "BEGIN:STANDARD", "DTSTART:19700101T000000",
                    "TZOFFSETFROM:" + Self.offset(zone.standardOffsetSeconds), "TZOFFSETTO:" + Self.offset(zone.standardOffsetSeconds),
                    "TZNAME:UTC", "END:STANDARD", "END:VTIMEZONE"]
        }
        let standard = zone.standardOffsetSeconds
        return [
            "BEGIN:VTIMEZONE", "TZID:" + zone.identifier, "X-LIC-LOCATION:" + zone.identifier,
            "BEGIN:DAYLIGHT", "TZOFFSETFROM:" + Self.offset(standard), "TZOFFSETTO:" + Self.offset(summer), "TZNAME:CEST",
            "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
            "BEGIN:STANDARD", "TZOFFSETFROM:" + Self.offset(summer), "TZOFFSETTO:" + Self.offset(standard), "TZNAME:CET",
            "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
            "END:VTIMEZONE",
        ]
    }

    private func local(_ instant: Instant) -> String {
        let local = zone.localDateTime(of: instant)
        let date = local.date
        let seconds = local.secondsIntoDay
        return Self.digits(date.year, 4) + Self.digits(date.month, 2) + Self.digits(date.day, 2) + "T"
            + Self.digits(seconds / 3600, 2) + Self.digits(seconds / 60 % 60, 2) + Self.digits(seconds % 60, 2)
    }

    static func utc(_ instant: Instant) -> String {
        let local = TimeZoneRules.utc.localDateTime(of: instant)
        let seconds = local.secondsIntoDay
        return digits(local.date.year, 4) + digits(local.date.month, 2) + digits(local.date.day, 2) + "T"
            + digits(seconds / 3600, 2) + digits(seconds / 60 % 60, 2) + digits(seconds % 60, 2) + "Z"
    }

    static func offset(_ seconds: Int) -> String {
        (seconds < 0 ? "-" : "+") + digits(abs(seconds) / 3600, 2) + digits(abs(seconds) / 60 % 60, 2)
    }

    static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// TEXT escaping of RFC 5545 §3.3.11. By scalars, not characters: CR LF
    /// is one `Character` and would pass a match on LF raw into the line.
    static func escape(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\".unicodeScalars
            case ";": result += "\\;".unicodeScalars
            case ",": result += "\\,".unicodeScalars
            case "\n": result += "\\n".unicodeScalars
            case "\r": continue
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// Folds a content line at 75 octets without splitting a UTF-8 sequence.
    static func fold(_ line: String) -> String {
        var output = ""
        var count = 0
        for character in line {
            let size = character.utf8.count
            if count + size > 75 {
                output += "\r\n "
                count = 1
            }
            output.append(character)
            count += size
        }
        return output
    }
}
