import Core
import HTTPServer
import Scheduling
import Templating

/// Booking from the console for a caller, with the same `Bookings.book`
/// as the API and the citizen pages (phone channel for agents), and the
/// read-back panel: what the agent reads to the caller before hanging up.
extension Pages {
    static let consoleBookPath = "/konsole/buchen"

    func registerConsoleBooking(on builder: RouterBuilder) {
        post(builder, Self.consoleBookPath, roles: Self.consoleRoles) { page, account in
            try consoleBook(page, account: account)
        }
    }

    private func consoleBook(_ page: PageRequest, account: Account) throws -> HTTPResponse {
        let catalogue = try catalogue()
        let selection = try ConsoleSelection(page, account: account, municipalities: municipalities(of: account, catalogue: catalogue),
                                             catalogue: catalogue)
        let contact = ContactForm(page) ?? ContactForm()
        var errors = FormErrors()
        let slot = Self.parseSlot(page.field("slot"))
        if slot == nil { errors.add("slot", anchor: "times", page.texts.text("console.error.slotMissing")) }
        for item in contact.errors(page.texts).items {
            // The citizen's form says "your name"; the agent asks for the caller's.
            switch item.field {
            case "name" where contact.name.isEmpty: errors.add("name", page.texts.text("console.error.nameMissing"))
            case "email" where contact.email.isEmpty && contact.phone.isEmpty:
                errors.add("phone", page.texts.text("console.error.contactMissing"))
            default: errors.add(item.field, item.message)
            }
        }
        guard selection.isComplete, let slot, errors.isEmpty else {
            return try consolePage(page, account: account, contact: contact, errors: errors, status: .unprocessableContent,
                                   chosen: page.field("slot"))
        }
        try requireServes(account, slot.officeId, catalogue: catalogue)
        let order = BookingOrder(officeId: slot.officeId, services: selection.requested, start: slot.start, contact: contact.contact)
        let confirmation: BookingConfirmation
        do {
            confirmation = try bookings.book(order, caller: page.identity.caller, idempotency: page.idempotencyKey).value
        } catch BookingError.refused(.contactLimitReached(let limit)) {
            errors.add("email", page.texts.format("details.error.limit", ["limit": String(limit)]))
            return try consolePage(page, account: account, contact: contact, errors: errors, status: .conflict)
        } catch BookingError.duplicateBooking(let existing) {
            // Next to the contact the agent typed, the time still chosen.
            errors.add(contact.email.isEmpty ? "phone" : "email", page.texts.text("console.error.duplicate"))
            return try consolePage(page, account: account, contact: contact, errors: errors, status: .conflict,
                                   chosen: page.field("slot"), existingHref: existing.map { Self.bookingPath($0) })
        } catch BookingError.refused(let refusal) {
            errors.add("slot", anchor: "times", timeRefusal(refusal, page.texts))
            return try consolePage(page, account: account, contact: contact, errors: errors, status: .conflict)
        } catch BookingError.idempotencyKeyReused {
            errors.add("slot", anchor: "times", page.texts.text("console.error.resubmitted"))
            return try consolePage(page, account: account, contact: contact, errors: errors, status: .conflict)
        }
        return try readBackPage(page, confirmation.booking, catalogue: catalogue, banner: page.texts.text("readBack.booked"))
    }

    /// The read-back panel, written to be read aloud: the code spelled in
    /// groups, the date and time in words, the address, what to bring, the
    /// fee. It prints on its own (print styles) for a caller who comes by.
    func readBackPage(_ page: PageRequest, _ booking: Booking, catalogue: Catalogue, banner: String?) throws -> HTTPResponse {
        var values = try bookingValues(booking, catalogue: catalogue, page: page)
        values.set("banner", TemplateValue(banner))
        values.set("spelled", .string(Self.spelled(booking.code)))
        values.set("contact", ["name": .string(page.contactName(of: booking)),
                               "reach": .string(booking.contact.phone ?? booking.contact.email ?? "")])
        values.set("detailHref", .string(Self.bookingPath(booking.code)))
        values.set("newCallHref", .string(Self.consolePath))
        return try render("pages/console-readback", values, page, here: Self.bookingPath(booking.code))
    }

    /// "K 7 M – 4 Q X – 9 T D": one character at a time, group by group, so
    /// it is read out (and written down) without mixing letters up.
    static func spelled(_ code: BookingCode) -> String {
        code.value.split(separator: "-").map { group in group.map(String.init).joined(separator: " ") }.joined(separator: " – ")
    }
}
