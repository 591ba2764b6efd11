import Core
import HTTPServer
import Scheduling
import Templating

/// The citizen pages (docs/architecture.md, "Security"): server-rendered from `Templates/`,
/// complete without JavaScript, German by default and English too.
///
/// Every page calls the same use cases of Core as the JSON API. The
/// booking's progress lives in the address and in hidden form fields, never
/// in a server session: a citizen can open two bookings in two tabs, and a
/// server restart loses nothing but the holds that would expire anyway.
struct Pages: CallsUseCases, Sendable {
    let useCases: UseCases
    /// The same throttle as `POST /api/v1/session`: one count per client, whichever door it knocks on.
    let throttle: SignInThrottle
    /// The calendar feed's address in full.
    let links: AbsoluteLinks
    let templates: TemplateLibrary
    let translations: Translations

    /// Form posts are a few hundred bytes; 16 KiB leaves room for long names.
    static let formOptions = RouteOptions(maxBodyBytes: 16 * 1024)

    /// Loads and checks every template and catalogue once: a broken
    /// template or a missing text stops the service at start.
    init(useCases: UseCases, throttle: SignInThrottle, links: AbsoluteLinks, templatesDirectory: String) throws {
        self.useCases = useCases
        self.throttle = throttle
        self.links = links
        templates = try TemplateLibrary(directory: templatesDirectory)
        translations = try Translations(directory: templatesDirectory + "/i18n")
        try templates.checkTexts(translations)
    }

    func register(on builder: RouterBuilder) {
        registerStart(on: builder)
        registerOffice(on: builder)
        registerDay(on: builder)
        registerTime(on: builder)
        registerDetails(on: builder)
        registerBook(on: builder)
        registerManage(on: builder)
        registerPersonalData(on: builder)
        registerBookingLinks(on: builder)
        registerOptIn(on: builder)
        registerMove(on: builder)
        registerInformation(on: builder)
        registerPrivacy(on: builder)
        registerSignedIn(on: builder)
        registerOfficeChanges(on: builder)
    }

    /// GET and HEAD of a page.
    func get(_ builder: RouterBuilder, _ path: String, _ body: @escaping @Sendable (PageRequest) throws -> HTTPResponse) {
        builder.get(path, options: Self.formOptions, handler(body))
    }

    /// POST of a form: refused with the 403 page unless its CSRF token matches.
    func post(_ builder: RouterBuilder, _ path: String, _ body: @escaping @Sendable (PageRequest) throws -> HTTPResponse) {
        builder.post(path, options: Self.formOptions, handler(body))
    }
}

/// What a page handler can throw besides the use cases' errors: each ends
/// in a page of its own, in the citizen's language.
enum PageFailure: Error {
    /// An unknown service, office, booking or secret: the 404 page.
    case notFound
    /// A step reached without what it needs (a hand-edited address): back
    /// to the first step that is missing, as a redirect.
    case redirect(String)
    /// A signed-in account that may not do this (another office, another
    /// municipality): the 403 page.
    case forbidden
}
