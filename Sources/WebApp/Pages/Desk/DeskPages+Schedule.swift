import Core
import HTTPServer
import Scheduling
import Templating

/// The day's schedule at the desk (`/dienst/{officeId}/tagesplan`): the
/// appointments by time with check-in, no-show and complete buttons, the
/// walk-in tickets, capacity per slot, the exports, and the printable day.
extension DeskPages {
    static let actionPaths: [(Booking.DeskAction, String)] = [(.checkIn, "ankunft"), (.noShow, "nicht-erschienen"), (.complete, "erledigt")]

    func registerSchedule(on builder: RouterBuilder) {
        pages.staffGet(builder, "/dienst/:officeId") { page, _, office in pages.redirect(Self.link(office.id, "tagesplan")) }
        pages.staffGet(builder, "/dienst/:officeId/tagesplan") { page, _, office in
            try schedulePage(page, office, date: try date(page, office), banner: banner(page), problem: nil, status: .ok)
        }
        for (action, path) in Self.actionPaths {
            pages.staffPost(builder, "/dienst/:officeId/termine/:code/" + path) { page, account, office in
                let date = try date(page, office)
                guard let code = BookingCode(parsing: page.parameter("code")) else { throw PageFailure.notFound }
                do {
                    _ = try frontDesk.deskStep(action, code, by: account, at: office.id)
                } catch BookingError.deskRefused(let refusal) {
                    return try schedulePage(page, office, date: date, banner: nil,
                                            problem: refusalText(refusal, format: try officeFormat(page, office)),
                                            status: .conflict)
                }
                if page.field("back") == "warteschlange" { return pages.redirect(Self.link(office.id, "warteschlange")) }
                return pages.redirect(Self.link(office.id, "tagesplan", [("date", date.description), ("done", action.rawValue),
                                                                          ("code", code.value)]))
            }
        }
        pages.staffGet(builder, "/dienst/:officeId/tagesplan/druck") { page, _, office in try printPage(page, office, from: try date(page, office)) }
    }

    /// `?date=` (or the form's), else today in the office's zone.
    func date(_ page: PageRequest, _ office: Office) throws -> LocalDate {
        if let text = page.field("date") {
            guard let date = LocalDate(text) else { throw PageFailure.redirect(Self.link(office.id, "tagesplan")) }
            return date
        }
        return try time.today(office: office.id)
    }

    private func banner(_ page: PageRequest) -> String? {
        guard let done = page.query["done"].flatMap(Booking.DeskAction.init(rawValue:)),
              let code = page.query["code"].flatMap(BookingCode.init(parsing:)) else { return nil }
        return page.texts.format("desk.done.\(done.rawValue)", ["code": code.value])
    }

    func refusalText(_ refusal: Booking.DeskRefusal, format: CitizenFormat) -> String {
        let texts = format.texts
        return switch refusal {
        case .wrongStatus(let status, _):
            texts.format("desk.refused.status", ["status": texts.text("appointment.status.\(status.rawValue)")])
        case .notOnItsDay(let date): texts.format("desk.refused.notOnItsDay", ["date": format.date(date)])
        case .notYetBegun(let start): texts.format("desk.refused.notYetBegun", ["time": format.time(start)])
        }
    }

