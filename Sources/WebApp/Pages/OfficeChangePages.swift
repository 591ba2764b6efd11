import Booking
import HTTPServer
import Scheduling
import Templating

/// The office's own pages for closures, counters, the "to contact" list
/// and the statistics (issue #6, items 4–5), under `/dienststelle/{officeId}`
/// beside the staff start page. Staff of the office and admins only:
/// anonymous visitors are sent to the sign-in page (and come back), other
/// accounts get the 403 page. Nothing here is kept by any cache.
extension Pages {
    static func officePath(_ officeId: String, _ page: String) -> String { "/dienststelle/\(officeId)/\(page)" }
    /// The sign-in page of the `console-pages` work (its `signInPath`); one of the two goes once both are on main.
    static let officeSignInPath = "/anmelden"

    var officeChanges: OfficeChanges { OfficeChanges(store: appointments.store, clock: appointments.clock) }
    var statistics: Statistics { Statistics(store: appointments.store, clock: appointments.clock) }

    func registerOfficeChanges(on builder: RouterBuilder) {
        registerClosurePages(on: builder)
        registerCapacityPages(on: builder)
        registerAffectedPages(on: builder)
        registerStatisticsPages(on: builder)
    }

    /// GET of an office page.
    func officeGet(_ builder: RouterBuilder, _ page: String,
                   _ body: @escaping @Sendable (PageRequest, OfficeContext) throws -> HTTPResponse) {
        get(builder, "/dienststelle/:officeId/\(page)") { try officeGuard($0, body) }
    }

    /// POST of an office form; the CSRF token is checked before the role.
    func officePost(_ builder: RouterBuilder, _ page: String,
                    _ body: @escaping @Sendable (PageRequest, OfficeContext) throws -> HTTPResponse) {
        post(builder, "/dienststelle/:officeId/\(page)") { try officeGuard($0, body) }
    }

    private func officeGuard(_ page: PageRequest,
                             _ body: (PageRequest, OfficeContext) throws -> HTTPResponse) throws -> HTTPResponse {
        let identity = try Identity.of(page.http, accounts: accounts)
        guard let account = identity.account else {
            return redirect(PageLink.make(Self.officeSignInPath, [("weiter", page.isPost ? nil : page.address)]))
        }
        let officeId = page.parameter("officeId")
        var response: HTTPResponse
        if !identity.isStaff(of: officeId) {
            // `notAllowed`: a wrong account, not a form without its CSRF token.
            response = try render("pages/forbidden", ["notAllowed": .bool(true)], page, status: .forbidden)
        } else {
            guard let office = try catalogue().office(officeId) else { throw PageFailure.notFound }
            response = try body(page, OfficeContext(office: office, account: account))
        }
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    /// The office's name and the links between its pages, for every template here.
    func officeValues(_ context: OfficeContext, _ page: PageRequest, current: String) -> TemplateValue {
        let pages = ["schliesstage": "officeChanges.nav.closures", "kapazitaet": "officeChanges.nav.capacity",
                     "nachfassen": "officeChanges.nav.affected", "statistik": "officeChanges.nav.statistics"]
        return [
            "officeName": .string(context.office.name),
            "nav": .list(["schliesstage", "kapazitaet", "nachfassen", "statistik"].map { name in
                [
                    "href": .string(Self.officePath(context.office.id, name)),
                    "text": .string(page.texts.text(pages[name]!)),
                    "current": .bool(name == current),
                ]
            }),
        ]
    }

    /// The message of a draft's issue, in the page's language.
    func message(_ issue: OfficeChangeIssue, _ page: PageRequest) -> String {
        page.texts.text("officeChanges.error.\(issue.kind.rawValue)")
    }

    /// A date field of a form: nil with a message when missing or malformed.
    func dateField(_ name: String, _ page: PageRequest, required: Bool, errors: inout FormErrors) -> LocalDate? {
        guard let text = page.field(name) else {
            if required { errors.add(name, page.texts.text("officeChanges.error.dateMissing")) }
            return nil
        }
        guard let date = LocalDate(text) ?? Self.germanDate(text) else {
            errors.add(name, page.texts.text("officeChanges.error.dateInvalid"))
            return nil
        }
        return date
    }

    /// `1.12.2026` or `01.12.2026`, as people type a date where the
    /// browser offers no date picker.
    static func germanDate(_ text: String) -> LocalDate? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].count == 4, let day = Int(parts[0]), let month = Int(parts[1]),
              let year = Int(parts[2]) else { return nil }
        return LocalDate(year: year, month: month, day: day)
    }

    /// The optional time band of a form (`fromTime`, `toTime`).
    func bandField(_ page: PageRequest, errors: inout FormErrors) -> TimeBand? {
        var issues: [OfficeChangeIssue] = []
        let band = OfficeChangeIssue.band(from: page.field("fromTime"), to: page.field("toTime"), issues: &issues)
        for issue in issues { errors.add(issue.field, message(issue, page)) }
        return band
    }
}

/// The office a page is about and who opened it.
struct OfficeContext: Sendable {
    let office: Office
    let account: Account
}
