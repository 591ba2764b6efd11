import Core
import HTTPServer
import Scheduling
import Templating

/// The office's own pages for closures, counters, the "to contact" list,
/// the messages not delivered and the statistics, under `/dienst/{officeId}`
/// beside the desk's pages and behind the same guard: the sign-in page
/// without a session, the 403 page to anyone who is not staff of the office
/// (admins are), and nothing kept by a cache or named in a `Referer`.
extension Pages {
    static func officePath(_ officeId: OfficeID, _ page: String) -> String { "\(staffHomePath)/\(officeId)/\(page)" }

    func registerOfficeChanges(on builder: RouterBuilder) {
        registerClosurePages(on: builder)
        registerCapacityPages(on: builder)
        registerAffectedPages(on: builder)
        registerStatisticsPages(on: builder)
        registerUndeliveredPages(on: builder)
    }

    /// GET of an office page, behind the signed-in pages' guard for the
    /// office's staff (`staffGet`).
    func officeGet(_ builder: RouterBuilder, _ page: String,
                   _ body: @escaping @Sendable (PageRequest, OfficeContext) throws -> HTTPResponse) {
        staffGet(builder, "\(Self.staffHomePath)/:officeId/\(page)") { page, account, office in
            Self.secret(try body(page, OfficeContext(office: office, account: account)))
        }
    }

    /// POST of an office form; the CSRF token is checked before the role.
    func officePost(_ builder: RouterBuilder, _ page: String,
                    _ body: @escaping @Sendable (PageRequest, OfficeContext) throws -> HTTPResponse) {
        staffPost(builder, "\(Self.staffHomePath)/:officeId/\(page)") { page, account, office in
            Self.secret(try body(page, OfficeContext(office: office, account: account)))
        }
    }

    /// Personal data (the list to contact): no cache keeps it, no `Referer` names it.
    private static func secret(_ response: HTTPResponse) -> HTTPResponse {
        var response = response
        for (name, value) in SecurityHeaders.forSecrets { response.headers.set(name, value) }
        return response
    }

    /// The pages here, as `[{href, text, current}]`: the links between
    /// them, and the staff start page's links to them.
    func officeLinks(_ officeId: OfficeID, _ page: PageRequest, current: String? = nil) -> TemplateValue {
        let pages = [("schliesstage", "officeChanges.nav.closures"), ("kapazitaet", "officeChanges.nav.capacity"),
                     ("nachfassen", "officeChanges.nav.affected"), ("nicht-zugestellt", "undelivered.title"),
                     ("statistik", "officeChanges.nav.statistics")]
        return .list(pages.map { name, text in
            ["href": .string(Self.officePath(officeId, name)), "text": .string(page.texts.text(text)), "current": .bool(name == current)]
        })
    }

    /// The office's name and the links to its day and between these pages, for every template here.
    func officeValues(_ context: OfficeContext, _ page: PageRequest, current: String) -> TemplateValue {
        [
            "officeName": .string(context.office.name),
            "dayHref": .string("\(Self.staffHomePath)/\(context.office.id)"),
            "nav": officeLinks(context.office.id, page, current: current),
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
