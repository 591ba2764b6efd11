import Core
import HTTPServer
import Scheduling
import Templating

/// Check your answers, book (`Bookings.book`), and the confirmation.
///
/// The confirmation is the answer to the booking's POST, not a page of its
/// own: it shows the manage token, which must not sit in an address the
/// browser keeps in its history. Reloading it posts again, and the form's
/// idempotency key makes the use case answer with the same booking instead
/// of booking twice.
extension Pages {
    func registerBook(on builder: RouterBuilder) {
        post(builder, "/termin/:serviceId/buchen") { page in try book(page) }
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
                                 holdId: journey.holdId, contact: contact.contact)
        let confirmation: BookingConfirmation
        do {
            confirmation = try bookings.book(order, caller: .citizen, idempotency: page.idempotencyKey).value
        } catch BookingError.holdForAnotherContact {
            var errors = FormErrors()
            errors.add("email", page.texts.text("details.error.otherContact"))
            return try detailsPage(page, journey: journey, contact: contact, errors: errors)
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
        let code = confirmation.booking.code, token = confirmation.manageToken
        var values = try bookingValues(confirmation.booking, catalogue: catalogue, page: page)
        values.set("manageHref", .string(Self.manageLink(code, token: token)))
        values.set("calendarAction", .string("/termin/verwalten/\(code.value)/kalender"))
        values.set("hidden", [["name": "token", "value": .string(token)]])
        values.set("contact", contact.templateValue)
        if let confirmBy = confirmation.booking.confirmBy {
            let when = page.format(in: try zone(office.id)).dateAndTime(confirmBy)
            values.set("optInText", .string(page.texts.format("confirmation.optInText", ["when": when])))
        }
        return try render("pages/confirmation", values, page, here: Self.manageLink(code, token: token), secret: true)
    }

    /// The office and the time of a journey that has reached the booking
    /// step (earlier answers missing redirect back into the journey).
}
