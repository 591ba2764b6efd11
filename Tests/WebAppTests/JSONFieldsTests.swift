import XCTest
@testable import WebApp

/// The request-body reader: values when everything is right, every error
/// with its dotted path when not.
final class JSONFieldsTests: XCTestCase {
    struct BookingInput: Equatable {
        struct Line: Equatable { var id: String; var quantity: Int }
        struct Contact: Equatable { var name: String; var email: String?; var phone: String? }
        var officeId: String
        var services: [Line]
        var start: String
        var holdId: String?
        var contact: Contact
        var note: String?
    }

    /// Reads a booking body the way the bookings handler will.
    func decodeBooking(_ text: String) throws -> Result<BookingInput, FieldErrors> {
        JSONFields.decode(try parseJSON(text)) { body in
            BookingInput(
                officeId: body.string("officeId", format: .identifier),
                services: body.array("services", count: 1...10) { line in
                    BookingInput.Line(id: line.string("id", format: .identifier),
                                      quantity: line.int("quantity", range: 1...20, default: 1))
                },
                start: body.string("start"),
                holdId: body.optionalString("holdId", format: .opaqueId),
                contact: body.object("contact") { contact in
                    let value = BookingInput.Contact(
                        name: contact.string("name", maxLength: 200),
                        email: contact.optionalString("email", maxLength: 254, format: .email),
                        phone: contact.optionalString("phone", format: .phone))
                    if !contact.has("email") && !contact.has("phone") {
                        contact.fail(nil, "needs an e-mail address or a phone number")
                    }
                    return value
                },
                note: body.optionalString("note", maxLength: 1000))
        }
    }

    func errors(_ result: Result<BookingInput, FieldErrors>) -> [String] {
        guard case .failure(let failure) = result else { return [] }
        return failure.errors.map(\.description)
    }

    func testValidBodyDecodesWithDefaultsAndIgnoresUnknownFields() throws {
        let result = try decodeBooking("""
            {"officeId":"buergerbuero-mitte","services":[{"id":"personalausweis","quantity":2},{"id":"reisepass"}],
             "start":"2026-12-01T08:30:00+01:00","holdId":null,"contact":{"name":"Erika Mustermann","email":"erika@example.de"},
             "unknown":{"deep":[1,2,3]}}
            """)
        XCTAssertEqual(try result.get(), BookingInput(
            officeId: "buergerbuero-mitte",
            services: [.init(id: "personalausweis", quantity: 2), .init(id: "reisepass", quantity: 1)],
            start: "2026-12-01T08:30:00+01:00", holdId: nil,
            contact: .init(name: "Erika Mustermann", email: "erika@example.de", phone: nil), note: nil))
    }

    func testEveryErrorIsReportedWithItsPath() throws {
        let result = try decodeBooking("""
            {"officeId":"Bürgerbüro","services":[{"id":"personalausweis","quantity":0},7,{"quantity":2.5}],
             "start":42,"holdId":"no spaces","contact":{"name":"","email":"not-an-address"},"note":"\(String(repeating: "x", count: 1001))"}
            """)
        XCTAssertEqual(errors(result), [
            "officeId: must be 1 to 64 lowercase letters, digits or '-'",
            "services[0].quantity: must be from 1 to 20",
            "services[1]: must be an object, not an integer",
            "services[2].id: is required",
            "services[2].quantity: must be a whole number from 1 to 20",
            "start: must be a string, not an integer",
            "holdId: must be 1 to 64 letters, digits, '_' or '-'",
            "contact.name: must not be empty",
            "contact.email: must be an e-mail address like name@example.de",
            "note: must be at most 1000 characters long",
        ])
    }

