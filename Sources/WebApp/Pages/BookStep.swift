import Core
import HTTPServer
import Scheduling
import Templating

/// Check your answers, book (`Bookings.book`), and the confirmation.
///
/// Post/Redirect/Get: the booking's POST answers 303 to the confirmation,
/// a page of the booking's own (`/termin/verwalten/{code}/bestaetigung`),
/// setting the booking's cookie on the way (`ManageCookie`) as the manage
/// link does — the confirmation shows the manage token, which must not sit
/// in an address the browser keeps in its history. Back and Reload then
/// never post again; a double click posts twice, and the form's
/// idempotency key makes the use case answer with the same booking. A
/// refusal answers the form again with its message: nothing was booked.
extension Pages {
    /// The confirmation's step below the booking's own pages (`ManageCookie.path`).
    static let confirmationStep = "/bestaetigung"

    func registerBook(on builder: RouterBuilder) {
        post(builder, "/termin/:serviceId/buchen") { page in try book(page) }
        manageGet(builder, "/termin/verwalten/:code" + Self.confirmationStep) { page in try confirmationPage(page) }
    }

    func checkPage(_ page: PageRequest, journey: Journey, contact: ContactForm) throws -> HTTPResponse {
        let (office, start) = try journey.chosenStart(for: .book)
        let texts = page.texts, service = journey.service
        let format = page.format(in: try zone(office.id))
        func row(_ key: String, _ value: String, _ change: String?, _ changeKey: String) -> TemplateValue {
            ["key": .string(texts.text(key)), "value": .string(value), "changeHref": TemplateValue(change),
             "changeLabel": .string(texts.text(changeKey))]
        }
        var rows: [TemplateValue] = [row("check.service", journey.serviceTexts.name, "/", "check.changeService")]
        if journey.asksQuantity {
            rows.append(row("check.quantity", String(journey.quantity ?? 1), journey.link(.quantity), "check.changeQuantity"))
        }
        let location = try catalogue().setup(office.id)?.location(at: start) ?? office.location
        rows.append(row("check.office", Self.place(office, at: location), journey.link(.office), "check.changeOffice"))
        rows.append(row("check.when", format.dateAndTime(start), journey.link(.day), "check.changeWhen"))
        let hidden = journey.hiddenFields(for: .book) + contact.hiddenFields
        let key = Crypto.base64URL(Crypto.randomBytes(18))
        let values: TemplateValue = [
            "caption": .string(journey.serviceTexts.name),
            "rows": .list(rows),
            "contact": contact.templateValue,
            "fee": .string(format.fee(cents: service.feeCents * (journey.quantity ?? 1))),
            "holdNotice": TemplateValue(holdNotice(journey, page: page)),
            "bookAction": .string(Journey.path(service.id, .book)),
            "changeAction": .string(Journey.path(service.id, .details)),
            "hidden": .list(hidden),
            "idempotencyKey": .string(key),
            "backHref": .string(journey.link(.details)),
        ]
        return try render("pages/check", values, page, here: journey.link(.details), secret: true,
                          switchByPost: isDetailsPost(page))
    }

    private func book(_ page: PageRequest) throws -> HTTPResponse {
        let catalogue = try catalogue()
        let journey = try Journey(page, catalogue: catalogue)
        let (office, start) = try journey.chosenStart(for: .book)
        let contact = ContactForm(page) ?? ContactForm()
        let errors = contact.errors(page.texts)
        guard errors.isEmpty else { return try detailsPage(page, journey: journey, contact: contact, errors: errors) }
        let order = BookingOrder(officeId: office.id, services: journey.requested, start: start,
                                 holdId: journey.holdId, contact: contact.contact, language: page.language)
        let confirmation: BookingConfirmation
        do {
            confirmation = try bookings.book(order, caller: .citizen, idempotency: page.idempotencyKey).value
        } catch BookingError.holdForAnotherContact {
            var errors = FormErrors()
            errors.add("email", page.texts.text("details.error.otherContact"))
            return try detailsPage(page, journey: journey, contact: contact, errors: errors)
        } catch BookingError.duplicateBooking {
            // The links go to the contact's own address, so whoever typed
            // someone else's gets nothing of their booking.
            // The hold went to that booking: nothing is held any more.
            var done = journey
            done.holdId = nil
            var errors = FormErrors()
            errors.add("email", page.texts.text("details.error.duplicate"))
            return try detailsPage(page, journey: done, contact: contact, errors: errors,
                                   linksHref: PageLink.make(Self.bookingLinksPath, [("lang", page.language)]))
        } catch BookingError.refused(let refusal) {
            var back = journey
            back.holdId = nil
            return try timePage(page, journey: back, error: timeRefusal(refusal, page.texts), contact: contact)
        } catch BookingError.invalid(let field, _) where field == "contact.email" {
            // The office confirms online bookings by e-mail (`Bookings+OptIn`).
            var errors = FormErrors()
            errors.add("email", page.texts.text("details.error.emailForOptIn"))
            return try detailsPage(page, journey: journey, contact: contact, errors: errors)
        } catch BookingError.invalid(let field, _) where field == "holdId" {
            return try timePage(page, journey: journey, error: page.texts.text("time.error.unavailable"), contact: contact)
        }
        let code = confirmation.booking.code
        return manageRedirect(Self.managePath(code, Self.confirmationStep, [("lang", page.language)]), code,
                              token: confirmation.manageToken)
    }

    /// The confirmation, a page of the booking's own read with its cookie:
    /// it shows the manage link with the token, as the confirmation e-mail
    /// does, for the citizen to keep.
    func confirmationPage(_ page: PageRequest) throws -> HTTPResponse {
        let (booking, token) = try managed(page)
        let code = booking.code
        var values = try bookingValues(booking, catalogue: try catalogue(), page: page)
        values.set("manageHref", .string(Self.manageLink(code, token: token)))
        values.set("calendarAction", .string("/termin/verwalten/\(code.value)/kalender"))
        values.set("hidden", [["name": "token", "value": .string(token)]])
        try setOptInState(of: booking, in: &values, page: page)
        if let confirmBy = booking.confirmBy, bookings.awaitsConfirmation(booking) {
            let when = page.format(in: try zone(booking.officeId)).dateAndTime(confirmBy)
            values.set("optInText", .string(page.texts.format("confirmation.optInText", ["when": when])))
        }
        return try render("pages/confirmation", values, page, here: Self.managePath(code, Self.confirmationStep), secret: true)
    }

    /// The office and the time of a journey that has reached the booking
    /// step (earlier answers missing redirect back into the journey).
}
