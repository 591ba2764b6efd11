import Core
import HTTPServer
import Scheduling
import Templating

/// Finding a caller's bookings (by code, name, phone or e-mail, with the
/// same `Bookings.search` as `GET /api/v1/bookings`) and one booking's
/// page: its facts, what can still be done with it, and for staff and
/// administrators its history — who booked, moved or cancelled it, through
/// which channel, for whom.
extension Pages {
    static let bookingsPath = "/buchungen"
    static let bookingRoles = Account.Role.allowed(to: .lookUpBookings)

    static func bookingPath(_ code: BookingCode, _ suffix: String = "") -> String {
        "\(bookingsPath)/\(code.value)\(suffix)"
    }

    func registerBookingLookup(on builder: RouterBuilder) {
        get(builder, Self.bookingsPath, roles: Self.bookingRoles) { page, account in
            let catalogue = try catalogue()
            let query = String((page.field("q") ?? "").prefix(200))
            var found: [Booking] = []
            if !query.isEmpty {
                // The access scopes the search: an agent's municipalities, a clerk's offices.
                found = try bookings.search(query, office: nil, date: nil, access: account.access)
            }
            let values: TemplateValue = [
                "query": .string(query),
                "searched": .bool(!query.isEmpty),
                "action": .string(Self.bookingsPath),
                "resultCount": .string(page.texts.format("bookings.resultCount", ["count": String(found.count)])),
                "bookings": try TemplateValue(found) { booking in
                    // Each booking in its own office's time.
                    let format = page.format(in: try zone(booking.officeId))
                    return [
                        "code": .string(booking.code.value),
                        "href": .string(Self.bookingPath(booking.code)),
                        "when": .string(format.dateAndTime(booking.start)),
                        "office": .string(catalogue.office(booking.officeId)?.name ?? booking.officeId.rawValue),
                        "name": .string(page.contactName(of: booking)),
                        "reach": .string(booking.contact.phone ?? booking.contact.email ?? ""),
                        "status": .string(page.texts.text("appointment.status.\(booking.status.rawValue)")),
                    ]
                },
                "noResults": .bool(!query.isEmpty && found.isEmpty),
                "consoleHref": account.may(.useConsole) ? .string(Self.consolePath) : .null,
            ]
            return try render("pages/console-bookings", values, page)
        }
        get(builder, Self.bookingsPath + "/:code", roles: Self.bookingRoles) { page, account in
            let booking = try bookingOnBehalf(page, account: account)
            return try bookingPage(page, booking, account: account, banner: nil)
        }
        get(builder, Self.bookingsPath + "/:code/vorlesen", roles: Self.bookingRoles) { page, account in
            let booking = try bookingOnBehalf(page, account: account)
            return try readBackPage(page, booking, catalogue: try catalogue(), banner: nil)
        }
    }

    /// The booking of the path's code, if the account may act for its
    /// office: 404 for unknown codes and bookings out of the account's
    /// reach alike, 403 for an agent of another municipality.
    func bookingOnBehalf(_ page: PageRequest, account: Account) throws -> Booking {
        guard let code = BookingCode(parsing: page.parameter("code")) else { throw PageFailure.notFound }
        let booking = try bookings.booking(code, access: account.access)
        try requireServes(account, booking.officeId, catalogue: try catalogue())
        return booking
    }

    func bookingPage(_ page: PageRequest, _ booking: Booking, account: Account, banner: String?,
                     status: HTTPStatus = .ok) throws -> HTTPResponse {
        let catalogue = try catalogue()
        var values = try bookingValues(booking, catalogue: catalogue, page: page)
        let changeable = bookings.isChangeable(booking)
        values.set("banner", TemplateValue(banner))
        values.set("contact", ["name": .string(page.contactName(of: booking)), "email": TemplateValue(booking.contact.email),
                               "phone": TemplateValue(booking.contact.phone)])
        values.set("channel", .string(page.texts.channelName(booking.channel)))
        values.set("erasedText", TemplateValue(try erasedText(booking, "booking.erased", page: page)))
        values.set("changeable", .bool(changeable))
        values.set("moveHref", changeable ? .string(Self.bookingPath(booking.code, "/verschieben")) : .null)
        values.set("cancelHref", changeable ? .string(Self.bookingPath(booking.code, "/absagen")) : .null)
        values.set("readBackHref", .string(Self.bookingPath(booking.code, "/vorlesen")))
        values.set("searchHref", .string(Self.bookingsPath))
        if let office = catalogue.office(booking.officeId), account.may(.seeHistory, at: office) {
            let (_, events) = try bookings.history(booking.code, by: account)
            let zone = try zone(booking.officeId)
            values.set("history", .list(events.map { historyLine($0, page: page, zone: zone) }))
            values.set("showHistory", .bool(true))
        } else {
            values.set("history", .list([]))
            values.set("showHistory", .bool(false))
        }
        return try render("pages/console-booking", values, page, status: status, here: Self.bookingPath(booking.code))
    }

    private func historyLine(_ event: BookingEvent, page: PageRequest, zone: TimeZoneRules) -> TemplateValue {
        let texts = page.texts
        return [
            "when": .string(page.format(in: zone).dateAndTime(event.at)),
            "action": .string(texts.text("history.action.\(event.action.rawValue)")),
            "channel": .string(texts.channelName(event.channel)),
            "actor": .string(event.actor ?? texts.text("history.citizen")),
            "onBehalfOf": TemplateValue(event.onBehalfOf),
            // Why data went is a word of the code (`Erasure.Reason`), said in the page's language.
            "detail": TemplateValue(event.action == .erased ? event.detail.map { texts.text("history.erasedBecause.\($0)") } : event.detail),
        ]
    }
}
