import HTTPServer
import Scheduling
import Templating

/// One request to a page, as its handler sees it: the language chosen for
/// it, its query or form fields, and the CSRF token its forms will carry.
struct PageRequest: Sendable {
    let http: HTTPRequest
    /// `de` or `en`: a form's `lang` (the language of the page it was on),
    /// else `?lang=`, else the `lang` cookie, else `Accept-Language`, else German.
    let language: String
    let texts: TextCatalogue
    /// Query parameters; the first value wins for repeated names.
    let query: [String: String]
    /// The fields of a form post (empty for GET); the first value wins.
    let form: [String: String]
    /// The same fields in the order they came, for posting them again.
    let formFields: [(String, String)]
    /// The double-submit token: the `__Host-csrf` cookie's value, or a new
    /// one this response sets.
    let csrf: CSRF.Token
    /// Set when this request chose a language with the switch (`?lang=`, or
    /// the switch's form): remembered in the `lang` cookie.
    let choseLanguage: Bool
    /// Who is signed in: set by the signed-in pages' guard only (the citizen
    /// pages never look a session up), and shown in the layout's header.
    var identity: Identity = .anonymous

    /// Dates and times in this page's language, in the zone of the office whose times it shows.
    func format(in zone: TimeZoneRules) -> CitizenFormat { CitizenFormat(texts: texts, zone: zone) }
    var isPost: Bool { http.method == .post }

    /// A path parameter of the route (`:serviceId`, `:code`).
    func parameter(_ name: String) -> String { http.parameter(name) ?? "" }

    /// The path parameter `name` as the id of what it names.
    func parameterID<Kind>(_ name: String) -> Identifier<Kind> { Identifier(parameter(name)) }

    /// The query or form field `name` as the id of what it names; nil when
    /// absent or blank.
    func fieldID<Kind>(_ name: String) -> Identifier<Kind>? { field(name).map { Identifier($0) } }

    /// The query or form field `name`, trimmed; nil when absent or blank.
    func field(_ name: String) -> String? {
        guard let value = (isPost ? form[name] : query[name]) else { return nil }
        let trimmed = value.trimmedSpaces
        return trimmed.isEmpty ? nil : trimmed
    }

    /// This page's own address without `lang`: where the language switch
    /// leads, so the citizen stays where they are.
    var address: String {
        let pairs = http.head.query.map { FormDecoding.pairs($0) } ?? []
        return PageLink.make(String(http.path), pairs.filter { $0.0 != "lang" }.map { ($0.0, $0.1) })
    }
}

extension String {
    var trimmedSpaces: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
