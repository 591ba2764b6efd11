import Core
import HTTPServer
import Scheduling
import Templating

/// Choose a time: the starts of the chosen day as a radio group, from
/// `Availability.starts`. Taking one places a hold (`Bookings.hold`),
/// so nobody else can book it while the citizen fills in their details.
extension Pages {
    func registerTime(on builder: RouterBuilder) {
        get(builder, "/termin/:serviceId/zeit") { page in
            let journey = try Journey(page, catalogue: try catalogue())
            return try timePage(page, journey: journey, error: nil, contact: nil)
        }
        post(builder, "/termin/:serviceId/zeit") { page in
            var journey = try Journey(page, catalogue: try catalogue())
            let contact = ContactForm(page)
            let (office, _) = try journey.chosenDay()
            guard let start = journey.start else {
                return try timePage(page, journey: journey, error: page.texts.text("time.error.missing"), contact: contact,
                                    status: .unprocessableContent)
            }
            // A time chosen again (back from the check page, or after a
            // refusal) gives the earlier hold back at once, or keeps it for
            // the same time; refused, the earlier hold stays, and the journey
            // keeps it for the next choice. Back from the check page the
            // details are known, and the new hold is theirs from the start.
            let known = contact.flatMap { $0.errors(page.texts).isEmpty ? $0.contact : nil }
            let hold: Hold
            do {
                hold = try bookings.hold(office: office.id, services: journey.requested, start: start, caller: .citizen,
                                         client: page.http.clientKey, contact: known, replacing: journey.holdId).value
            } catch BookingError.refused(let refusal) {
                return try timePage(page, journey: journey, error: timeRefusal(refusal, page.texts), contact: contact)
            } catch BookingError.holdRefused(let refusal) {
                return try holdRefusalPage(page, journey: journey, refusal: refusal, contact: contact)
            }
            journey.start = hold.start
            journey.holdId = hold.id
            journey.holdExpires = hold.expiresAt
            // Someone coming back from the check page has given their details already.
            if let contact, contact.errors(page.texts).isEmpty {
                return try checkPage(page, journey: journey, contact: contact)
            }
            return redirect(journey.link(.details))
        }
    }

    /// The times of the journey's day, with `error` next to them when the
    /// citizen has to choose again (409 when the time was taken or lost,
    /// `status` otherwise); `contact` travels along in hidden fields.
    func timePage(_ page: PageRequest, journey: Journey, error: String?, contact: ContactForm?,
                  status: HTTPStatus = .conflict) throws -> HTTPResponse {
        let (office, date) = try journey.chosenDay()
        let free = try availability.starts(office: office.id, services: journey.requested, date: date, caller: .citizen)
        let setup = try catalogue().setup(office.id)
        let group = timeGroup(free.starts, checked: error == nil ? journey.start : nil, date: date, error: error, page: page,
                              zone: try zone(office.id), places: Self.startPlaces(office, on: date, setup: setup))
        var errors = FormErrors()
        if let error { errors.add("start", anchor: group.id(of: 0), error) }
        let hidden = journey.hiddenFields(for: .time) + (contact?.hiddenFields ?? [])
        let values: TemplateValue = [
            "caption": .string(journey.serviceTexts.name),
            "place": .string(Self.place(office, on: date, setup: setup)),
            "group": group.templateValue,
            "noTimes": .bool(free.starts.isEmpty),
            "action": .string(Journey.path(journey.service.id, .time)),
            "hidden": .list(hidden),
            "submit": .string(page.texts.text("time.submit")),
            "backHref": .string(journey.link(.day)),
        ]
        return try render("pages/time", values, page, status: error == nil ? .ok : status, errors: errors, here: journey.link(.time))
    }

    /// The starts of a day as radios: "9:30 Uhr", each with its end (and
    /// its place, on a day held at more than one: `places`).
    /// The starts are shown, and sent back, in the office's `zone`.
    func timeGroup(_ starts: [Placement], checked: Instant?, date: LocalDate, error: String?, page: PageRequest,
                   zone: TimeZoneRules, places: ((Instant) -> String)? = nil) -> RadioGroup {
        let format = page.format(in: zone)
        var group = RadioGroup(
            name: "start", legend: page.texts.format("time.question", ["date": format.date(date)]),
            hint: page.texts.text("time.hint"),
            options: starts.map { placement in
                RadioGroup.Option(value: RFC3339.format(placement.start, in: zone), label: format.time(placement.start),
                                  hints: [page.texts.format("time.until", ["time": format.time(placement.end)])]
                                      + (places.map { [$0(placement.start)] } ?? []))
            })
        group.checked = checked.map { RFC3339.format($0, in: zone) }
        group.error = error
        return group
    }

    /// The times again with why no hold was given: too many at once or
    /// lately (429: wait the minutes it says, as `Retry-After` does), or the
    /// same time again too soon after giving it up (409: choose another).
    func holdRefusalPage(_ page: PageRequest, journey: Journey, refusal: HoldRefusal, contact: ContactForm?) throws -> HTTPResponse {
        let minutes = ["minutes": String((refusal.retryAfter + 59) / 60)]
        let (message, status): (String, HTTPStatus) = switch refusal {
        case .clientHoldsTooMany, .contactHoldsTooMany: (page.texts.format("time.error.tooManyHolds", minutes), .tooManyRequests)
        case .holdingTooOften: (page.texts.format("time.error.holdingTooOften", minutes), .tooManyRequests)
        case .heldAgainTooSoon: (page.texts.format("time.error.heldAgainTooSoon", minutes), .conflict)
        }
        var response = try timePage(page, journey: journey, error: message, contact: contact, status: status)
        response.headers.set("Retry-After", String(refusal.retryAfter))
        return response
    }

    /// What the citizen reads when a time cannot be had: taken meanwhile,
    /// or no longer bookable (too soon now, closed since). The contact limit
    /// reads like the latter, without a count: anyone can type anyone's
    /// address, so its own message would tell whether that address has
    /// appointments here.
    func timeRefusal(_ refusal: Refusal, _ texts: TextCatalogue) -> String {
        switch refusal {
        case .slotTaken: texts.text("time.error.taken")
        default: texts.text("time.error.unavailable")
        }
    }
}
