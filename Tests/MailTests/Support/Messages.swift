import Foundation
@testable import Mail

/// Messages the tests send: one with everything a confirmation will have.
enum Messages {
    static let date = Date(timeIntervalSince1970: 1_796_400_000)  // 2026-12-04T16:00:00Z, a Friday

    static let ics = Array("""
        BEGIN:VCALENDAR\r
        VERSION:2.0\r
        METHOD:PUBLISH\r
        BEGIN:VEVENT\r
        UID:K7M4QX9TD@termine.example\r
        SUMMARY:Termin im Bürgerbüro Mitte\r
        END:VEVENT\r
        END:VCALENDAR\r

        """.utf8)

    /// Non-ASCII everywhere, a subject longer than a line, a line that is a
    /// dot, a line beginning with `From `, trailing spaces, a line of 1,200
    /// characters, an HTML alternative and two attachments.
    static func confirmation(to recipients: [String] = ["erika@example.de"], id: String = "booking-K7M4QX9TD-1@termine.example") throws -> MailMessage {
        try MailMessage(
            from: MailAddress("termine@bremerhaven.example", name: "Bürgerbüro Mitte", header: "From"),
            to: recipients.map { try MailAddress($0, name: "Erika Müller-Lüdenscheidt", header: "To") },
            replyTo: MailAddress("buergerbuero@bremerhaven.example", name: "Stadt Bremerhaven, Bürgerbüro", header: "Reply-To"),
            subject: "Ihr Termin am Donnerstag, 3. Dezember 2026, 09:30 Uhr im Bürgerbüro Mitte – bitte Ausweis mitbringen 🗓",
            messageID: id, date: date,
            headers: [MailHeader("Auto-Submitted", "auto-generated"), MailHeader("X-Terminbuch-Office", "Bürgerbüro Mitte")],
            text: "Guten Tag Frau Müller,\n\nIhr Code: K7M-4QX-9TD\n.\nFrom here on: details   \n"
                + String(repeating: "ä", count: 1200) + "\r\nEnde.",
            html: "<p>Guten Tag Frau Müller,</p>\n<p>Ihr Code: <b>K7M-4QX-9TD</b></p>\n.\n",
            attachments: [
                MailAttachment(filename: "termin.ics", contentType: "text/calendar; method=PUBLISH; charset=utf-8", data: ics),
                MailAttachment(filename: Messages.longFilename, contentType: "text/plain; charset=utf-8", data: Array("Straßenbahn 2".utf8)),
            ])
    }

    /// Longer than one line even before it is percent-encoded.
    static let longFilename = "Anfahrt für Sie zum Bürgerbüro Mitte, Hinrich-Schmalfeldt-Straße 40, Bremerhaven.txt"

    static func plain(to recipient: String = "erika@example.de", id: String = "plain-1@termine.example") throws -> MailMessage {
        try MailMessage(from: MailAddress("termine@bremerhaven.example", header: "From"),
                        to: [MailAddress(recipient, header: "To")],
                        subject: "Test", messageID: id, date: date, text: "Hallo.\n")
    }
}
