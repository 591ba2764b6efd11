import Core
import HTTPServer
import Scheduling
import Templating

/// Walk-in tickets at the desk (`/dienst/{officeId}/wartenummer`): choose
/// the services and the number of persons, and, if the visitor wishes, the
/// name to call them by; get the ticket's number and its estimated call
/// time — or the day's quota is used up, with the next day that takes
/// walk-ins. The name is the desk's alone: the answer, which may be shown
/// across the counter, and the waiting-room screen never show it.
extension DeskPages {
    func registerWalkIns(on builder: RouterBuilder) {
        pages.staffGet(builder, "/dienst/:officeId/wartenummer") { page, _, office in try walkInForm(page, office, chosen: [], quantity: 1, name: "", errors: FormErrors(), status: .ok) }
        pages.staffPost(builder, "/dienst/:officeId/wartenummer") { page, _, office in
            let chosen = page.formFields.filter { $0.0 == "services" }.map { ServiceID($0.1) }
            let quantityText = page.field("quantity") ?? "1"
            let name = page.field("name") ?? ""
            var errors = FormErrors()
            let offered = Set(try pages.catalogue().setup(office.id)?.offeredServiceIds ?? [])
            if chosen.isEmpty || !chosen.allSatisfy(offered.contains) {
                errors.add("services", anchor: "services-" + (offered.sorted().first?.rawValue ?? ""), page.texts.text("desk.walkIn.chooseService"))
            }
            let quantity = Int(quantityText).flatMap { (1...20).contains($0) ? $0 : nil }
            if quantity == nil { errors.add("quantity", page.texts.text("desk.walkIn.quantityInvalid")) }
            guard errors.isEmpty, let quantity else {
                return try walkInForm(page, office, chosen: chosen, quantity: quantity ?? 1, name: name, errors: errors,
                                      status: .unprocessableContent)
            }
            let services = Array(Set(chosen)).sorted().map { RequestedService(serviceId: $0, quantity: quantity) }
            do {
                let ticket = try issue(services, name: name, at: office, page: page)
                let catalogue = try pages.catalogue()
                let format = try officeFormat(page, office)
                var values = try frame(office, date: ticket.date, page: page)
                values.set("number", .string(ticket.label))
                values.set("estimated", .string(format.time(ticket.estimatedCallAt)))
                values.set("services", TemplateValue(ticket.services) { .string(serviceText($0, catalogue: catalogue, page: page)) })
                return try render("desk/walk-in-issued", values, page, status: .created)
            } catch BookingError.refused(.walkInQuotaExhausted(let next)) {
                let format = try officeFormat(page, office)
                let message = next.map { page.texts.format("desk.walkIn.exhaustedNext", ["date": format.date($0)]) }
                    ?? page.texts.text("desk.walkIn.exhausted")
                return try walkInForm(page, office, chosen: chosen, quantity: quantity, name: name, errors: FormErrors(),
                                      status: .conflict, exhausted: message)
            } catch BookingError.idempotencyKeyReused {
                errors.add("services", anchor: "services-" + (offered.sorted().first?.rawValue ?? ""), page.texts.text("desk.walkIn.resubmitted"))
                return try walkInForm(page, office, chosen: [], quantity: 1, name: "", errors: errors, status: .conflict)
            } catch BookingError.invalid(field: "name", _) {
                errors.add("name", page.texts.format("desk.walkIn.nameInvalid", ["max": String(WalkInName.maximumLength)]))
                return try walkInForm(page, office, chosen: chosen, quantity: quantity, name: name, errors: errors,
                                      status: .unprocessableContent)
            } catch BookingError.refused(let refusal) {
                errors.add(refusal.field == "quantity" ? "quantity" : "services", anchor: refusal.field == "quantity" ? "quantity"
                           : "services-" + (offered.sorted().first?.rawValue ?? ""), page.texts.text("desk.walkIn.notPossible"))
                return try walkInForm(page, office, chosen: chosen, quantity: quantity, name: name, errors: errors,
                                      status: .unprocessableContent)
            }
        }
    }

    /// Issues the ticket once per form: the form's own key makes a second
    /// click (or a reload of the answer) show the first ticket again instead
    /// of drawing another number.
    private func issue(_ services: [RequestedService], name: String, at office: Office, page: PageRequest) throws -> WalkInTicket {
        try walkIns.issue(office: office.id, services: services, name: name, caller: page.identity.caller,
                          idempotency: page.idempotencyKey).value
    }

    private func walkInForm(_ page: PageRequest, _ office: Office, chosen: [ServiceID], quantity: Int, name: String,
                            errors: FormErrors, status: HTTPStatus, exhausted: String? = nil) throws -> HTTPResponse {
        let catalogue = try pages.catalogue()
        let services = (catalogue.setup(office.id)?.offeredServiceIds ?? []).compactMap(catalogue.service)
        var values = try frame(office, date: try time.today(office: office.id), page: page)
        values.set("action", .string(Self.link(office.id, "wartenummer")))
        values.set("services", TemplateValue(services) { service in
            ["id": .string("services-" + service.id.rawValue), "value": .string(service.id),
             "name": .string(service.texts(in: page.language).name),
             "checked": .bool(chosen.contains(service.id))]
        })
        values.set("quantity", TemplateValue(quantity))
        values.set("idempotencyKey", .string(Crypto.base64URL(Crypto.randomBytes(18))))
        values.set("exhausted", TemplateValue(exhausted))
        values.set("servicesError", TemplateValue(errors.message(for: "services")))
        values.set("quantityError", TemplateValue(errors.message(for: "quantity")))
        values.set("name", .string(name))
        values.set("nameMaxLength", TemplateValue(WalkInName.maximumLength))
        values.set("nameError", TemplateValue(errors.message(for: "name")))
        return try render("desk/walk-in", values, page, status: status, errors: errors)
    }
}
