import Core
import Foundation
import XCTest
@testable import WebApp

/// `Public/api/openapi.json` against the API's contract: every operation is there,
/// every error is a problem, and the patterns are the ones the server checks.
final class OpenAPIDocumentTests: XCTestCase {
    /// Every operation of the contract (and the document itself), as
    /// "METHOD path": what other systems rely on, so none may go missing.
    static let contractOperations: Set<String> = [
        "GET /api/v1/offices",
        "GET /api/v1/offices/{officeId}",
        "GET /api/v1/services",
        "GET /api/v1/offices/{officeId}/days",
        "GET /api/v1/offices/{officeId}/slots",
        "POST /api/v1/holds",
        "DELETE /api/v1/holds/{holdId}",
        "POST /api/v1/bookings",
        "GET /api/v1/bookings/{code}",
        "POST /api/v1/bookings/{code}/cancel",
        "POST /api/v1/bookings/{code}/reschedule",
        "GET /api/v1/bookings/{code}/calendar.ics",
        "GET /api/v1/bookings",
        "GET /api/v1/offices/{officeId}/schedule",
        "GET /api/v1/offices/{officeId}/schedule.csv",
        "GET /api/v1/offices/{officeId}/schedule.ics",
        "POST /api/v1/bookings/{code}/check-in",
        "POST /api/v1/bookings/{code}/no-show",
        "POST /api/v1/offices/{officeId}/walk-ins",
        "GET /api/v1/offices/{officeId}/walk-in-status",
        "POST /api/v1/session",
        "DELETE /api/v1/session",
        "POST /api/v1/callbacks",
        "GET /api/v1/offices/{officeId}/callbacks",
        "POST /api/v1/callbacks/{id}/done",
        "POST /api/v1/memos",
        "GET /api/v1/offices/{officeId}/memos",
        "GET /health",
        "GET /api/v1/openapi.json",
    ]

    /// Served and documented beyond docs/api.md ("add endpoints freely").
    static let additionalOperations: Set<String> = Set([
        "GET /api/v1/session",
        "POST /api/v1/memos/{id}/done",
        "GET /api/v1/bookings/{code}/history",
        // The double opt-in (docs/mail.md).
        "POST /api/v1/bookings/{code}/confirm",
        // The front desk.
        "POST /api/v1/bookings/{code}/complete",
        "GET /api/v1/offices/{officeId}/walk-ins",
        "POST /api/v1/offices/{officeId}/walk-ins/{number}/done",
        "POST /api/v1/offices/{officeId}/walk-ins/{number}/no-show",
        "GET /api/v1/offices/{officeId}/queue",
        "POST /api/v1/offices/{officeId}/queue/call-next",
        "POST /api/v1/offices/{officeId}/feeds",
        "POST /api/v1/offices/{officeId}/feeds/renew",
        "DELETE /api/v1/offices/{officeId}/feeds",
        // Operations: whether the store takes writes now.
        "GET /ready",
        // Issue #14: "resend my links".
        "POST /api/v1/booking-links",
        // Issue #15: the citizen's own data (Art. 15, 17 DSGVO).
        "GET /api/v1/bookings/{code}/personal-data",
        "DELETE /api/v1/bookings/{code}/personal-data",
    ]).union(officeChangeOperations).union(accountOperations).union(catalogueAdministrationOperations)

    /// Issue #13 item 4: accounts, for administrators.
    static let accountOperations: Set<String> = [
        "GET /api/v1/admin/accounts",
        "POST /api/v1/admin/accounts",
        "POST /api/v1/admin/accounts/{username}/disable",
        "POST /api/v1/admin/accounts/{username}/enable",
        "POST /api/v1/admin/accounts/{username}/password",
    ]

