// libFuzzer target: the body of `POST /api/v1/bookings`, read exactly as the
// handler reads it — `HTTPRequest.decodeJSON` (media type, `JSONParser`,
// depth limit) with `API.readBookingOrder`, the function `createBooking`
// uses (the body of `POST /api/v1/holds` goes through `readSelection` too).
// The input is the request body; the seeds are in Fuzz/Corpus/booking-json/.
//
// Properties checked:
//   1. Decoding ends in an order or in a 400 (malformed JSON) or 422 problem
//      (wrong fields, each named); never anything else.
//   2. The body parses exactly when the decode does not answer 400.
//   3. A parsed value written with `JSONWriter` parses again into an equal
//      value, and writing that gives the same bytes.
//   4. An order obeys every rule the reader checks (docs/api.md): formats,
//      lengths, counts, ranges, contact by e-mail or phone.
//   5. Its start, written as the API writes instants, reads back as the same
//      instant (in the years 1 to 9999 of Berlin's local time).
import HTTPServer
@testable import WebApp

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBookingJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let body = Array(UnsafeBufferPointer(start: data, count: size))
    let request = HTTPRequest(
        head: HTTPRequestHead(method: .post, target: "/api/v1/bookings", headers: ["Content-Type": "application/json"]),
        body: body)

    var malformed = false
    do {
        // The order's type lives in Core, which this package cannot name.
        let order = try request.decodeJSON(API.readBookingOrder)
        check(FieldFormat.identifier.matches(order.officeId.rawValue), "officeId \(order.officeId.rawValue.debugDescription)")
        check((1...10).contains(order.services.count), "\(order.services.count) services")
        for service in order.services {
            check(FieldFormat.identifier.matches(service.serviceId.rawValue), "service id \(service.serviceId.rawValue.debugDescription)")
            check((1...20).contains(service.quantity), "quantity \(service.quantity)")
        }
        if let holdId = order.holdId { check(FieldFormat.opaqueId.matches(holdId), "holdId \(holdId.debugDescription)") }
        let contact = order.contact
        check((1...200).contains(contact.name.unicodeScalars.count), "name of \(contact.name.unicodeScalars.count) characters")
        check(contact.email != nil || contact.phone != nil, "a contact without e-mail and phone")
        if let email = contact.email {
            check(email.unicodeScalars.count <= 254 && FieldFormat.email.matches(email), "email \(email.debugDescription)")
        }
        if let phone = contact.phone {
            check(phone.unicodeScalars.count <= 40 && FieldFormat.phone.matches(phone), "phone \(phone.debugDescription)")
        }
        if let note = order.note { check(note.unicodeScalars.count <= 1000, "note of \(note.unicodeScalars.count) characters") }

        // The start as the API writes it (Europe/Berlin) reads back unchanged,
        // wherever Berlin's year has the four digits RFC 3339 writes: an
        // offset of up to ±23:59 takes 0001-01-01 or 9999-12-31 into year 0
        // or 10000, which no booking window reaches and no answer echoes.
        let seconds = order.start.secondsSinceEpoch
        if seconds >= -62_135_596_800 - 3600 && seconds < 253_402_300_800 - 3600 {
            let written = Representations.instant(order.start, in: .europeBerlin)
            let echo: JSONValue = .object(["officeId": .string(order.officeId), "services": .array([.object(["id": "x"])]),
                                           "start": written])
            switch JSONFields.decode(echo, API.readSelection) {
            case .success(let selection):
                check(selection.start == order.start, "start \(order.start) written as \(written) reads as \(selection.start)")
            case .failure(let errors):
                check(false, "start \(order.start) written as \(written) is refused: \(errors)")
            }
        }
    } catch {
        switch error.status.code {
        case 400: malformed = true
        case 422: check(!error.errors.isEmpty, "a 422 without field errors")
        default: check(false, "decoding answered \(error.status.code) \(error.title)")
        }
    }

    let parsed = try? JSONParser.parse(body)
    check((parsed == nil) == malformed, "JSONParser and decodeJSON disagree on whether the body parses")
    if let parsed {
        let written = JSONWriter.serialize(parsed)
        guard let again = try? JSONParser.parse(written) else {
            fatalError("property broken: the writer's output does not parse: \(String(decoding: written, as: UTF8.self))")
        }
        check(again == parsed, "written and parsed again the value differs: \(String(decoding: written, as: UTF8.self))")
        check(JSONWriter.serialize(again) == written, "writing is not stable")
    }
    return 0
}

func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("property broken: \(message())") }
}
