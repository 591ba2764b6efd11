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
        let fee = booking.services.reduce(0) { sum, line in sum + (catalogue.service(line.serviceId)?.feeCents ?? 0) * line.quantity }
        return [
            "code": .string(booking.code.value),
            "when": .string(format.dateAndTime(booking.start)),
            "date": .string(format.date(of: booking.start)),
            "time": .string(format.time(booking.start)),
            "officeName": .string(office?.name ?? booking.officeId.rawValue),
            "address": .string(office?.address.singleLine ?? ""),
            "services": TemplateValue(booking.services) { line in
                let name = catalogue.service(line.serviceId)?.name ?? line.serviceId.rawValue
                return .string(line.quantity > 1
                               ? page.texts.format("appointment.serviceTimes", ["service": name, "count": String(line.quantity)]) : name)
            },
            "documents": TemplateValue(booking.documents) { .string($0) },
            "hasDocuments": .bool(!booking.documents.isEmpty),
            "fee": .string(format.fee(cents: fee)),
            "status": .string(page.texts.text("appointment.status.\(booking.status.rawValue)")),
            "isCancelled": .bool(booking.status == .cancelled),
        ]
    }

    /// The secret link of a booking: the manage page, the token in its query.
    static func manageLink(_ code: BookingCode, token: String, path: String = "") -> String {
        PageLink.make("/termin/verwalten/\(code.value)\(path)", [("token", token)])
    }

    /// The manage page: the booking, what the citizen may still do with it,
    /// and `banner` saying what just happened (moved, cancelled).
    func managePage(_ page: PageRequest, _ booking: Booking, token: String, banner: String?) throws -> HTTPResponse {
        var values = try bookingValues(booking, catalogue: try catalogue(), page: page)
        let changeable = bookings.isChangeable(booking)
        values.set("banner", TemplateValue(banner))
        values.set("changeable", .bool(changeable))
        values.set("moveHref", changeable ? .string(Self.manageLink(booking.code, token: token, path: "/tag")) : .null)
        values.set("cancelHref", changeable ? .string(Self.manageLink(booking.code, token: token, path: "/absagen")) : .null)
        values.set("calendarAction", .string("/termin/verwalten/\(booking.code.value)/kalender"))
        values.set("hidden", [["name": "token", "value": .string(token)]])
        return try render("pages/manage", values, page, here: Self.manageLink(booking.code, token: token), secret: true)
    }
}
