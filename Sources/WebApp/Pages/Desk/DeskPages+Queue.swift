import Core
import HTTPServer
import Scheduling
import Templating

/// The queue at the desk (`/dienst/{officeId}/warteschlange`): who waits,
/// who was called, and "call next" (`QueueFairness` decides who); and the
/// public waiting-room board (`/warten/{officeId}`), large and refreshing
/// itself every 30 seconds without JavaScript.
extension DeskPages {
    static let ticketPaths: [(WalkInTicket.Status, String)] = [(.done, "erledigt"), (.noShow, "nicht-erschienen")]

    func registerQueue(on builder: RouterBuilder) {
        pages.staffGet(builder, "/dienst/:officeId/warteschlange") { page, _, office in try queuePage(page, office) }
        pages.staffPost(builder, "/dienst/:officeId/warteschlange/aufrufen") { page, _, office in
            let call = try queue.callNext(office: office.id, caller: page.identity.caller)
            let who: String
            switch call?.who {
            case .booking(let booking)?: who = booking.code.value
            case .walkIn(let ticket)?: who = ticket.label
            case nil: who = "-"
            }
            return pages.redirect(Self.link(office.id, "warteschlange", [("called", who)]))
        }
        for (status, path) in Self.ticketPaths {
            pages.staffPost(builder, "/dienst/:officeId/wartenummern/:number/" + path) { page, _, office in
                guard let number = WalkInTicket.number(parsing: page.parameter("number")) else { throw PageFailure.notFound }
                do {
                    _ = try walkIns.finish(office: office.id, number: number, status: status)
                } catch BookingError.ticketNotFound {
                    throw PageFailure.notFound
                } catch BookingError.invalid {
                    // Already finished (a second click): the queue shows how it stands.
                }
                return pages.redirect(Self.link(office.id, "warteschlange"))
            }
        }
    }

    private func queuePage(_ page: PageRequest, _ office: Office) throws -> HTTPResponse {
        let queue = try queue.current(office: office.id)
        let catalogue = try pages.catalogue()
        let format = try officeFormat(page, office)
        var values = try frame(office, date: try time.today(office: office.id), page: page)
        if let called = page.query["called"] {
            values.set("banner", .string(called == "-" ? page.texts.text("desk.queue.nobody")
                                            : page.texts.format("desk.queue.calledWho", ["who": String(called.prefix(20))])))
        }
        values.set("callAction", .string(Self.link(office.id, "warteschlange/aufrufen")))
        values.set("appointments", TemplateValue(queue.bookings) { booking in
            ["code": .string(booking.code.value), "name": .string(page.contactName(of: booking)),
             "time": .string(format.time(booking.start)),
             "services": TemplateValue(booking.services) { .string(serviceText($0, catalogue: catalogue, page: page)) }]
        })
        values.set("hasAppointments", .bool(!queue.bookings.isEmpty))
        values.set("walkIns", walkInRows(queue.walkIns, catalogue: catalogue, page: page, format: format))
        values.set("hasWalkIns", .bool(!queue.walkIns.isEmpty))
        values.set("called", TemplateValue(queue.called.prefix(10)) { call in
            var row: TemplateValue = ["at": .string(format.time(call.calledAt))]
            switch call.who {
            case .booking(let booking):
                row.set("who", .string(booking.code.value + " – " + page.contactName(of: booking)))
                row.set("status", .string(page.texts.text("appointment.status.\(booking.status.rawValue)")))
                if booking.status == .checkedIn {
                    row.set("actions", [["action": .string(Self.link(office.id, "termine/\(booking.code.value)/erledigt")),
                                         "id": .string("complete-\(booking.code.value)"),
                                         "label": .string(page.texts.text("desk.action.complete")),
                                         "hidden": [["name": "back", "value": "warteschlange"]]]])
                }
            case .walkIn(let ticket):
                row.set("who", .string(ticket.name.map { ticket.label + " – " + $0 } ?? ticket.label))
                row.set("status", .string(page.texts.text("desk.ticketStatus.\(ticket.status.rawValue)")))
                if ticket.status == .called || ticket.status == .waiting {
                    row.set("actions", TemplateValue(Self.ticketPaths) { status, path in
                        ["action": .string(Self.link(office.id, "wartenummern/\(ticket.label)/\(path)")),
                         "id": .string("\(status.rawValue)-\(ticket.label)"),
                         "label": .string(page.texts.text("desk.ticketAction.\(status.rawValue)"))]
                    })
                }
            }
            return row
        })
        values.set("hasCalled", .bool(!queue.called.isEmpty))
        return try render("desk/queue", values, page)
    }

    func registerBoard(on builder: RouterBuilder) {
        pages.get(builder, "/warten/:officeId") { page in
            guard let office = try pages.catalogue().office(page.parameterID("officeId")) else { throw PageFailure.notFound }
            let board = try walkIns.board(office: office.id)
            let format = try officeFormat(page, office)
            let values: TemplateValue = [
                "officeName": .string(office.name),
                "isOpen": .bool(board.isOpen),
                "accepting": .bool(board.acceptingWalkIns),
                "waiting": TemplateValue(board.waiting),
                "wait": board.estimatedWaitMinutes.map { .string(page.texts.format("board.waitMinutes", ["minutes": String($0)])) } ?? .null,
                "next": board.nextAcceptingDate.map { .string(page.texts.format("board.nextDay", ["date": format.date($0)])) } ?? .null,
                "lastCalled": TemplateValue(board.recentlyCalled.first),
                "earlierCalled": TemplateValue(board.recentlyCalled.dropFirst()) { .string($0) },
                "hasEarlier": .bool(board.recentlyCalled.count > 1),
            ]
            var response = try pages.render("desk/board", values, page)
            response.headers.set("Cache-Control", "no-cache")
            return response
        }
    }
}