    func testMissingFieldsAndObjects() throws {
        XCTAssertEqual(errors(try decodeBooking("{}")), [
            "officeId: is required", "services: is required", "start: is required", "contact: is required",
        ], "a missing object reports itself once, not each of its fields")
        XCTAssertEqual(errors(try decodeBooking(#"{"officeId":"a","services":[],"start":"s","contact":"Erika"}"#)), [
            "services: must not be empty", "contact: must be an object, not a string",
        ])
        XCTAssertEqual(errors(try decodeBooking(#"{"officeId":"a","services":[{"id":"b"}],"start":"s","contact":{"name":"E"}}"#)), [
            "contact: needs an e-mail address or a phone number",
        ])
        XCTAssertEqual(errors(try decodeBooking(#"{"officeId":null,"services":[{"id":"b"}],"start":"s","contact":{"name":"E","phone":"0471 590-0"}}"#)), [
            "officeId: is required",
        ], "null counts as absent")
    }

    func testBodyMustBeAnObject() throws {
        let result = JSONFields.decode(try parseJSON("[1]")) { $0.string("x") }
        XCTAssertEqual(result, .failure(FieldErrors([FieldError(field: "", message: "the request body must be a JSON object")])))
    }

    func testIntegerRules() throws {
        func read(_ text: String) throws -> Result<Int, FieldErrors> {
            JSONFields.decode(try parseJSON(text)) { $0.int("n", range: 1...20) }
        }
        XCTAssertEqual(try read(#"{"n":20}"#), .success(20))
        XCTAssertEqual(try read(#"{"n":2.0}"#), .success(2), "a whole number in any notation")
        XCTAssertEqual(try read(#"{"n":"2"}"#), .failure(FieldErrors([FieldError(field: "n", message: "must be an integer, not a string")])))
        XCTAssertEqual(try read(#"{"n":true}"#), .failure(FieldErrors([FieldError(field: "n", message: "must be an integer, not a boolean")])))
        XCTAssertEqual(try read(#"{"n":21}"#), .failure(FieldErrors([FieldError(field: "n", message: "must be from 1 to 20")])))
        XCTAssertEqual(try read(#"{"n":1e30}"#), .failure(FieldErrors([FieldError(field: "n", message: "must be a whole number from 1 to 20")])))
        XCTAssertEqual(try read(#"{}"#), .failure(FieldErrors([FieldError(field: "n", message: "is required")])))
        let optional = JSONFields.decode(try parseJSON(#"{"n":null}"#)) { $0.optionalInt("n") }
        XCTAssertEqual(try optional.get(), nil)
    }

    func testBooleansStringArraysAndParsedValues() throws {
        struct Query: Equatable { var excel: Bool; var tags: [String]; var day: Int? }
        let read = { (text: String) throws -> Result<Query, FieldErrors> in
            JSONFields.decode(try parseJSON(text)) { body in
                Query(excel: body.bool("excel", default: false),
                      tags: body.stringArray("tags", required: false, count: 0...3, format: .identifier),
                      day: body.parsed("date", required: false, message: "must be a date like 2026-12-01") { text in
                          FieldFormat.date.matches(text) ? Int(text.suffix(2)) : nil
                      })
            }
        }
        XCTAssertEqual(try read(#"{"tags":["a","b"],"date":"2026-12-05"}"#), .success(Query(excel: false, tags: ["a", "b"], day: 5)))
        XCTAssertEqual(try read(#"{"excel":"yes","tags":["a","B",3,"c"],"date":"2026-02-30"}"#).describingErrors(),
                       .failure([
                           "excel: must be true or false, not a string",
                           "tags: must have at most 3 elements",
                           "tags[1]: must be 1 to 64 lowercase letters, digits or '-'",
                           "tags[2]: must be a string, not an integer",
                           "date: must be a date like 2026-12-01",
                       ]))
    }

    func testLengthsCountCodePoints() throws {
        // JSON Schema's maxLength counts code points: "Größe" is 5, not 7 bytes.
        let ok = JSONFields.decode(try parseJSON(#"{"s":"Größe"}"#)) { $0.string("s", maxLength: 5) }
        XCTAssertEqual(try ok.get(), "Größe")
        let emoji = JSONFields.decode(try parseJSON(#"{"s":"👩‍👩‍👧"}"#)) { $0.string("s", maxLength: 4) }
        XCTAssertThrowsError(try emoji.get(), "five code points, one grapheme")
    }

    func testNestedOptionalObjectPaths() throws {
        let result = JSONFields.decode(try parseJSON(#"{"a":{"b":{"c":"x"}}}"#)) { body in
            body.optionalObject("a") { a in a.object("b") { b in b.int("c") } }
        }
        XCTAssertEqual(result.describingErrors(), .failure(["a.b.c: must be an integer, not a string"]))
    }
}

extension Result where Failure == FieldErrors {
    /// The errors as "field: message" lines, for compact assertions.
    func describingErrors() -> Result<Success, StringErrors> {
        switch self {
        case .success(let value): .success(value)
        case .failure(let errors): .failure(StringErrors(messages: errors.errors.map(\.description)))
        }
    }
}

struct StringErrors: Error, Equatable, ExpressibleByArrayLiteral {
    var messages: [String]
    init(messages: [String]) { self.messages = messages }
    init(arrayLiteral elements: String...) { messages = elements }
}
