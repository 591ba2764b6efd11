import Core
import HTTPServer
import Scheduling
import Templating

/// Moving a booking from its secret link: the day and the time are chosen
/// as for a new booking, and the move is one `Bookings.reschedule`,
/// which keeps the old time when the new one is taken meanwhile.
extension Pages {
    func registerMove(on builder: RouterBuilder) {
        manageGet(builder, "/termin/verwalten/:code/tag") { page in
            let (booking, _) = try changeableManaged(page)
            let office = try officeOf(booking)
            let free = try availability.days(office: office.id, services: booking.services, from: nil, through: nil,
                                             caller: .citizen)
            let calendar = MonthCalendar(days: free.days, asked: page.field("month").flatMap(MonthCalendar.Month.init),
                                         format: page.format(in: try zone(office.id)),
                                         places: Self.dayPlaces(office, setup: try catalogue().setup(office.id)))
            var values = calendar.templateValue(
                dayLink: { Self.managePath(booking.code, "/zeit", [("date", $0.description)]) },
                monthLink: { Self.managePath(booking.code, "/tag", [("month", $0.text)]) })
            values.set("caption", .string(try moveCaption(booking, page: page)))
            values.set("heading", .string(page.texts.text("move.dayQuestion")))
            values.set("hint", .string(releaseHint(try catalogue().setup(office.id), page: page)))
            values.set("place", .string(Self.place(office, at: office.location)))
            values.set("backHref", .string(Self.managePath(booking.code)))
            values.set("otherOfficeHref", .null)
            return try render("pages/day", values, page, secret: true)
        }
        manageGet(builder, "/termin/verwalten/:code/zeit") { page in
            let (booking, token) = try changeableManaged(page)
            return try moveTimePage(page, booking, token: token, error: nil)
        }
        post(builder, "/termin/verwalten/:code/zeit") { page in
            let (booking, token) = try changeableManaged(page)
            guard let start = page.field("start").flatMap(RFC3339.parse) else {
                return try moveTimePage(page, booking, token: token, error: page.texts.text("time.error.missing"),
                                        status: .unprocessableContent)
            }
            do {
                let moved = try bookings.reschedule(booking.code, to: start, access: .manageToken(token), caller: .citizen)
                let banner = page.texts.format("manage.moved", ["when": page.format(in: try zone(moved.officeId)).dateAndTime(moved.start)])
                return try managePage(page, moved, token: token, banner: banner)
            } catch BookingError.refused(let refusal) {
                return try moveTimePage(page, booking, token: token, error: timeRefusal(refusal, page.texts))
            }
        }
    }

    /// The managed booking, if it can still be moved; else back to its page.
    private func changeableManaged(_ page: PageRequest) throws -> (Booking, String) {
        let (booking, token) = try managed(page)
        guard bookings.isChangeable(booking) else { throw PageFailure.redirect(Self.managePath(booking.code)) }
        return (booking, token)
    }

    private func officeOf(_ booking: Booking) throws -> Office {
        guard let office = try catalogue().office(booking.officeId) else { throw PageFailure.notFound }
        return office
    }

    private func moveCaption(_ booking: Booking, page: PageRequest) throws -> String {
        page.texts.format("move.caption", ["when": page.format(in: try zone(booking.officeId)).dateAndTime(booking.start)])
    }

    private func moveTimePage(_ page: PageRequest, _ booking: Booking, token: String, error: String?,
                              status: HTTPStatus = .conflict) throws -> HTTPResponse {
        guard let date = page.field("date").flatMap(LocalDate.init) else {
            throw PageFailure.redirect(Self.managePath(booking.code, "/tag"))
        }
        let office = try officeOf(booking)
        let free = try availability.starts(office: office.id, services: booking.services, date: date, caller: .citizen)
        let setup = try catalogue().setup(office.id)
        let group = timeGroup(free.starts, checked: nil, date: date, error: error, page: page, zone: try zone(office.id),
                              places: Self.startPlaces(office, on: date, setup: setup))
        var errors = FormErrors()
        if let error { errors.add("start", anchor: group.id(of: 0), error) }
        let dayHref = Self.managePath(booking.code, "/tag")
        let values: TemplateValue = [
            "caption": .string(try moveCaption(booking, page: page)),
            "place": .string(Self.place(office, on: date, setup: setup)),
            "group": group.templateValue,
            "noTimes": .bool(free.starts.isEmpty),
            "action": .string("/termin/verwalten/\(booking.code.value)/zeit"),
            "hidden": [["name": "token", "value": .string(token)], ["name": "date", "value": .string(date.description)]],
            "submit": .string(page.texts.text("move.submit")),
            "backHref": .string(dayHref),
        ]
        return try render("pages/time", values, page, status: error == nil ? .ok : status, errors: errors,
                          here: Self.managePath(booking.code, "/zeit", [("date", date.description)]), secret: true)
    }
}
