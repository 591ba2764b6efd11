import Core
import HTTPServer
import Scheduling
import Templating

/// `/dienst/{officeId}/nachfassen`: the bookings a closure or fewer
/// counters no longer fit, with code, time, contact and channel, until
/// staff mark each one handled or cancel it (the normal cancel use case,
/// which gives its counter back after the cooldown and takes it off the list).
extension Pages {
    func registerAffectedPages(on builder: RouterBuilder) {
        officeGet(builder, "nachfassen") { page, context in
            try affectedPage(page, context)
        }
        officePost(builder, "nachfassen/:code/erledigt") { page, context in
            guard let code = BookingCode(parsing: page.parameter("code")) else { throw PageFailure.notFound }
            try officeChanges.markHandled(office: context.office.id, code: code, by: context.account.username)
            return redirect(PageLink.make(Self.officePath(context.office.id, "nachfassen"), [("lang", page.language)]))
        }
        officePost(builder, "nachfassen/:code/absagen") { page, context in
            guard let code = BookingCode(parsing: page.parameter("code")) else { throw PageFailure.notFound }
            do {
                _ = try bookings.cancel(code, access: .offices([context.office.id]),
                                            caller: Caller(channel: .desk, username: context.account.username, accountId: context.account.id))
            } catch BookingError.notChangeable {
                // Already past or cancelled meanwhile: the list shows what is left.
            }
            return redirect(PageLink.make(Self.officePath(context.office.id, "nachfassen"), [("lang", page.language)]))
        }
    }

    private func affectedPage(_ page: PageRequest, _ context: OfficeContext) throws -> HTTPResponse {
        let affected = try officeChanges.affectedBookings(office: context.office.id)
        let format = page.format(in: try zone(context.office.id))
        var values = officeValues(context, page, current: "nachfassen")
        values.set("rows", .list(affected.map { row in
            let booking = row.booking
            return [
                "code": .string(booking.code.value),
                "when": .string(format.dateAndTime(booking.start)),
                "name": .string(page.contactName(of: booking)),
                "email": TemplateValue(booking.contact.email),
                "phone": TemplateValue(booking.contact.phone),
                "channel": .string(page.texts.channelName(booking.channel)),
                "cause": .string(affectedReason(row, page)),
                "handledAction": .string(Self.officePath(context.office.id, "nachfassen/\(booking.code.value)/erledigt")),
                "cancelAction": .string(Self.officePath(context.office.id, "nachfassen/\(booking.code.value)/absagen")),
            ]
        }))
        values.set("hasRows", .bool(!affected.isEmpty))
        return try render("pages/office-affected", values, page, here: Self.officePath(context.office.id, "nachfassen"))
    }

    /// Why a booking is on the list, in words: a catalogue revision says
    /// it came from the administration as well as what it did to the booking.
    private func affectedReason(_ row: AffectedBooking, _ page: PageRequest) -> String {
        let cause = page.texts.text("officeChanges.cause.\(row.cause.rawValue)")
        guard case .catalogue = row.change else { return cause }
        return page.texts.format("officeChanges.catalogue.cause", ["cause": cause])
    }
}