    func schedulePage(_ page: PageRequest, _ office: Office, date: LocalDate, banner: String?, problem: String?,
                      status: HTTPStatus) throws -> HTTPResponse {
        let schedule = try frontDesk.schedule(office: office.id, date: date)
        let catalogue = try pages.catalogue()
        let now = time.now()
        let format = try officeFormat(page, office)
        var values = try frame(office, date: date, page: page)
        values.set("date", .string(date.description))
        values.set("banner", TemplateValue(banner))
        values.set("problem", TemplateValue(problem))
        values.set("previousHref", .string(Self.link(office.id, "tagesplan", [("date", date.adding(days: -1).description)])))
        values.set("nextHref", .string(Self.link(office.id, "tagesplan", [("date", date.adding(days: 1).description)])))
        values.set("printHref", .string(Self.link(office.id, "tagesplan/druck", [("date", date.description)])))
        let api = "/api/v1/offices/\(office.id)/schedule"
        values.set("csvHref", .string(PageLink.make(api + ".csv", [("date", date.description)])))
        values.set("excelHref", .string(PageLink.make(api + ".csv", [("date", date.description), ("excel", "1")])))
        values.set("icsHref", .string(PageLink.make(api + ".ics", [("date", date.description)])))
        values.set("appointments", TemplateValue(schedule.bookings) { booking in
            let actions = Self.actionPaths.filter { booking.deskRefusal($0.0, now: now, zone: format.zone) == nil }
            return [
                "code": .string(booking.code.value),
                "time": .string(format.time(booking.start) + " – " + format.time(booking.end)),
                // Only a band held elsewhere says where: at home the whole page is.
                "place": TemplateValue(booking.location.flatMap { $0 == office.location ? nil : $0.singleLine }),
                "name": .string(page.contactName(of: booking)),
                "email": TemplateValue(booking.contact.email),
                "phone": TemplateValue(booking.contact.phone),
                "note": TemplateValue(booking.note),
                "services": TemplateValue(booking.services) { .string(serviceText($0, catalogue: catalogue, page: page)) },
                "documents": TemplateValue(catalogue.documents(for: booking.services.map(\.serviceId), in: page.language)) {
                    .string($0)
                },
                "channel": .string(page.texts.channelName(booking.channel)),
                "status": .string(page.texts.text("appointment.status.\(booking.status.rawValue)")),
                "statusCode": .string(booking.status.rawValue),
                "actions": TemplateValue(actions) { action, path in
                    [
                        "action": .string(Self.link(office.id, "termine/\(booking.code.value)/\(path)")),
                        "id": .string("\(action.rawValue)-\(booking.code.value)"),
                        "label": .string(page.texts.text("desk.action.\(action.rawValue)")),
                        "hidden": [["name": "date", "value": .string(date.description)]],
                    ]
                },
            ]
        })
        values.set("hasAppointments", .bool(!schedule.bookings.isEmpty))
        values.set("walkIns", walkInRows(schedule.walkIns, catalogue: catalogue, page: page, format: format))
        values.set("hasWalkIns", .bool(!schedule.walkIns.isEmpty))
        values.set("capacity", capacityRows(schedule.capacity.filter { $0.total > 0 }, format: format))
        values.set("feeds", try feedValues(office, page: page, newPath: nil))
        return try render("desk/schedule", values, page, status: status)
    }

    func walkInRows(_ tickets: [WalkInTicket], catalogue: Catalogue, page: PageRequest, format: CitizenFormat) -> TemplateValue {
        TemplateValue(tickets) { ticket in
            [
                "number": .string(ticket.label),
                "name": TemplateValue(ticket.name),
                "services": TemplateValue(ticket.services) { .string(serviceText($0, catalogue: catalogue, page: page)) },
                "issued": .string(format.time(ticket.issuedAt)),
                "estimated": .string(format.time(ticket.estimatedCallAt)),
                "status": .string(page.texts.text("desk.ticketStatus.\(ticket.status.rawValue)")),
            ]
        }
    }

    func capacityRows(_ slots: [SlotCapacity], format: CitizenFormat) -> TemplateValue {
        TemplateValue(slots) { slot in
            ["time": .string(format.time(slot.start)), "total": TemplateValue(slot.total), "walkIn": TemplateValue(slot.walkIn),
             "booked": TemplateValue(slot.booked), "held": TemplateValue(slot.held), "free": TemplateValue(slot.free)]
        }
    }

    /// The printable day: `?date=` and `days=` (1–7), one page per day.
    func printPage(_ page: PageRequest, _ office: Office, from first: LocalDate) throws -> HTTPResponse {
        let count = page.field("days").flatMap(Int.init).map { min(7, max(1, $0)) } ?? 1
        let catalogue = try pages.catalogue()
        let format = try officeFormat(page, office)
        var days: [TemplateValue] = []
        for offset in 0..<count {
            let date = first.adding(days: offset)
            let schedule = try frontDesk.schedule(office: office.id, date: date)
            let open = schedule.capacity.filter { $0.total > 0 }
            let active = schedule.bookings.filter { $0.status != .cancelled }
            // What to bring, once per service of the day, in the order the services first come up.
            var serviceIds: [ServiceID] = []
            for id in active.flatMap({ $0.services.map(\.serviceId) }) where !serviceIds.contains(id) { serviceIds.append(id) }
            days.append([
                "dateText": .string(format.date(date)),
                "hasAppointments": .bool(!active.isEmpty),
                "appointments": TemplateValue(active) { booking in
                    [
                        "time": .string(format.timeSpan(booking.start, booking.end)),
                        "code": .string(booking.code.value),
                        "name": .string(page.contactName(of: booking)),
                        "contact": .string([booking.contact.phone, booking.contact.email].compactMap { $0 }.joined(separator: ", ")),
                        "services": TemplateValue(booking.services) { .string(serviceText($0, catalogue: catalogue, page: page)) },
                        "channel": .string(page.texts.channelName(booking.channel)),
                        "note": TemplateValue(booking.note),
                    ]
                },
                "documents": TemplateValue(serviceIds.compactMap { catalogue.service($0)?.texts(in: page.language) }
                    .filter { !$0.documents.isEmpty }) { texts in
                    ["service": .string(texts.name), "list": .string(texts.documents.joined(separator: "; "))]
                },
                "capacity": capacityRows(open, format: format),
            ])
        }
        var values = try frame(office, date: first, page: page)
        values.set("days", .list(days))
        return try render("desk/print", values, page)
    }
}
