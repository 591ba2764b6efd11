import Booking
import HTTPServer
import Scheduling
import Templating

/// Cancelling or moving a booking on the caller's behalf. Each change is a
/// confirming POST through `Appointments.cancel` / `reschedule` with the
/// account's channel and name, so the booking's history says who did it.
/// A move chooses among the office's free starts for that channel, and
/// keeps the old time when the new one is gone meanwhile.
extension Pages {
    /// Days offered to choose from when moving.
    static let moveDays = 10

    func registerBookingChanges(on builder: RouterBuilder) {
        get(builder, Self.bookingsPath + "/:code/absagen", roles: Self.bookingRoles) { page, account in
            let appointment = try changeableOnBehalf(page, account: account)
            var values = try appointmentValues(appointment, catalogue: try catalogue(), page: page)
            let format = page.format(in: try zone(appointment.officeId))
            values.set("question", .string(page.texts.format("onBehalf.cancelQuestion", [
                "name": appointment.contact.name, "when": format.dateAndTime(appointment.start)])))
            values.set("action", .string(Self.bookingPath(appointment.code, "/absagen")))
            values.set("backHref", .string(Self.bookingPath(appointment.code)))
            return try render("pages/console-booking-cancel", values, page)
        }
        post(builder, Self.bookingsPath + "/:code/absagen", roles: Self.bookingRoles) { page, account in
            let appointment = try bookingOnBehalf(page, account: account)
            do {
                let cancelled = try appointments.cancel(appointment.code, access: account.access, caller: account.caller)
                return try bookingPage(page, cancelled, account: account, banner: page.texts.text("onBehalf.cancelled"))
            } catch BookingError.notChangeable {
                return try bookingPage(page, appointment, account: account, banner: page.texts.text("manage.notChangeable"),
                                       status: .conflict)
            }
        }
        get(builder, Self.bookingsPath + "/:code/verschieben", roles: Self.bookingRoles) { page, account in
            let appointment = try changeableOnBehalf(page, account: account)
            return try movePage(page, appointment, errors: FormErrors())
        }
        post(builder, Self.bookingsPath + "/:code/verschieben", roles: Self.bookingRoles) { page, account in
            let appointment = try changeableOnBehalf(page, account: account)
            var errors = FormErrors()
            guard let start = page.field("start").flatMap(RFC3339.parse) else {
                errors.add("start", anchor: "start", page.texts.text("time.error.missing"))
                return try movePage(page, appointment, errors: errors, status: .unprocessableContent)
            }
            do {
                let moved = try appointments.reschedule(appointment.code, to: start, access: account.access, caller: account.caller)
                let banner = page.texts.format("manage.moved", ["when": page.format(in: try zone(moved.officeId)).dateAndTime(moved.start)])
                return try bookingPage(page, moved, account: account, banner: banner)
            } catch BookingError.refused(let refusal) {
                errors.add("start", anchor: "start", timeRefusal(refusal, page.texts))
                return try movePage(page, appointment, errors: errors, status: .conflict)
            }
        }
    }

    private func changeableOnBehalf(_ page: PageRequest, account: Account) throws -> Appointment {
        let appointment = try bookingOnBehalf(page, account: account)
        guard appointments.isChangeable(appointment) else { throw PageFailure.redirect(Self.bookingPath(appointment.code)) }
        return appointment
    }

    /// The office's next days with free starts as links, and the starts of
    /// the chosen day (the first of them unless asked) as radios.
    private func movePage(_ page: PageRequest, _ appointment: Appointment, errors: FormErrors,
                          status: HTTPStatus = .ok) throws -> HTTPResponse {
        let catalogue = try catalogue()
        let zone = try zone(appointment.officeId)
        let format = page.format(in: zone)
        let caller = page.identity.caller
        let free = try appointments.days(office: appointment.officeId, services: appointment.services, from: nil, through: nil,
                                         caller: caller).days.filter { !$0.freeStarts.isEmpty }.prefix(Self.moveDays)
        let date = page.field("date").flatMap(LocalDate.init) ?? free.first?.date
        let starts = try date.map { try appointments.starts(office: appointment.officeId, services: appointment.services,
                                                             date: $0, caller: caller).starts } ?? []
        let path = Self.bookingPath(appointment.code, "/verschieben")
        let values: TemplateValue = [
            "code": .string(appointment.code.value),
            "current": .string(page.texts.format("move.caption", ["when": format.dateAndTime(appointment.start)])),
            "place": .string(catalogue.office(appointment.officeId).map { $0.name + ", " + $0.address.singleLine } ?? ""),
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
            "backHref": .string(Self.bookingPath(appointment.code)),
        ]
        return try render("pages/console-booking-move", values, page, status: status, errors: errors,
                          here: PageLink.make(path, [("date", date?.description)]))
    }
}