    /// Issue #13 item 3: the catalogue and the audit trail, for administrators.
    static let catalogueAdministrationOperations: Set<String> = Set(
        ["GET /api/v1/admin/catalogue", "PUT /api/v1/admin/catalogue", "GET /api/v1/admin/audit"]
        + ["municipalities/{municipalityId}", "services/{serviceId}", "offices/{officeId}", "offices/{officeId}/rules/{ruleId}",
           "offices/{officeId}/closures/{closureId}"].flatMap { item -> [String] in
            let collection = "/api/v1/admin/" + item.split(separator: "/").dropLast().joined(separator: "/")
            return ["GET \(collection)", "POST \(collection)", "GET /api/v1/admin/\(item)", "PUT /api/v1/admin/\(item)",
                    "DELETE /api/v1/admin/\(item)"]
        })

    /// Issue #6 items 4–5: closures, capacity changes, the "to contact"
    /// list and the statistics, for the office's staff and admins.
    static let officeChangeOperations: Set<String> = [
        "GET /api/v1/offices/{officeId}/closures",
        "POST /api/v1/offices/{officeId}/closures",
        "DELETE /api/v1/offices/{officeId}/closures/{closureId}",
        "GET /api/v1/offices/{officeId}/capacity-changes",
        "POST /api/v1/offices/{officeId}/capacity-changes",
        "DELETE /api/v1/offices/{officeId}/capacity-changes/{changeId}",
        "GET /api/v1/offices/{officeId}/affected-bookings",
        "POST /api/v1/offices/{officeId}/affected-bookings/{code}/handled",
        "GET /api/v1/offices/{officeId}/statistics",
        "GET /api/v1/offices/{officeId}/statistics.csv",
    ]

    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    var document: JSONValue!

