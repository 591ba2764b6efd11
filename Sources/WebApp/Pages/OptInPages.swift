import Core
import HTTPServer
import Scheduling
import Templating

/// The double opt-in's link, `/termin/bestaetigen/{code}?token=…` (sent in
/// the `optIn` message). Opening it shows the booking and one button:
/// mail systems follow links to scan them, so a GET changes nothing, and
/// only the form, posted with its CSRF token, confirms. Confirmed, the
/// citizen is led (303) to the booking's manage page, its cookie set with
/// the manage token of the confirmation message. A lapsed link gets the
/// lapsed page (410); an unknown or used one the same page of a link that
/// is no longer valid (404), so codes cannot be probed.
extension Pages {
    func registerOptIn(on builder: RouterBuilder) {
        get(builder, "/termin/bestaetigen/:code") { page in
            try optInPage(page, token: page.http.queryParameters["token"]) { try bookings.optIn($0, token: $1) }
        }
        post(builder, "/termin/bestaetigen/:code") { page in
            try optInPage(page, token: page.field("token")) { try bookings.confirm($0, token: $1) }
        }
    }

    /// The opt-in link's path (the token goes in its query).
    static func optInPath(_ code: BookingCode) -> String { "/termin/bestaetigen/\(code.value)" }

    private func optInPage(_ page: PageRequest, token: String?,
                           _ step: (BookingCode, String) throws -> OptIn) throws -> HTTPResponse {
        guard let code = BookingCode(parsing: page.parameter("code")), let token, token.utf8.count <= 128 else {
            return try invalidOptInPage(page)
        }
        let state: OptIn
        do {
            state = try step(code, token)
        } catch BookingError.notFound {
            return try invalidOptInPage(page)
        }
        switch state {
        case .awaiting(let booking):
            var values = try bookingValues(booking, catalogue: try catalogue(), page: page)
            try setOptInState(of: booking, in: &values, page: page)
            values.set("action", .string(Self.optInPath(code)))
            values.set("hidden", [["name": "token", "value": .string(token)]])
            return try render("pages/opt-in", values, page, here: Self.optInPath(code), secret: true)
        case .lapsed(let booking):
            var values = try bookingValues(booking, catalogue: try catalogue(), page: page)
            try setOptInState(of: booking, in: &values, page: page)
            values.set("lapsed", .bool(true))
            return try render("pages/opt-in", values, page, status: .gone, here: "/", secret: true)
        case .confirmed(let confirmation):
            var response = redirect(Self.managePath(code))
            for (name, value) in SecurityHeaders.forSecrets { response.headers.set(name, value) }
            response.headers.add("Set-Cookie", ManageCookie.header(confirmation.manageToken, code: code))
            return response
        }
    }

    private func invalidOptInPage(_ page: PageRequest) throws -> HTTPResponse {
        try render("pages/opt-in", ["invalid": .bool(true)], page, status: .notFound, here: "/", secret: true)
    }

    /// What the manage and opt-in pages say of a booking's opt-in: until
    /// when it waits (`optInNote`), or that it lapsed (its status too).
    func setOptInState(of booking: Booking, in values: inout TemplateValue, page: PageRequest) throws {
        guard let confirmBy = booking.confirmBy else { return }
        let when = page.format(in: try zone(booking.officeId)).dateAndTime(confirmBy)
        if bookings.hasLapsed(booking) {
            values.set("status", .string(page.texts.text("appointment.status.lapsed")))
            values.set("optInNote", .string(page.texts.format("optIn.lapsedText", ["when": when])))
        } else if bookings.awaitsConfirmation(booking) {
            values.set("optInNote", .string(page.texts.format("optIn.waitingText", ["when": when])))
        }
    }
}
