import Core
import HTTPServer
import Scheduling
import Templating

/// An appointment as the confirmation and the manage pages show it: when
/// (in the office's local time), where, for what, what to bring, what it costs.
extension Pages {
    func bookingValues(_ booking: Booking, catalogue: Catalogue, page: PageRequest) throws -> TemplateValue {
        let format = page.format(in: try zone(booking.officeId))
        let office = catalogue.office(booking.officeId)
        let documents = catalogue.documents(for: booking.services.map(\.serviceId), in: page.language)
        let fee = booking.services.reduce(0) { sum, line in sum + (catalogue.service(line.serviceId)?.feeCents ?? 0) * line.quantity }
        return [
            "code": .string(booking.code.value),
            "when": .string(format.dateAndTime(booking.start)),
            "date": .string(format.date(of: booking.start)),
            "time": .string(format.time(booking.start)),
            "officeName": .string(office?.name ?? booking.officeId.rawValue),
            "address": .string(office.map { Self.address($0, at: booking.location ?? $0.location) } ?? ""),
            "services": TemplateValue(booking.services) { line in
                let name = catalogue.service(line.serviceId)?.texts(in: page.language).name ?? line.serviceId.rawValue
                return .string(line.quantity > 1
                               ? page.texts.format("appointment.serviceTimes", ["service": name, "count": String(line.quantity)]) : name)
            },
            "documents": TemplateValue(documents) { .string($0) },
            "hasDocuments": .bool(!documents.isEmpty),
            "fee": .string(format.fee(cents: fee)),
            "status": .string(page.texts.text("appointment.status.\(booking.status.rawValue)")),
            "isCancelled": .bool(booking.status == .cancelled),
            "isErased": .bool(booking.isErased),
        ]
    }

    /// The secret link of a booking, as the service gives it out: the
    /// manage page, the token in its query (a link without JavaScript cannot
    /// carry a fragment to the server). Opening it trades the token for the
    /// booking's cookie at once (`ManageCookie`).
    static func manageLink(_ code: BookingCode, token: String) -> String {
        PageLink.make(managePath(code), [("token", token)])
    }

    /// The manage link that leads straight to the question whether to cancel.
    static func cancelLink(_ code: BookingCode, token: String) -> String {
        PageLink.make(managePath(code, "/absagen"), [("token", token)])
    }

    /// A page of the booking's own once its cookie is set: no token in it.
    static func managePath(_ code: BookingCode, _ path: String = "", _ pairs: [(String, String?)] = []) -> String {
        PageLink.make(ManageCookie.path(code) + path, pairs)
    }

    /// The manage page: the booking, what the citizen may still do with it
    /// (its data downloaded or erased too), or that its data was erased,
    /// and `banner` saying what just happened (moved, cancelled). It renews
    /// the booking's cookie, so its links work for another half hour also
    /// after a form posted with the token.
    func managePage(_ page: PageRequest, _ booking: Booking, token: String, banner: String?) throws -> HTTPResponse {
        var values = try bookingValues(booking, catalogue: try catalogue(), page: page)
        let changeable = bookings.isChangeable(booking)
        values.set("banner", TemplateValue(banner))
        values.set("changeable", .bool(changeable))
        values.set("moveHref", changeable ? .string(Self.managePath(booking.code, "/tag")) : .null)
        values.set("cancelHref", changeable ? .string(Self.managePath(booking.code, "/absagen")) : .null)
        values.set("calendarAction", Self.hasCalendarEvent(booking)
            ? .string("/termin/verwalten/\(booking.code.value)/kalender") : .null)
        values.set("hidden", [["name": "token", "value": .string(token)]])
        values.set("dataHref", .string(Self.managePath(booking.code, "/daten")))
        values.set("erasedText", TemplateValue(try erasedText(booking, "manage.erased", page: page)))
        values.set("eraseHref", booking.isErased ? .null : .string(Self.managePath(booking.code, "/loeschen")))
        try setOptInState(of: booking, in: &values, page: page)
        var response = try render("pages/manage", values, page, here: Self.managePath(booking.code), secret: true)
        response.headers.add("Set-Cookie", ManageCookie.header(token, code: booking.code))
        return response
    }

    /// The text `key` with the day the booking's data was erased, for the
    /// page that says so; nil while its data is kept.
    func erasedText(_ booking: Booking, _ key: String, page: PageRequest) throws -> String? {
        guard let erasedAt = booking.erasedAt else { return nil }
        return page.texts.format(key, ["date": page.format(in: try zone(booking.officeId)).date(of: erasedAt)])
    }
}
