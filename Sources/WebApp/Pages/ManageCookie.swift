import Core
import HTTPServer

/// Where the manage token goes once its link was opened: a cookie scoped
/// to that one booking's pages, so the token leaves the address at once.
/// An address is kept by the browser's history, a proxy's access log and
/// the `Referer` of whatever the page links to; a cookie is none of those.
///
/// `/termin/verwalten/{code}?token=…` (the link the service gives out, which
/// needs no JavaScript and so cannot use a fragment) answers 303 to the
/// same page without the token, setting this cookie; that page and the
/// ones it links to read the token from the cookie. The cookie holds the
/// token itself, so it survives a server restart as the rest of a
/// citizen's journey does (no server session); it is invisible to scripts,
/// HTTPS-only, sent to no other booking's pages and to no other site's
/// subrequests, and the browser drops it after `lifetimeSeconds` — the
/// link works again for as long as the booking lasts.
enum ManageCookie {
    /// `__Secure-`: a cookie without it could be planted over plain HTTP.
    /// (`__Host-` would demand `Path=/`.)
    static let name = "__Secure-terminbuch-manage"
    static let lifetimeSeconds = 30 * 60

    /// The booking's pages: the manage page and its move and cancel steps.
    static func path(_ code: BookingCode) -> String { "/termin/verwalten/\(code.value)" }

    static func header(_ token: String, code: BookingCode) -> String {
        "\(name)=\(token); Path=\(path(code)); Max-Age=\(lifetimeSeconds); Secure; HttpOnly; SameSite=Lax"
    }

    static func token(of request: HTTPRequest) -> String? {
        Identity.cookie(name, in: request).flatMap { $0.isEmpty ? nil : $0 }
    }
}