    override func setUpWithError() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("Public/api/openapi.json"))
        document = try JSONParser.parse([UInt8](data))
    }

    /// (label, operation) for every operation in the document.
    var operations: [(String, JSONValue)] {
        document["paths"]!.objectValue!.members.flatMap { path, item in
            Self.methods.compactMap { method in item[method].map { ("\(method.uppercased()) \(path)", $0) } }
        }
    }

    /// Follows a local `$ref` once.
    func resolve(_ value: JSONValue) -> JSONValue {
        guard let ref = value["$ref"]?.stringValue, ref.hasPrefix("#/") else { return value }
        return ref.dropFirst(2).split(separator: "/").reduce(document!) { $0[String($1)] ?? .null }
    }

    func testIsOpenAPI31() {
        XCTAssertEqual(document["openapi"], "3.1.0")
        XCTAssertNotNil(document["info"]?["title"]?.stringValue)
    }

    func testEveryContractOperationIsDocumented() {
        XCTAssertEqual(Set(operations.map(\.0)), Self.contractOperations.union(Self.additionalOperations))
    }

    func testEveryErrorIsAProblemAndNoCatchAll() {
        for (label, operation) in operations {
            let responses = operation["responses"]!.objectValue!
            XCTAssertNil(responses["default"], "\(label): list real codes, no default")
            for (code, response) in responses {
                guard let status = Int(code) else { return XCTFail("\(label): response key \(code)") }
                let content = resolve(response)["content"]
                if status >= 400 && !(label == "GET /health" || label == "GET /ready" && status != 503) {
                    let schema = content?["application/problem+json"]?["schema"]
                    XCTAssertNotNil(schema, "\(label) \(code) must be application/problem+json")
                    XCTAssertEqual(content?.objectValue?.count, 1, "\(label) \(code)")
                }
            }
        }
    }

    func testStatusesWhereTheyCanHappen() {
        for (label, operation) in operations {
            let codes = Set(operation["responses"]!.objectValue!.keys)
            XCTAssertTrue(codes.contains("400"), "\(label): any request can be malformed")
            XCTAssertTrue(codes.isSuperset(of: ["414", "431"]), "\(label): any request line or header section can be too long")
            XCTAssertTrue(codes.contains { $0.hasPrefix("2") }, "\(label): a success")
            if operation["requestBody"] != nil {
                for code in ["413", "415", "422"] { XCTAssertTrue(codes.contains(code), "\(label) needs \(code)") }
                XCTAssertEqual(operation["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"]?.stringValue?.hasPrefix("#/components/schemas/"), true)
            }
            if label.contains("{") { XCTAssertTrue(codes.contains("404"), "\(label): unknown path parameter") }
            let security = operation["security"]?.arrayValue
            XCTAssertNotNil(security, "\(label): says who may call it")
            let optional = security?.contains { $0.objectValue?.isEmpty ?? false } ?? true
            if !(security?.isEmpty ?? true) && !optional { XCTAssertTrue(codes.contains("401"), "\(label): signed-in only") }
            if label.hasPrefix("GET /api/v1/offices/{officeId}/schedule") || label.contains("check-in")
                || Self.officeChangeOperations.contains(label) {
                XCTAssertTrue(codes.contains("403"), "\(label): staff only")
            }
        }
    }

    func testPathParametersAreDeclared() {
        for (label, operation) in operations {
            let path = String(label.split(separator: " ")[1])
            let declared = Set((operation["parameters"]?.arrayValue ?? []).map(resolve).filter { $0["in"] == "path" }
                .compactMap { $0["name"]?.stringValue })
            let templated = Set(path.split(separator: "{").dropFirst().compactMap { $0.split(separator: "}").first.map(String.init) })
            XCTAssertEqual(declared, templated, label)
        }
    }

    func testPatternsAreTheOnesTheServerChecks() {
        let schemas = document["components"]!["schemas"]!
        XCTAssertEqual(schemas["Identifier"]?["pattern"]?.stringValue, FieldFormat.identifier.pattern)
        XCTAssertEqual(schemas["OpaqueId"]?["pattern"]?.stringValue, FieldFormat.opaqueId.pattern)
        XCTAssertEqual(schemas["BookingCode"]?["pattern"]?.stringValue, FieldFormat.bookingCode.pattern)
        XCTAssertEqual(schemas["BookingCode"]?["pattern"], "^[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}$(?!\\n)")
        XCTAssertEqual(schemas["Identifier"]?["pattern"], "^[a-z0-9-]{1,64}$(?!\\n)")
        XCTAssertEqual(schemas["TypedBookingCode"]?["pattern"]?.stringValue, FieldFormat.typedBookingCode.pattern)
        XCTAssertEqual(document["components"]?["parameters"]?["code"]?["schema"]?["$ref"], "#/components/schemas/TypedBookingCode")
        XCTAssertEqual(schemas["Email"]?["pattern"]?.stringValue, FieldFormat.email.pattern)
        XCTAssertEqual(schemas["Phone"]?["pattern"]?.stringValue, FieldFormat.phone.pattern)
        XCTAssertEqual(schemas["Service"]?["properties"]?["leikaKey"]?["pattern"]?.stringValue, FieldFormat.leikaKey.pattern)
        XCTAssertEqual(document["components"]?["parameters"]?["idempotencyKey"]?["schema"]?["pattern"]?.stringValue,
                       FieldFormat.idempotencyKey.pattern)
        XCTAssertEqual(schemas["Quantity"]?["minimum"], 1)
        XCTAssertEqual(schemas["Quantity"]?["maximum"], 20)
        XCTAssertEqual(schemas["Date"]?["format"], "date")
    }

    func testProblemSchemaAndSlugs() {
        let problem = document["components"]!["schemas"]!["Problem"]!
        XCTAssertEqual(Set(problem["required"]!.arrayValue!.compactMap(\.stringValue)), ["type", "title", "status", "detail"])
        XCTAssertEqual(problem["properties"]?["errors"]?["items"]?["$ref"], "#/components/schemas/FieldError")
        let description = problem["description"]?.stringValue ?? ""
        for type in ProblemType.all where type.slug != "about:blank" {
            XCTAssertTrue(description.contains(type.slug), "slug \(type.slug) documented")
        }
    }

    func testResourceSchemasCarryTheContractFields() {
        let schemas = document["components"]!["schemas"]!
        let expected: [String: [String]] = [
            "Office": ["id", "name", "kind", "municipality", "address", "timeZone", "services"],
            "Service": ["id", "name", "description", "durationMinutes", "minutesPerExtraUnit", "maxQuantity", "fee", "documents", "offices"],
            "Booking": ["code", "status", "officeId", "services", "start", "end", "channel", "contact", "documents", "createdAt"],
            "WalkInTicket": ["number", "services", "issuedAt", "estimatedCallAt"],
            "CallbackRequest": ["id", "status", "officeId", "name", "phone", "topic", "note", "createdBy", "createdAt"],
            "Memo": ["id", "status", "officeId", "subject", "text", "createdBy", "createdAt"],
            "CapacityEntry": ["start", "total", "walkIn", "booked", "held", "free"],
            "Schedule": ["officeId", "date", "appointments", "walkIns", "capacity"],
            "WalkInStatus": ["open", "acceptingWalkIns", "waiting", "estimatedWaitMinutes"],
            "BookingCreated": ["booking", "manageToken"],
            "Hold": ["holdId", "expiresAt"],
            "Closure": ["id", "from", "through", "reason"],
            "CapacityChange": ["id", "date", "counters", "reason"],
            "AffectedBooking": ["booking", "change", "cause", "listedAt"],
            "UtilisationCell": ["weekday", "hour", "booked", "bookable", "ratio"],
            "Location": ["name", "address"],
        ]
        for (name, fields) in expected {
            let required = Set(schemas[name]?["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            XCTAssertEqual(required, Set(fields), name)
        }
        let statuses = schemas["BookingStatus"]?["enum"]?.arrayValue?.compactMap(\.stringValue)
        XCTAssertEqual(statuses, ["confirmed", "pendingConfirmation", "cancelled", "checkedIn", "noShow", "completed"])
        XCTAssertEqual(schemas["OfficeKind"]?["enum"], ["citizensOffice", "vehicleRegistration", "drivingLicence", "mobile"])
        XCTAssertEqual(schemas["Channel"]?["enum"], ["online", "phone", "desk"])
        // Added, so optional: where the appointment is held.
        XCTAssertEqual(schemas["Booking"]?["properties"]?["location"]?["$ref"], "#/components/schemas/Location")
    }

    /// The citizen's own data (#15): what the download holds, what an
    /// erased booking adds, and enums that are exactly the code's, so an
    /// erased booking's history and its messages fit the document.
    func testPersonalDataSchemasAreTheCodes() {
        let schemas = document["components"]!["schemas"]!
        XCTAssertEqual(Set(schemas["PersonalData"]?["required"]?.arrayValue?.compactMap(\.stringValue) ?? []),
                       ["booking", "language", "history", "messages"])
        XCTAssertEqual(schemas["PersonalData"]?["properties"]?["erasureDue"]?["$ref"], "#/components/schemas/DateTime")
        XCTAssertEqual(schemas["Booking"]?["properties"]?["erasedAt"]?["$ref"], "#/components/schemas/DateTime")
        XCTAssertNil(schemas["Contact"]?["properties"]?["name"]?["minLength"], "an erased booking's name is empty")
        func strings(_ value: JSONValue?) -> [String] { value?.arrayValue?.compactMap(\.stringValue) ?? [] }
        XCTAssertEqual(strings(schemas["BookingEvent"]?["properties"]?["action"]?["enum"]), BookingAction.allCases.map(\.rawValue))
        let message = schemas["PersonalDataMessage"]?["properties"]
        XCTAssertEqual(strings(message?["kind"]?["enum"]), OutboxMessage.Kind.allCases.map(\.rawValue))
        XCTAssertEqual(strings(message?["status"]?["enum"]), OutboxMessage.Status.allCases.map(\.rawValue))
    }

    /// A service's texts in other languages (#13), added beside the
    /// German fields: by language code, each with the fields a page shows.
    func testServicesCarryTheirTranslations() {
        let service = document["components"]!["schemas"]!["Service"]!
        let translations = service["properties"]?["translations"]
        XCTAssertEqual(translations?["type"], "object")
        XCTAssertFalse(service["required"]?.arrayValue?.contains("translations") ?? true, "added, so optional")
        let texts = resolve(translations?["additionalProperties"] ?? .null)
        XCTAssertEqual(Set(texts["required"]?.arrayValue?.compactMap(\.stringValue) ?? []), ["name", "description", "documents"])
        XCTAssertEqual(texts["properties"]?["documents"]?["items"]?["type"], "string")
    }

    /// The links stateful testing (scripts/conformance) follows: a new
    /// booking to what its code opens, a hold to its release.
    func testLinksLeadToOperationsAndTheirPathParameters() {
        let byId = Dictionary(uniqueKeysWithValues: operations.compactMap { label, operation in
            operation["operationId"]?.stringValue.map { ($0, (label, operation)) }
        })
        var linked: Set<String> = []
        for (label, operation) in operations {
            for (_, response) in operation["responses"]!.objectValue! {
                for (name, link) in resolve(response)["links"]?.objectValue ?? [:] {
                    guard let target = link["operationId"]?.stringValue, let (targetLabel, _) = byId[target] else {
                        XCTFail("\(label) link \(name) names no operation"); continue
                    }
                    linked.insert(target)
                    for (parameter, expression) in link["parameters"]?.objectValue ?? [:] {
                        XCTAssertTrue(targetLabel.contains("{\(parameter)}"), "\(label) → \(targetLabel): \(parameter)")
                        XCTAssertTrue(expression.stringValue?.hasPrefix("$response.body#/") ?? false, "\(name): \(expression)")
                    }
                }
            }
        }
        XCTAssertTrue(linked.isSuperset(of: ["getBooking", "getBookingCalendar", "rescheduleBooking", "cancelBooking", "releaseHold"]),
                      "linked: \(linked.sorted())")
    }

    /// The admin API's items are the catalogue file's objects: the
    /// document carries the file's schema (Public/schema/catalogue.schema.json)
    /// as `Catalogue.<name>`, so a field added to the file is added here too
    /// or this fails.
    func testCatalogueItemsAreTheFilesObjects() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = try JSONParser.parse([UInt8](Data(contentsOf: root.appendingPathComponent("Public/schema/catalogue.schema.json"))))
        func rewritten(_ value: JSONValue) -> JSONValue {
            switch value {
            case .object(let object):
                return .object(JSONObject(object.members.map { key, member in
                    if key == "$ref", let target = member.stringValue, target.hasPrefix("#/$defs/") {
                        return (key, .string("#/components/schemas/Catalogue." + target.dropFirst("#/$defs/".count)))
                    }
                    return (key, rewritten(member))
                }))
            case .array(let elements): return .array(elements.map(rewritten))
            default: return value
            }
        }
        let schemas = document["components"]!["schemas"]!
        for (name, definition) in file["$defs"]!.objectValue! {
            XCTAssertEqual(schemas["Catalogue." + name], rewritten(definition), name)
        }
        XCTAssertEqual(schemas["CatalogueFile"]?["properties"], rewritten(file["properties"]!))
        let service = schemas["CatalogueServiceItem"]!["properties"]!.objectValue!
        XCTAssertEqual(Set(service.keys), Set(schemas["Catalogue.service"]!["properties"]!.objectValue!.keys).union(["offices"]))
        let office = schemas["CatalogueOfficeItem"]!["properties"]!.objectValue!
        XCTAssertEqual(Set(office.keys), Set(schemas["Catalogue.office"]!["properties"]!.objectValue!.keys).subtracting(["services", "rules", "closures"]))
        XCTAssertEqual(schemas["AffectedBooking"]?["properties"]?["change"]?["properties"]?["kind"]?["enum"], ["closure", "capacity", "catalogue"])
    }

    func testSecuritySchemes() {
        let schemes = document["components"]!["securitySchemes"]!
        XCTAssertEqual(schemes["sessionCookie"]?["in"], "cookie")
        XCTAssertEqual(schemes["sessionCookie"]?["name"], "__Host-terminbuch-session")
        XCTAssertEqual(schemes["apiToken"]?["scheme"], "bearer")
        XCTAssertEqual(schemes["manageToken"]?["scheme"], "bearer")
        let ids = operations.compactMap { $0.1["operationId"]?.stringValue }
        XCTAssertEqual(Set(ids).count, operations.count, "operationIds are unique")
    }
}
