import Core
import Foundation
import HTTPServer
import Scheduling
import Templating

/// The JSON API of docs/api.md under `/api/v1`. Handlers decode and check the
/// request, call one use case, and render its result; every rule lives in
/// the use cases and the allocator.
struct API: CallsUseCases, Sendable {
    let useCases: UseCases
    /// Shared with the sign-in page, so both doors count the same failures.
    let throttle: SignInThrottle
    /// The calendar feed's address in full.
    let links: AbsoluteLinks
    /// The OpenAPI document, read once at start.
    let openAPIDocument: [UInt8]
    /// The languages a booking's messages can be written in (the pages' own).
    let translations: Translations

    /// docs/api.md: bodies over 64 KiB are refused with 413.
    static let options = RouteOptions(maxBodyBytes: 64 * 1024)

    init(useCases: UseCases, throttle: SignInThrottle, links: AbsoluteLinks, translations: Translations,
         publicDirectory: String) throws {
        self.useCases = useCases
        self.throttle = throttle
        self.links = links
        self.translations = translations
        openAPIDocument = try [UInt8](Data(contentsOf: URL(fileURLWithPath: publicDirectory + "/api/openapi.json")))
    }

    /// Registers every route of the API; returns their declared audiences.
    @discardableResult
    func register(on builder: RouterBuilder) -> [APIRoutes.Declaration] {
        let routes = APIRoutes(builder: builder, accounts: accounts)
        // The document changes only with a new release: a validator lets
        // clients and caches ask again for the price of a 304.
        let document = openAPIDocument
        let etag = "\"" + Crypto.sha256(document).prefix(8).map { String(format: "%02x", $0) }.joined() + "\""
        let validators: HTTPHeaders = ["ETag": etag, "Cache-Control": "no-cache"]
        routes.get("/api/v1/openapi.json", options: RouteOptions(runsOnEventLoop: true)) { request in
            let asked = request.http.headers["If-None-Match"]?.split(separator: ",").map { $0.trimmingCharacters(in: " ") } ?? []
            if asked.contains(where: { $0 == etag || $0 == "W/" + etag || $0 == "*" }) {
                return HTTPResponse(status: .notModified, headers: validators)
            }
            return HTTPResponse(status: .ok, contentType: "application/json", body: document, headers: validators)
        }
        registerCatalogue(on: routes)
        registerAvailability(on: routes)
        registerBookings(on: routes)
        registerBookingLinks(on: routes)
        registerOptIn(on: routes)
        registerOffice(on: routes)
        registerSession(on: routes)
        registerCallCentre(on: routes)
        registerHistory(on: routes)
        registerPersonalData(on: routes)
        registerDesk(on: routes)
        registerOfficeChanges(on: routes)
        registerStatistics(on: routes)
        registerAccounts(on: routes)
        registerCatalogueAdministration(on: routes)
        registerAudit(on: routes)
        return routes.declarations
    }

}

/// Query-string parameters, checked with the same messages as body fields.
struct QueryParameters {
    let values: [String: String]
    var errors: [FieldError] = []

    init(_ request: HTTPRequest) { values = request.queryParameters }

    /// An absent parameter is nil (422 when required); a present but empty
    /// one is a wrong value, as the document's pattern says (`officeId=`).
    mutating func identifier<Kind>(_ name: String, required: Bool) -> Identifier<Kind>? {
        guard let text = values[name], !(text.isEmpty && required) else {
            if required { errors.append(FieldError(field: name, message: "is required")) }
            return nil
        }
        guard FieldFormat.identifier.matches(text) else {
            errors.append(FieldError(field: name, message: FieldFormat.identifier.message))
            return nil
        }
        return Identifier(text)
    }

    mutating func date(_ name: String, required: Bool) -> LocalDate? {
        guard let text = values[name], !(text.isEmpty && required) else {
            if required { errors.append(FieldError(field: name, message: "is required")) }
            return nil
        }
        guard let date = LocalDate(text) else {
            errors.append(FieldError(field: name, message: "must be a date like 2026-12-01"))
            return nil
        }
        return date
    }

    /// `services=ID[,ID…]&quantity=N`: each service once, N for every one.
    mutating func services() -> [RequestedService] {
        var quantity = 1
        if let text = values["quantity"] {
            if let value = Int(text), (1...20).contains(value) { quantity = value } else {
                errors.append(FieldError(field: "quantity", message: "must be a whole number from 1 to 20"))
            }
        }
        guard let list = values["services"], !list.isEmpty else {
            errors.append(FieldError(field: "services", message: "is required"))
            return []
        }
        let ids = list.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard ids.count <= 10, ids.allSatisfy(FieldFormat.identifier.matches) else {
            errors.append(FieldError(field: "services", message: "must be 1 to 10 service ids separated by commas"))
            return []
        }
        return ids.map { RequestedService(serviceId: ServiceID($0), quantity: quantity) }
    }

    /// `?excel=1` (or `true`); absent is false.
    mutating func flag(_ name: String) -> Bool {
        guard let text = values[name] else { return false }
        switch text {
        case "1", "true": return true
        case "0", "false", "": return false
        default:
            errors.append(FieldError(field: name, message: "must be 1 or 0"))
            return false
        }
    }

    func check() throws {
        if !errors.isEmpty { throw Problem.invalidValues(errors) }
    }

    /// A required value after `check()`: reading it reported it missing or
    /// wrong, so nil here is that same 422.
    func required<Value>(_ value: Value?) throws -> Value {
        try check()
        guard let value else { throw Problem.invalidValues(errors) }
        return value
    }
}
