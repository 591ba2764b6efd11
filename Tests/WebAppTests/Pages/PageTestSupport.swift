import Core
import Foundation
import HTTPServer
import Scheduling
import WebApp
import XCTest

/// The real application — router, use cases, templates, catalogues — on a
/// fresh demo database with a clock standing still on Monday 16 November
/// 2026 at 07:30 in Bremerhaven (after the 07:00 release, before opening).
/// Requests go straight to the router: no sockets, same handlers.
final class PageTestApp {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The demo's catalogue file, as the application finds it beside `Public/`.
    static let demoCatalogue = root.appendingPathComponent(Application.Configuration.demoCatalogueInRepository).path
    static let monday = "2026-11-16"
    static let now = TimeZoneRules.europeBerlin.instant(on: LocalDate(monday)!, at: LocalTime(hour: 7, minute: 30)!)!

    let directory: URL
    let clock = AdjustableClock(startingAt: PageTestApp.now, running: false)
    let application: Application

    /// `publicURL`: as `serve --public-url` sets it.
    init(publicURL: PublicURL? = nil) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("terminbuch-pages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration = Application.Configuration(databasePath: directory.appendingPathComponent("db.sqlite").path,
                                                      publicDirectory: Self.root.appendingPathComponent("Public").path)
        configuration.templatesDirectory = Self.root.appendingPathComponent("Templates").path
        configuration.clock = clock
        configuration.passwordHasher = PasswordHasher(testCost: 10)
        configuration.publicURL = publicURL
        application = try Application(configuration)
    }

    deinit {
        application.close()
        try? FileManager.default.removeItem(at: directory)
    }

    var useCases: UseCases { application.useCases }

    /// A Berlin wall-clock time on the test Monday (or another date).
    static func at(_ time: String, on date: String = monday) -> Instant {
        TimeZoneRules.europeBerlin.instant(on: LocalDate(date)!, at: LocalTime(time)!)!
    }

    /// Books `start` through the use case, as someone else would meanwhile.
    @discardableResult
    func bookElsewhere(_ start: Instant, person: Int, service: ServiceID = "personalausweis") throws -> BookingConfirmation {
        try useCases.bookings.book(BookingOrder(officeId: "buergerbuero-mitte", services: [RequestedService(serviceId: service)],
                                           start: start, contact: Contact(name: "Andere Person \(person)",
                                                                          email: "andere\(person)@example.de")),
                              caller: .citizen).value
    }
}

/// A browser without JavaScript: keeps cookies, sends forms as
/// `application/x-www-form-urlencoded`, and answers with the page.
final class PageBrowser {
    struct Page {
        let status: Int
        let headers: HTTPHeaders
        let html: String

        func header(_ name: String) -> String? { headers[name] }
        var location: String? { headers["Location"] }

        /// The hidden fields of the form posting to `action`.
        func hiddenFields(of action: String) -> [(String, String)] {
            guard let form = self.form(action) else { return [] }
            return matches(#"<input type="hidden" name="([^"]*)" value="([^"]*)">"#, in: form).map { (unescape($0[0]), unescape($0[1])) }
        }

        func form(_ action: String) -> String? {
            // The page's own form, not the language switch that posts it again.
            let target = NSRegularExpression.escapedPattern(for: action)
            return matches(#"<form method="post" action="\#(target)"(?![^>]*language-form)[^>]*>[\s\S]*?</form>"#, in: html)
                .first?.first
        }

        /// The values of the radios named `name`.
        func radioValues(_ name: String) -> [String] {
            matches(#"name="\#(name)" type="radio" value="([^"]*)""#, in: html).map { unescape($0[0]) }
        }

        /// Every `href` of a link, unescaped, in order.
        var links: [String] { matches(#"<a [^>]*href="([^"]*)""#, in: html).map { unescape($0[0]) } }

        var title: String { matches(#"<title>([^<]*)</title>"#, in: html).first.map { unescape($0[0]) } ?? "" }

        /// The text of the error summary's links.
        var errorSummary: [String] {
            guard let summary = matches(#"<div class="error-summary"[\s\S]*?</div>"#, in: html).first?.first else { return [] }
            return matches(##"<li><a href="#[^"]*">([^<]*)</a></li>"##, in: summary).map { unescape($0[0]) }
        }

        func contains(_ text: String) -> Bool { html.contains(text) }
    }

    let app: PageTestApp
    var cookies: [String: String] = [:]
    var acceptLanguage: String?
    /// The client address the server sees (`HTTPRequest.clientKey`).
    var clientKey = ""

    init(_ app: PageTestApp) { self.app = app }

    var csrf: String { cookies["__Host-csrf"] ?? "" }

    func get(_ target: String) throws -> Page { try send(.get, target, body: nil) }

    /// Posts `fields`, with the CSRF token of the cookie unless `csrf` says otherwise.
    func post(_ target: String, _ fields: [(String, String)], csrf: String?? = .none) throws -> Page {
        var fields = fields.filter { $0.0 != "_csrf" }
        switch csrf {
        case .none: fields.append(("_csrf", self.csrf))
        case .some(.some(let token)): fields.append(("_csrf", token))
        case .some(.none): break
        }
        let body = fields.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
        return try send(.post, target, body: Array(body.utf8))
    }

    /// Posts the form of `page` that goes to `action`: its hidden fields plus `fields`.
    func submit(_ page: Page, _ action: String, _ fields: [(String, String)] = []) throws -> Page {
        let names = Set(fields.map(\.0))
        return try post(action, page.hiddenFields(of: action).filter { !names.contains($0.0) } + fields)
    }

    /// Follows a 303 as a browser does.
    func follow(_ page: Page) throws -> Page {
        guard page.status == 303, let location = page.location else {
            XCTFail("expected 303, got \(page.status): \(page.html.prefix(400))")
            return page
        }
        return try get(location)
    }

    private func send(_ method: HTTPMethod, _ target: String, body: [UInt8]?) throws -> Page {
        var headers: HTTPHeaders = ["Host": "localhost"]
        if !cookies.isEmpty { headers.add("Cookie", cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")) }
        if let acceptLanguage { headers.add("Accept-Language", acceptLanguage) }
        if body != nil { headers.add("Content-Type", "application/x-www-form-urlencoded") }
        var request = HTTPRequest(head: HTTPRequestHead(method: method, target: target, headers: headers), body: body ?? [])
        request.clientKey = clientKey
        let response = try app.application.router.respond(to: request)
        for value in response.headers.values("Set-Cookie") {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            cookies[String(pair[0])] = pair.count > 1 ? String(pair[1]) : ""
        }
        let html: String
        switch response.body {
        case .bytes(let bytes): html = String(decoding: bytes, as: UTF8.self)
        case .chunks(let chunks): html = String(decoding: chunks.flatMap { $0 }, as: UTF8.self)
        }
        return Page(status: response.status.code, headers: response.headers, html: html)
    }

    private func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}

func matches(_ pattern: String, in text: String) -> [[String]] {
    let regex = try! NSRegularExpression(pattern: pattern)
    return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
        (1..<max(match.numberOfRanges, 2)).map { index in
            guard index < match.numberOfRanges, let range = Range(match.range(at: index), in: text) else {
                return String(text[Range(match.range, in: text)!])
            }
            return String(text[range])
        }
    }
}

func unescape(_ html: String) -> String {
    html.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
        .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        .replacingOccurrences(of: "&amp;", with: "&")
}
