import HTTPServer
import Templating

/// The visible language switch: links to this very page in the other
/// languages, and the cookie that remembers the choice.
enum LanguageSwitch {
    static let cookieName = "lang"

    /// Readable by scripts on purpose (a script may localise what it adds);
    /// it holds no secret. A year, like most sites' language choice.
    /// `Secure` as every cookie of ours: never sent over plain HTTP, where
    /// anyone on the way could set it (browsers keep it on http://localhost).
    static func cookieHeader(_ language: String) -> String {
        "\(cookieName)=\(language); Path=/; Max-Age=31536000; Secure; SameSite=Lax"
    }

    /// - Parameter repost: the form fields to post again to this page's
    ///   address instead of linking to it; nil for a link.
    static func links(from language: String, at address: String, repost: [(String, String)]?,
                      translations: Translations) -> TemplateValue {
        TemplateValue(translations.languages.filter { $0 != language }) { code in
            let separator = address.contains("?") ? "&" : "?"
            let form: TemplateValue = repost.map { fields in
                ["action": .string(address),
                 "fields": TemplateValue(fields) { ["field": .string($0.0), "value": .string($0.1)] }]
            } ?? .null
            return ["code": .string(code), "name": .string(translations[code].text("language.name")),
                    "href": .string(address + separator + "lang=" + PageLink.encode(code)), "repost": form]
        }
    }
}

extension Pages {
    /// Reads language, fields and CSRF cookie once for the handler.
    func pageRequest(_ http: HTTPRequest) -> PageRequest {
        let query = http.queryParameters
        let fields = http.method == .post ? FormDecoding.pairs(http.body) : []
        var form: [String: String] = [:]
        for (name, value) in fields where form[name] == nil { form[name] = value }
        var language: String?
        var chose = false
        if http.method == .post, let asked = form["lang"], translations.supports(asked) {
            language = asked
            chose = form["languageSwitch"] != nil
        } else if let asked = query["lang"], translations.supports(asked) {
            language = asked
            chose = true
        } else if let remembered = Identity.cookie(LanguageSwitch.cookieName, in: http), translations.supports(remembered) {
            language = remembered
        }
        let chosen = language ?? translations.language(forAcceptLanguage: http.headers["Accept-Language"])
        return PageRequest(http: http, language: chosen, texts: translations[chosen], query: query, form: form,
                           formFields: fields, csrf: CSRF.token(of: http), choseLanguage: chose)
    }
}
