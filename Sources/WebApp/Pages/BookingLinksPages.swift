import Core
import HTTPServer
import Templating

/// `/termin/links`: "resend my links", one e-mail field, linked from the
/// start page and the page a wrong manage link ends on. A valid address is
/// answered with a redirect to the same "if we have bookings for it, we
/// sent the links" page whether or not any exist, or the request was
/// throttled (`Outbox.sendBookingLinks`).
extension Pages {
    static let bookingLinksPath = "/termin/links"

    func registerBookingLinks(on builder: RouterBuilder) {
        get(builder, Self.bookingLinksPath) { page in
            try bookingLinksForm(page, email: "", errors: FormErrors())
        }
        post(builder, Self.bookingLinksPath) { page in
            let email = String((page.field("email") ?? "").prefix(254))
            do {
                try outbox.sendBookingLinks(to: email, language: page.language, client: page.http.clientKey)
            } catch BookingError.invalid {
                var errors = FormErrors()
                errors.add("email", page.texts.text("bookingLinks.invalid"))
                return try bookingLinksForm(page, email: email, errors: errors, status: .unprocessableContent)
            }
            return redirect(PageLink.make(Self.bookingLinksPath + "/gesendet", [("lang", page.language)]))
        }
        get(builder, Self.bookingLinksPath + "/gesendet") { page in
            try render("pages/booking-links-sent", [:], page)
        }
    }

    private func bookingLinksForm(_ page: PageRequest, email: String, errors: FormErrors,
                                  status: HTTPStatus = .ok) throws -> HTTPResponse {
        try render("pages/booking-links", ["action": .string(Self.bookingLinksPath), "email": .string(email)], page,
                   status: status, errors: errors, here: Self.bookingLinksPath)
    }
}
