import XCTest
@testable import Core
import Scheduling
import Templating
@testable import WebApp

/// The German Excel dialect speaks German — headers, statuses, channels,
/// weekdays, `TT.MM.JJJJ` dates and decimal commas — while the RFC 4180
/// file keeps its English keys and ISO values for the scripts that read it.
final class CSVVocabularyTests: XCTestCase {
    let german = CSVVocabulary(.excel)
    let english = CSVVocabulary(.standard)

    func testGermanDatesAndDecimalsInTheExcelDialectOnly() throws {
        let date = try XCTUnwrap(LocalDate("2026-03-07"))
        XCTAssertEqual(german.date(date), "07.03.2026")
        XCTAssertEqual(english.date(date), "2026-03-07")
        XCTAssertEqual(german.date(try XCTUnwrap(LocalDate("2026-12-24"))), "24.12.2026")
        XCTAssertEqual(german.decimal(12.46), "12,5")
        XCTAssertEqual(english.decimal(12.46), "12.5")
        XCTAssertEqual(german.decimal(3), "3,0")
        XCTAssertEqual(german.decimal(0.04), "0,0")
    }

    func testEveryStatusChannelAndWeekdayHasAGermanWord() {
        XCTAssertEqual(german.status(.confirmed), "Gebucht")
        XCTAssertEqual(german.status(.noShow), "Nicht erschienen")
        XCTAssertEqual(german.channel(.desk), "Vor Ort")
        XCTAssertEqual(german.weekday(.wednesday), "Mittwoch")
        for status in Booking.Status.allCases {
            XCTAssertNotEqual(german.status(status), status.rawValue, "\(status) untranslated")
            XCTAssertEqual(english.status(status), status.rawValue)
        }
        for channel in Channel.allCases where channel != .online {
            XCTAssertNotEqual(german.channel(channel), channel.rawValue, "\(channel) untranslated")
        }
        for weekday in Weekday.allCases {
            XCTAssertNotEqual(german.weekday(weekday), weekday.rawValue, "\(weekday) untranslated")
        }
        for header in ScheduleExport.header {
            XCTAssertNotNil(CSVVocabulary.german[header], "the header \(header) has no German")
            XCTAssertEqual(english.word(header), header)
        }
        XCTAssertEqual(german.word("Müller"), "Müller", "a word outside the table passes through")
    }

    func testStatisticsInBothDialects() throws {
        let figures = OfficeStatistics(
            officeId: OfficeID("buergerbuero-mitte"), from: try XCTUnwrap(LocalDate("2026-11-02")),
            through: try XCTUnwrap(LocalDate("2026-11-06")), bookingsByChannel: [.online: 5, .phone: 2, .desk: 1],
            cancellations: 1, attended: 6, noShows: 1,
            walkIns: WalkInFigures(tickets: 4, called: 3, averageWaitMinutes: 7.25, longestWaitMinutes: 12),
            utilisation: [UtilisationCell(weekday: .tuesday, hour: 9, booked: 2, bookable: 12)])
        let excel = String(decoding: StatisticsCSV.document(figures, dialect: .excel), as: UTF8.self)
        XCTAssertEqual(excel, "\u{FEFF}" + [
            "Kennzahl;Gruppe;Wert;Basis", "Zeitraum;von;02.11.2026;", "Zeitraum;bis;06.11.2026;",
            "Termine;Online;5;8", "Termine;Telefon;2;8", "Termine;Vor Ort;1;8", "Absagen;alle;1;8",
            "Nicht erschienen;fällig;1;7", "Ohne Termin;Wartenummern;4;", "Ohne Termin;aufgerufen;3;4",
            "Ohne Termin;mittlere Wartezeit (Minuten);7,3;", "Ohne Termin;längste Wartezeit (Minuten);12;",
            "Auslastung;Dienstag 09:00;2;12",
        ].map { $0 + "\r\n" }.joined())
        let standard = String(decoding: StatisticsCSV.document(figures, dialect: .standard), as: UTF8.self)
        XCTAssertEqual(standard, [
            "figure,group,value,base", "period,from,2026-11-02,", "period,to,2026-11-06,",
            "bookings,online,5,8", "bookings,phone,2,8", "bookings,desk,1,8", "cancellations,all,1,8",
            "noShows,due,1,7", "walkIns,tickets,4,", "walkIns,called,3,4",
            "walkIns,averageWaitMinutes,7.3,", "walkIns,longestWaitMinutes,12,",
            "utilisation,tuesday 09:00,2,12",
        ].map { $0 + "\r\n" }.joined(), "the machine format, as before")
    }
    /// One word per state and per channel: the German Excel file says what the
    /// pages say (the pages name a channel through `channelName` alone), and
    /// the history and the button say the state's word.
    func testOneWordPerStateAndChannelEverywhere() throws {
        let translations = try Translations(directory: PageTestApp.root.appendingPathComponent("Templates/i18n").path)
        let texts = translations["de"]
        for status in Booking.Status.allCases {
            XCTAssertEqual(german.status(status), texts.text("appointment.status.\(status.rawValue)"), "\(status)")
        }
        XCTAssertEqual(texts.text("history.action.checkedIn"), texts.text("appointment.status.checkedIn"))
        XCTAssertEqual(texts.text("desk.action.checkIn"), texts.text("appointment.status.checkedIn"),
                       "the button says the state it sets")
        for channel in Channel.allCases {
            XCTAssertEqual(german.channel(channel), texts.channelName(channel), "\(channel)")
        }
        for language in translations.languages {
            let texts = translations[language]
            XCTAssertEqual(texts.text("history.action.checkedIn"), texts.text("appointment.status.checkedIn"), language)
        }
    }
}
