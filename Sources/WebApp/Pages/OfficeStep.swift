import Core
import HTTPServer
import Scheduling
import Templating

/// The first questions of a booking: where (the offices that offer the
/// service online, with address and when they serve walk-ins) and, when
/// the service allows more than one, for how many persons or vehicles.
extension Pages {
    func registerOffice(on builder: RouterBuilder) {
        get(builder, "/termin/:serviceId/standort") { page in try officePage(page, errors: nil) }
        post(builder, "/termin/:serviceId/standort") { page in
            let journey = try Journey(page, catalogue: try catalogue())
            guard journey.office != nil else {
                return try officePage(page, errors: page.texts.text("office.error.missing"))
            }
            return redirect(journey.link(journey.asksQuantity ? .quantity : .day))
        }
        get(builder, "/termin/:serviceId/anzahl") { page in try quantityPage(page, error: nil) }
        post(builder, "/termin/:serviceId/anzahl") { page in
            let journey = try Journey(page, catalogue: try catalogue())
            try journey.require(.quantity)
            guard journey.quantity != nil else {
                return try quantityPage(page, error: page.texts.text("quantity.error.missing"))
            }
            return redirect(journey.link(.day))
        }
    }

    private func officePage(_ page: PageRequest, errors message: String?) throws -> HTTPResponse {
        let catalogue = try catalogue()
        let journey = try Journey(page, catalogue: catalogue)
        let offices = Journey.offices(for: journey.service.id, catalogue: catalogue)
        guard !offices.isEmpty else { throw PageFailure.redirect("/dienstleistungen/\(journey.service.id)") }
        var group = RadioGroup(
            name: "office", legend: page.texts.text("office.question"), hint: page.texts.text("office.hint"),
            options: try offices.map { office in
                RadioGroup.Option(value: office.id.rawValue, label: office.name, hints: [
                    office.address.singleLine,
                    walkInHint(catalogue.setup(office.id), today: try time.today(office: office.id),
                               format: page.format(in: try zone(office.id))),
                ])
            })
        group.checked = (journey.office?.id ?? (offices.count == 1 ? offices[0].id : nil))?.rawValue
        var errors = FormErrors()
        if let message {
            group.error = message
            errors.add("office", anchor: group.id(of: 0), message)
        }
        let values: TemplateValue = [
            "service": ["name": .string(journey.serviceTexts.name)],
            "group": group.templateValue,
            "action": .string(Journey.path(journey.service.id, .office)),
            "backHref": .string("/dienstleistungen/\(journey.service.id)"),
        ]
        return try render("pages/office", values, page, status: message == nil ? .ok : .unprocessableContent,
                          errors: errors, here: journey.link(.office))
    }

    private func quantityPage(_ page: PageRequest, error message: String?) throws -> HTTPResponse {
        let journey = try Journey(page, catalogue: try catalogue())
        try journey.require(.quantity)
        guard journey.asksQuantity else { throw PageFailure.redirect(journey.link(.day)) }
        let service = journey.service
        var group = RadioGroup(
            name: "quantity", legend: page.texts.text("quantity.question"),
            hint: page.texts.format("quantity.hint", ["max": String(service.maxQuantity)]),
            options: service.allowedQuantities.map { count in
                RadioGroup.Option(value: String(count), label: String(count), hints: [
                    page.texts.format("quantity.duration", ["minutes": String(service.minutes(quantity: count))]),
                ])
            })
        group.checked = journey.quantity.map(String.init)
        var errors = FormErrors()
        if let message {
            group.error = message
            errors.add("quantity", anchor: group.id(of: 0), message)
        }
        let values: TemplateValue = [
            "service": ["name": .string(journey.serviceTexts.name)],
            "group": group.templateValue,
            "action": .string(Journey.path(service.id, .quantity)),
            "hidden": .list(journey.hiddenFields(for: .quantity)),
            "backHref": .string(journey.link(.office)),
        ]
        return try render("pages/quantity", values, page, status: message == nil ? .ok : .unprocessableContent,
                          errors: errors, here: journey.link(.quantity))
    }

    /// When the office serves visitors without an appointment, from its
    /// opening rules: "Ohne Termin: Mo, Di, Do, Fr 8:00–12:00 Uhr", from the office's `today` on.
    func walkInHint(_ setup: OfficeSetup?, today: LocalDate, format: CitizenFormat) -> String {
        let texts = format.texts
        let rules = (setup?.rules ?? []).filter { rule in
            rule.walkInCounters > 0 && (rule.validUntil.map { $0 >= today } ?? true)
        }
        guard !rules.isEmpty else { return texts.text("office.appointmentsOnly") }
        return texts.format("office.walkIn", ["times": Self.bands(rules, format: format).joined(separator: "; ")])
    }

    /// Opening rules as "Mo, Di, Do, Fr 8:00–12:00 Uhr", one text per band.
    static func bands(_ rules: [OpeningRule], format: CitizenFormat) -> [String] {
        // Sorted by first weekday and time; bands of the same days that meet
        // (Wednesday 7:30–9:00 and 9:00–12:00) read as one.
        var bands: [(days: [Weekday], from: LocalTime, to: LocalTime)] = []
        for rule in rules.sorted(by: { (Self.firstDay($0), $0.band.start) < (Self.firstDay($1), $1.band.start) }) {
            let days = rule.weekdays.sorted { $0.isoNumber < $1.isoNumber }
            if let last = bands.last, last.days == days, last.to >= rule.band.start {
                bands[bands.count - 1].to = max(last.to, rule.band.end)
            } else {
                bands.append((days, rule.band.start, rule.band.end))
            }
        }
        return bands.map { band in
            format.texts.format("office.walkInBand", ["days": band.days.map(format.weekdayShort).joined(separator: ", "),
                                                      "from": Self.timeOfDay(band.from), "to": Self.timeOfDay(band.to)])
        }
    }

    private static func firstDay(_ rule: OpeningRule) -> Int { rule.weekdays.map(\.isoNumber).min() ?? 0 }

    /// "8:00", "12:30": a wall-clock time of an opening rule.
    static func timeOfDay(_ time: LocalTime) -> String {
        "\(time.hour):" + (time.minute < 10 ? "0\(time.minute)" : String(time.minute))
    }
}
