@testable import Core
import Scheduling
import XCTest

/// What may be typed into names, single-line fields and notes (issue 12,
/// point 8): bidi controls, zero-width and other format characters nowhere
/// in a line, controls in notes only as line breaks, stored as LF.
final class FieldTextTests: XCTestCase {
    func testOneLineRefusesControlsFormatCharactersAndSeparators() {
        for bad in ["Erika\u{202E}nnamretsuM", "Eri\u{200B}ka", "\u{FEFF}Erika", "Eri\u{00AD}ka", "Er\u{2066}ika\u{2069}",
                    "Eri\u{0}ka", "Eri\nka", "Eri\tka", "Eri\u{85}ka", "Eri\u{2028}ka"] {
            XCTAssertNotNil(FieldText.problemInLine(bad), bad.debugDescription)
        }
        for good in ["Erika Mustermann", "Jürgen Groß-Müller", "O'Brien", "مريم", "李小龙", "Zoë"] {
            XCTAssertNil(FieldText.problemInLine(good), good)
        }
    }

    func testSeveralLinesAllowLineBreaksAndTabsOnly() {
        XCTAssertNil(FieldText.problemInLines("Bitte\r\nzurückrufen\n\tdanke\rEnde"))
        for bad in ["a\u{0}b", "a\u{7}b", "a\u{1B}[31mb", "a\u{9B}b", "a\u{202E}b"] {
            XCTAssertNotNil(FieldText.problemInLines(bad), bad.debugDescription)
        }
        XCTAssertEqual(FieldText.lines("a\r\nb\rc\nd\r\n\r\ne"), "a\nb\nc\nd\n\ne")
        XCTAssertEqual(FieldText.lines("keine Zeilen"), "keine Zeilen")
    }

    func testABookingNoteWithNULIsRefusedAndItsLineBreaksAreKeptAsLF() throws {
        let env = try TestEnvironment()
        let before = try env.bookingCount()
        func order(note: String, name: String = "Erika") -> BookingOrder {
            BookingOrder(officeId: TestEnvironment.mitte, services: [RequestedService(serviceId: "personalausweis")],
                         start: env.at("2026-11-24", "09:00"), contact: Contact(name: name, email: "erika@example.de"), note: note)
        }
        XCTAssertThrows(.invalid(field: "note", message: "must not contain control characters other than line breaks"),
                        try env.bookings.book(order(note: "a\u{0}b"), caller: .citizen))
        XCTAssertThrows(.invalid(field: "contact.name",
                                 message: "must not contain invisible or formatting characters (such as U+200B or U+202E)"),
                        try env.bookings.book(order(note: "", name: "Erika\u{202E}"), caller: .citizen))
        XCTAssertEqual(try env.bookingCount(), before, "nothing was written")
        let booked = try env.bookings.book(order(note: "Rollstuhl\r\nbitte Aufzug\rdanke"), caller: .citizen).value.booking
        XCTAssertEqual(booked.note, "Rollstuhl\nbitte Aufzug\ndanke")
        XCTAssertEqual(try env.bookings.booking(booked.code, access: .anyOffice).note, "Rollstuhl\nbitte Aufzug\ndanke")
    }

    func testStaffNamesAreOneCleanLine() throws {
        let env = try TestEnvironment()
        XCTAssertThrowsError(try env.accounts.add(username: "neu", displayName: "Frau\u{202E} Meier", password: "lang genug 123",
                                                  role: .staff, officeIds: [TestEnvironment.mitte])) { error in
            XCTAssertEqual(error as? Accounts.AdministrationError, .invalidDisplayName(
                "Frau\u{202E} Meier", problem: "must not contain invisible or formatting characters (such as U+200B or U+202E)"))
        }
        XCTAssertNil(try env.accounts.account(username: "neu"))
        XCTAssertNoThrow(try env.accounts.add(username: "neu", displayName: "Frau Meier", password: "lang genug 123",
                                              role: .staff, officeIds: [TestEnvironment.mitte]))
    }
}
