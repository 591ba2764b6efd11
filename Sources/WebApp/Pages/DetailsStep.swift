import Core
import HTTPServer
import Scheduling
import Templating

/// Your details (name, e-mail or phone) and the check-your-answers page.
/// The details are posted, never put into an address: the check page and
/// the booking form carry them on in hidden fields.
extension Pages {
    func registerDetails(on builder: RouterBuilder) {
        get(builder, "/termin/:serviceId/angaben") { page in
            let journey = try Journey(page, catalogue: try catalogue())
            return try detailsPage(page, journey: journey, contact: ContactForm(), errors: FormErrors())
        }
        post(builder, "/termin/:serviceId/angaben") { page in
            let journey = try Journey(page, catalogue: try catalogue())
            let contact = ContactForm(page) ?? ContactForm()
            // "Change" on the check page: the form again, filled in.
            if page.form["change"] != nil {
                return try detailsPage(page, journey: journey, contact: contact, errors: FormErrors())
            }
            var errors = contact.errors(page.texts)
            guard errors.isEmpty else { return try detailsPage(page, journey: journey, contact: contact, errors: errors) }
            if let message = try holdFor(contact, journey: journey, page: page) {
                errors.add("email", message)
                return try detailsPage(page, journey: journey, contact: contact, errors: errors)
            }
            return try checkPage(page, journey: journey, contact: contact)
        }
    }

    /// Makes the journey's hold the contact's (`Bookings.holdFor`): nil when
    /// done, or what to tell the citizen. A hold that ran out is no error:
    /// the booking may still find the time free.
    func holdFor(_ contact: ContactForm, journey: Journey, page: PageRequest) throws -> String? {
        guard let holdId = journey.holdId else { return nil }
        do {
            try bookings.holdFor(contact.contact, hold: holdId)
            return nil
        } catch BookingError.holdNotFound {
            return nil
        } catch BookingError.holdForAnotherContact {
            return page.texts.text("details.error.otherContact")
        } catch BookingError.holdRefused(let refusal) {
            let minutes = ["minutes": String((refusal.retryAfter + 59) / 60)]
            if case .heldAgainTooSoon = refusal { return page.texts.format("time.error.heldAgainTooSoon", minutes) }
            return page.texts.format("details.error.contactHolds", minutes)
        }
    }

    /// `linksHref`, beside the e-mail's message: where the contact's
    /// existing booking can be reached (its links sent again), never the
    /// booking itself.
    func detailsPage(_ page: PageRequest, journey: Journey, contact: ContactForm, errors: FormErrors,
                     linksHref: String? = nil) throws -> HTTPResponse {
        try journey.require(.details)
        let values: TemplateValue = [
            "linksHref": TemplateValue(linksHref),
            "caption": .string(journey.serviceTexts.name),
            "chosen": .string(chosenTime(journey, page: page)),
            "holdNotice": TemplateValue(holdNotice(journey, page: page)),
            "values": contact.templateValue,
            "action": .string(Journey.path(journey.service.id, .details)),
            "hidden": .list(journey.hiddenFields(for: .book)),
            "backHref": .string(journey.link(.time)),
        ]
        return try render("pages/details", values, page, status: errors.isEmpty ? .ok : .unprocessableContent,
                          errors: errors, here: journey.link(.details), switchByPost: isDetailsPost(page))
    }

    /// Whether this is the details form's own post, which changes nothing
    /// and so may be posted again by the language switch.
    func isDetailsPost(_ page: PageRequest) -> Bool {
        page.isPost && page.http.path.hasSuffix("/" + Journey.Step.details.rawValue)
    }

    /// "Montag, 7. Dezember 2026, 9:30 Uhr – Bürgerbüro Mitte".
    func chosenTime(_ journey: Journey, page: PageRequest) -> String {
        guard let start = journey.start, let office = journey.office, let zone = journey.zone else { return "" }
        return page.texts.format("details.chosen", ["when": page.format(in: zone).dateAndTime(start), "office": office.name])
    }

    /// How long the hold keeps the time, in the office's clock and in
    /// minutes from now; what to expect once it has run out.
    func holdNotice(_ journey: Journey, page: PageRequest) -> String? {
        guard journey.holdId != nil, let expires = journey.holdExpires, let zone = journey.zone else { return nil }
        let now = time.now()
        guard expires > now else { return page.texts.text("details.holdExpired") }
        let minutes = max(1, Int((expires.seconds(since: now) + 59) / 60))
        return page.texts.format(minutes == 1 ? "details.holdOneMinute" : "details.hold",
                                 ["time": page.format(in: zone).time(expires), "minutes": String(minutes)])
    }
}
