import Core
import HTTPServer
import Scheduling
import Templating

/// Cancelling or moving a booking on the caller's behalf. Each change is a
/// confirming POST through `Bookings.cancel` / `reschedule` with the
/// account's channel and name, so the booking's history says who did it.
/// A move chooses among the office's free starts for that channel, and
/// keeps the old time when the new one is gone meanwhile.
extension Pages {
    /// Days offered to choose from when moving.
    static let moveDays = 10

    func registerBookingChanges(on builder: RouterBuilder) {
        get(builder, Self.bookingsPath + "/:code/absagen", roles: Self.bookingRoles) { page, account in
            let booking = try changeableOnBehalf(page, account: account)
            var values = try bookingValues(booking, catalogue: try catalogue(), page: page)
            let format = page.format(in: try zone(booking.officeId))
            values.set("question", .string(page.texts.format("onBehalf.cancelQuestion", [
                "name": booking.contact.name, "when": format.dateAndTime(booking.start)])))
            values.set("action", .string(Self.bookingPath(booking.code, "/absagen")))
            values.set("backHref", .string(Self.bookingPath(booking.code)))
            return try render("pages/console-booking-cancel", values, page)
        }
        post(builder, Self.bookingsPath + "/:code/absagen", roles: Self.bookingRoles) { page, account in
            let booking = try bookingOnBehalf(page, account: account)
            do {
                let cancelled = try bookings.cancel(booking.code, access: account.access, caller: account.caller)
                return try bookingPage(page, cancelled, account: account, banner: page.texts.text("onBehalf.cancelled"))
            } catch BookingError.notChangeable {
                return try bookingPage(page, booking, account: account, banner: page.texts.text("manage.notChangeable"),
                                       status: .conflict)
            }
        }
        get(builder, Self.bookingsPath + "/:code/verschieben", roles: Self.bookingRoles) { page, account in
            let booking = try changeableOnBehalf(page, account: account)
            return try movePage(page, booking, errors: FormErrors())
        }
        post(builder, Self.bookingsPath + "/:code/verschieben", roles: Self.bookingRoles) { page, account in
            let booking = try changeableOnBehalf(page, account: account)
            var errors = FormErrors()
            guard let start = page.field("start").flatMap(RFC3339.parse) else {
                errors.add("start", anchor: "start", page.texts.text("time.error.missing"))
                return try movePage(page, booking, errors: errors, status: .unprocessableContent)
            }
            do {
                let moved = try bookings.reschedule(booking.code, to: start, access: account.access, caller: account.caller)
                let banner = page.texts.format("manage.moved", ["when": page.format(in: try zone(moved.officeId)).dateAndTime(moved.start)])
                return try bookingPage(page, moved, account: account, banner: banner)
            } catch BookingError.refused(let refusal) {
                errors.add("start", anchor: "start", timeRefusal(refusal, page.texts))
                return try movePage(page, booking, errors: errors, status: .conflict)
            }
        }
    }

    private func changeableOnBehalf(_ page: PageRequest, account: Account) throws -> Booking {
        let booking = try bookingOnBehalf(page, account: account)
        guard bookings.isChangeable(booking) else { throw PageFailure.redirect(Self.bookingPath(booking.code)) }
        return booking
    }

    /// The office's next days with free starts as links, and the starts of
    /// the chosen day (the first of them unless asked) as radios.
    private func movePage(_ page: PageRequest, _ booking: Booking, errors: FormErrors,
                          status: HTTPStatus = .ok) throws -> HTTPResponse {
        let catalogue = try catalogue()
        let zone = try zone(booking.officeId)
        let format = page.format(in: zone)
        let caller = page.identity.caller
        let free = try availability.days(office: booking.officeId, services: booking.services, from: nil, through: nil,
                                         caller: caller).days.filter { !$0.freeStarts.isEmpty }.prefix(Self.moveDays)
        let date = page.field("date").flatMap(LocalDate.init) ?? free.first?.date
        let starts = try date.map { try availability.starts(office: booking.officeId, services: booking.services,
                                                             date: $0, caller: caller).starts } ?? []
        let path = Self.bookingPath(booking.code, "/verschieben")
        let values: TemplateValue = [
            "code": .string(booking.code.value),
            "current": .string(page.texts.format("move.caption", ["when": format.dateAndTime(booking.start)])),
            "place": .string(catalogue.office(booking.officeId).map { Self.place($0, at: booking.location ?? $0.location) } ?? ""),
            "days": TemplateValue(Array(free)) { day in
                ["label": .string(format.date(day.date)), "href": .string(PageLink.make(path, [("date", day.date.description)])),
                 "current": .bool(day.date == date)]
            },
            "noDays": .bool(free.isEmpty),
            "dateLabel": TemplateValue(date.map(format.date)),
            "times": TemplateValue(Array(starts.enumerated())) { index, placement in
                ["id": .string(index == 0 ? "start" : "start-\(index + 1)"),
                 "value": .string(RFC3339.format(placement.start, in: zone)),
                 "label": .string(format.time(placement.start))]
            },
            "noTimes": .bool(date != nil && starts.isEmpty),
            "action": .string(path),
            "hidden": .list(date.map { [["name": "date", "value": .string($0.description)]] } ?? []),
            "backHref": .string(Self.bookingPath(booking.code)),
        ]
        return try render("pages/console-booking-move", values, page, status: status, errors: errors,
                          here: PageLink.make(path, [("date", date?.description)]))
    }
}
