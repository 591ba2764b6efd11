import Core
import HTTPServer
import Scheduling
import Templating

/// The citizen's secret link: `/termin/verwalten/{code}?token=…` trades the
/// token for the booking's cookie (`ManageCookie`) and leads to the same
/// page without it, which shows the booking and offers to move or cancel
/// it. Every page here carries the token in its forms, so each is sent
/// with `Referrer-Policy: no-referrer` and `Cache-Control: no-store`; and
/// following the link changes nothing: only the forms on these pages,
/// posted with their CSRF token, act.
extension Pages {
    func registerManage(on builder: RouterBuilder) {
        manageGet(builder, "/termin/verwalten/:code") { page in
            let (booking, token) = try managed(page)
            return try managePage(page, booking, token: token, banner: nil)
        }
        manageGet(builder, "/termin/verwalten/:code/absagen") { page in
            let (booking, token) = try managed(page)
            guard bookings.isChangeable(booking) else { throw PageFailure.redirect(Self.managePath(booking.code)) }
            var values = try bookingValues(booking, catalogue: try catalogue(), page: page)
            let format = page.format(in: try zone(booking.officeId))
            values.set("question", .string(page.texts.format("cancel.question", ["when": format.dateAndTime(booking.start)])))
            values.set("action", .string("/termin/verwalten/\(booking.code.value)/absagen"))
            values.set("hidden", [["name": "token", "value": .string(token)]])
            values.set("backHref", .string(Self.managePath(booking.code)))
            return try render("pages/cancel", values, page, secret: true)
        }
        post(builder, "/termin/verwalten/:code/absagen") { page in
            let (booking, token) = try managed(page)
            do {
                let cancelled = try bookings.cancel(booking.code, access: .manageToken(token), caller: .citizen)
                return try managePage(page, cancelled, token: token, banner: page.texts.text("manage.cancelled"))
            } catch BookingError.notChangeable {
                return try managePage(page, booking, token: token, banner: page.texts.text("manage.notChangeable"))
            }
        }
        // The .ics download is a form post with the token as a hidden field,
        // not a link with the token in its path: a download's address is kept
        // in the browser's download list and written beside the file (the
        // `user.xdg.origin.url` attribute on Linux, `Zone.Identifier` on
        // Windows), and passes access logs and proxies. A form body does not.
        post(builder, "/termin/verwalten/:code/kalender") { page in
            let (booking, _) = try managed(page)
            guard Self.hasCalendarEvent(booking) else { throw PageFailure.notFound }
            let text = BookingCalendar.document(name: "Termin \(booking.code.value)", bookings: [booking],
                                                    catalogue: try catalogue(), language: page.language,
                                                    zone: try zone(booking.officeId),
                                                    stamp: time.now())
            var headers = SecurityHeaders.forSecrets
            headers.set("Content-Disposition", "attachment; filename=\"termin-\(booking.code.value).ics\"")
            return HTTPResponse(status: .ok, contentType: "text/calendar; charset=utf-8", body: Array(text.utf8), headers: headers)
        }
    }

    /// Whether the booking still is an event for the citizen's calendar: a
    /// cancelled one is not, so its page offers no download and the
    /// download answers the 404 page rather than an appointment that will
    /// not take place.
    static func hasCalendarEvent(_ booking: Booking) -> Bool {
        booking.status != .cancelled
    }

    /// A page of a booking's own: a token in the query is first traded for
    /// the cookie, with a 303 to the same address without it (old links and
    /// the ones the service gives out keep working).
    /// The address is the booking's canonical one, the path the cookie is for.
    func manageGet(_ builder: RouterBuilder, _ path: String, _ body: @escaping @Sendable (PageRequest) throws -> HTTPResponse) {
        let prefix = "/termin/verwalten/:code"
        precondition(path.hasPrefix(prefix), "a page of a booking's own lives under \(prefix)")
        let step = String(path.dropFirst(prefix.count))
        get(builder, path) { page in
            guard let token = page.http.queryParameters["token"] else { return try body(page) }
            let (booking, _) = try managed(page, token: token)
            let rest = page.http.head.query.map { FormDecoding.pairs($0).filter { $0.0 != "token" } } ?? []
            return manageRedirect(Self.managePath(booking.code, step, rest.map { ($0.0, $0.1) }), booking.code, token: token)
        }
    }

    /// A 303 to a page of the booking's own that sets (or renews) its
    /// cookie, sent as every answer carrying the token is.
    func manageRedirect(_ location: String, _ code: BookingCode, token: String) -> HTTPResponse {
        var response = redirect(location)
        for (name, value) in SecurityHeaders.forSecrets { response.headers.set(name, value) }
        response.headers.add("Set-Cookie", ManageCookie.header(token, code: code))
        return response
    }

    /// The booking of the path's code, if the token (the form's on POST,
    /// else the booking's cookie) opens it; the 404 page for wrong codes and
    /// tokens alike, and for a cookie the browser has let expire.
    func managed(_ page: PageRequest) throws -> (Booking, String) {
        try managed(page, token: (page.isPost ? page.field("token") : nil) ?? ManageCookie.token(of: page.http))
    }

    private func managed(_ page: PageRequest, token: String?) throws -> (Booking, String) {
        guard let code = BookingCode(parsing: page.parameter("code")), let token, token.utf8.count <= 128 else {
            throw PageFailure.notFound
        }
        return (try bookings.booking(code, access: .manageToken(token)), token)
    }
}
