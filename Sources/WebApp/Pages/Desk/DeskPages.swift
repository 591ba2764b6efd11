import Core
import HTTPServer
import Scheduling
import Templating

/// The office's own pages under `/dienst/{officeId}/…`: the day's schedule
/// with the desk's buttons, the printable day, walk-in tickets and the
/// queue; and the public waiting-room board `/warten/{officeId}`.
///
/// They are `Pages` (same templates, texts, CSRF and language handling)
/// behind the signed-in pages' guard (`Pages.staffGet`/`staffPost`): no
/// session → the sign-in page and back, anyone who is not staff of the
/// office → the 403 page. They carry personal data, so none is kept by a
/// cache or named in a `Referer`.
struct DeskPages: CallsUseCases, Sendable {
    let pages: Pages

    var useCases: UseCases { pages.useCases }

    func register(on builder: RouterBuilder) {
        registerSchedule(on: builder)
        registerFeeds(on: builder)
        registerWalkIns(on: builder)
        registerQueue(on: builder)
        registerBoard(on: builder)
    }

    /// `/dienst/{officeId}/…` for `path`.
    static func link(_ officeId: OfficeID, _ path: String, _ query: [(String, String?)] = []) -> String {
        PageLink.make("/dienst/\(officeId)/\(path)", query)
    }

    /// What every desk page shows above its content: the office and its desk links.
    func frame(_ office: Office, date: LocalDate, page: PageRequest) throws -> TemplateValue {
        let format = try officeFormat(page, office)
        return [
            "officeId": .string(office.id),
            "officeName": .string(office.name),
            "dateText": .string(format.date(date)),
            "scheduleHref": .string(Self.link(office.id, "tagesplan", [("date", date.description)])),
            "walkInHref": .string(Self.link(office.id, "wartenummer")),
            "queueHref": .string(Self.link(office.id, "warteschlange")),
            "boardHref": .string("/warten/\(office.id)"),
        ]
    }

    /// Dates and times as the desk's office keeps them: in its zone.
    func officeFormat(_ page: PageRequest, _ office: Office) throws -> CitizenFormat {
        page.format(in: try pages.zone(office.id))
    }

    /// Desk pages: nobody's cache keeps them, no `Referer` names them.
    func render(_ name: String, _ values: TemplateValue, _ page: PageRequest, status: HTTPStatus = .ok,
                errors: FormErrors = FormErrors()) throws -> HTTPResponse {
        try pages.render(name, values, page, status: status, errors: errors, secret: true)
    }

    /// A service line as the desk reads it, in the page's language:
    /// "Reisepass beantragen (für 2)".
    func serviceText(_ line: RequestedService, catalogue: Catalogue, page: PageRequest) -> String {
        let name = catalogue.service(line.serviceId)?.texts(in: page.language).name ?? line.serviceId.rawValue
        return line.quantity > 1 ? page.texts.format("appointment.serviceTimes", ["service": name, "count": String(line.quantity)]) : name
    }
}
