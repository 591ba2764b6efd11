import Core
import XCTest

/// The one rule of what a telephone number is (issue 17, point 4): the
/// usual German spellings are numbers with the key of the same E.164
/// number, and each refused one says what is wrong with it.
final class PhoneProblemTests: XCTestCase {
    func testTheUsualGermanFormsAreNumbers() {
        for spelling in ["(0471) 590-0", "0471/5900", "+49 471 5900", "0471 590 0", "+49 (0)471 5900", "0471 5900"] {
            XCTAssertNil(Contact.phoneProblem(spelling), spelling)
            XCTAssertEqual(Contact.phoneKey(spelling), "p:+494715900", spelling)
            XCTAssertNil(Contact(name: "Erika", phone: spelling).problem, spelling)
        }
    }

    func testEachRefusedNumberSaysWhatIsWrong() {
        let refused: [(String, PhoneProblem)] = [
            ("0471", .tooShort), ("(04) 7", .tooShort), ("+49 0", .tooShort), ("110", .tooShort),
            ("+49 471 1234567890123", .tooLong), ("0049 471 590 200 000 000 0", .tooLong),
            ("0471 TAXI", .letters), ("O471 5900", .letters), ("0471 590-0 Zentrale", .letters),
            ("0471 590#0", .character), ("0471\u{200B}5900", .character), ("0471: 5900", .character),
            ("0471 +5900", .plusNotFirst), ("++49 471 5900", .plusNotFirst),
            ("590 2000", .noAreaCode), ("49 471 5900", .noAreaCode),
        ]
        for (spelling, problem) in refused {
            XCTAssertEqual(Contact.phoneProblem(spelling), problem, spelling)
            XCTAssertNil(Contact.normalisedPhone(spelling), spelling)
            XCTAssertEqual(Contact(name: "Erika", phone: spelling).problem?.field, "contact.phone", spelling)
        }
        XCTAssertEqual(Contact(name: "Erika", phone: "0471 TAXI").problem?.message, "must not contain letters")
        XCTAssertEqual(Contact(name: "Erika", phone: "0471").problem?.message,
                       "has too few digits for a telephone number, e.g. 0471 590-2000")
    }
}
