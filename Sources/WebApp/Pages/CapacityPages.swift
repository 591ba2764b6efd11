import Core
import HTTPServer
import Scheduling
import Templating

/// `/dienst/{officeId}/kapazitaet`: changed counters on single dates
/// (the whole day or a time band), with a form to add one — for one day or
/// every opening day of a range — and a button to remove each. Fewer
/// counters than booked are allowed: the bookings over the new number go
/// onto the "to contact" list.
extension Pages {
    func registerCapacityPages(on builder: RouterBuilder) {
        officeGet(builder, "kapazitaet") { page, context in
            try capacityPage(page, context, errors: FormErrors(), status: .ok)
        }
        officePost(builder, "kapazitaet") { page, context in
            var errors = FormErrors()
            let date = dateField("date", page, required: true, errors: &errors)
            let through = dateField("through", page, required: false, errors: &errors)
            let band = bandField(page, errors: &errors)
            var counters: Int?
            if let text = page.field("counters") {
                counters = Int(text)
                if counters == nil { errors.add("counters", page.texts.text("officeChanges.error.countersOutOfRange")) }
            } else {
                errors.add("counters", page.texts.text("officeChanges.error.countersMissing"))
            }
            let draft = CapacityChangeDraft(officeId: context.office.id, date: date ?? .init(daysSinceEpoch: 0),
                                            through: through ?? date, band: band, counters: counters ?? 0,
                                            reason: page.field("reason") ?? "")
            // Without a first day there is no range to check the last one against.
            for issue in try officeChanges.issues(of: draft)
            where (date != nil || !["date", "through"].contains(issue.field)) && (counters != nil || issue.field != "counters") {
                errors.add(issue.field, message(issue, page))
            }
            guard errors.isEmpty else { return try capacityPage(page, context, errors: errors, status: .unprocessableContent) }
            let (_, affected) = try officeChanges.addCapacityChange(draft, by: context.account.username)
            return redirect(PageLink.make(Self.officePath(context.office.id, "kapazitaet"),
                                          [("gespeichert", "1"), ("betroffen", String(affected.count)), ("lang", page.language)]))
        }
        officePost(builder, "kapazitaet/:changeId/entfernen") { page, context in
            try officeChanges.removeCapacityChange(office: context.office.id, id: page.parameter("changeId"))
            return redirect(PageLink.make(Self.officePath(context.office.id, "kapazitaet"),
                                          [("entfernt", "1"), ("lang", page.language)]))
        }
    }

    private func capacityPage(_ page: PageRequest, _ context: OfficeContext, errors: FormErrors,
                              status: HTTPStatus) throws -> HTTPResponse {
        let today = try officeChanges.today(at: context.office.id)
        let format = page.format(in: try zone(context.office.id))
        let changes = try officeChanges.capacityChanges(office: context.office.id).filter { $0.date >= today }
        var values = officeValues(context, page, current: "kapazitaet")
        values.set("changes", .list(changes.map { change in
            [
                "date": .string(format.date(change.date)),
                "hours": change.band.map { .string(page.texts.format("officeChanges.band", ["from": $0.start.description, "to": $0.end.description])) }
                    ?? .string(page.texts.text("officeChanges.wholeDay")),
                "counters": .string(String(change.counters)),
                "reason": .string(change.reason),
                "removeAction": .string(Self.officePath(context.office.id, "kapazitaet/\(change.id)/entfernen")),
            ]
        }))
        values.set("hasChanges", .bool(!changes.isEmpty))
        values.set("action", .string(Self.officePath(context.office.id, "kapazitaet")))
        let field = { (name: String) -> TemplateValue in .string(page.isPost ? page.form[name] ?? "" : "") }
        values.set("values", ["date": field("date"), "through": field("through"), "fromTime": field("fromTime"),
                              "toTime": field("toTime"), "counters": field("counters"), "reason": field("reason")])
        values.set("banner", savedBanner(page, context))
        return try render("pages/office-capacity", values, page, status: status, errors: errors,
                          here: Self.officePath(context.office.id, "kapazitaet"))
    }
}
