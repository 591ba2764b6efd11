import Core
import HTTPServer
import Scheduling
import Templating

/// `/dienst/{officeId}/schliesstage`: the office's closures, a form to
/// add one (a day, days, or part of them), and a button to remove each.
extension Pages {
    func registerClosurePages(on builder: RouterBuilder) {
        officeGet(builder, "schliesstage") { page, context in
            try closuresPage(page, context, errors: FormErrors(), status: .ok)
        }
        officePost(builder, "schliesstage") { page, context in
            var errors = FormErrors()
            let from = dateField("from", page, required: true, errors: &errors)
            let through = dateField("through", page, required: false, errors: &errors)
            let band = bandField(page, errors: &errors)
            let reason = page.field("reason") ?? ""
            let draft = ClosureDraft(officeId: context.office.id, from: from ?? .init(daysSinceEpoch: 0),
                                     through: through ?? from, band: band, reason: reason)
            let today = try officeChanges.today(at: context.office.id)
            for issue in draft.issues(today: today) where from != nil || issue.field == "reason" {
                errors.add(issue.field, message(issue, page))
            }
            guard errors.isEmpty else { return try closuresPage(page, context, errors: errors, status: .unprocessableContent) }
            let (_, affected) = try officeChanges.addClosure(draft, by: context.account.username)
            return redirect(PageLink.make(Self.officePath(context.office.id, "schliesstage"),
                                          [("gespeichert", "1"), ("betroffen", String(affected.count)), ("lang", page.language)]))
        }
        officePost(builder, "schliesstage/:closureId/entfernen") { page, context in
            try officeChanges.removeClosure(office: context.office.id, id: page.parameter("closureId"))
            return redirect(PageLink.make(Self.officePath(context.office.id, "schliesstage"),
                                          [("entfernt", "1"), ("lang", page.language)]))
        }
    }

    private func closuresPage(_ page: PageRequest, _ context: OfficeContext, errors: FormErrors,
                              status: HTTPStatus) throws -> HTTPResponse {
        let format = page.format(in: try zone(context.office.id))
        let today = try officeChanges.today(at: context.office.id)
        let closures = try officeChanges.closures(office: context.office.id).filter { $0.through >= today }
        var values = officeValues(context, page, current: "schliesstage")
        values.set("closures", .list(closures.map { closure in
            [
                "days": .string(closure.from == closure.through ? format.date(closure.from)
                    : page.texts.format("officeChanges.range", ["from": format.date(closure.from), "through": format.date(closure.through)])),
                "hours": closure.band.map { .string(page.texts.format("officeChanges.band", ["from": $0.start.description, "to": $0.end.description])) }
                    ?? .string(page.texts.text("officeChanges.wholeDay")),
                "reason": .string(closure.reason),
                "removeAction": .string(Self.officePath(context.office.id, "schliesstage/\(closure.id)/entfernen")),
            ]
        }))
        values.set("hasClosures", .bool(!closures.isEmpty))
        values.set("action", .string(Self.officePath(context.office.id, "schliesstage")))
        values.set("values", [
            "from": .string(page.isPost ? page.form["from"] ?? "" : ""),
            "through": .string(page.isPost ? page.form["through"] ?? "" : ""),
            "fromTime": .string(page.isPost ? page.form["fromTime"] ?? "" : ""),
            "toTime": .string(page.isPost ? page.form["toTime"] ?? "" : ""),
            "reason": .string(page.isPost ? page.form["reason"] ?? "" : ""),
        ])
        values.set("banner", savedBanner(page, context))
        // Admins keep the same closures in the catalogue too, previewed and in the audit trail.
        values.set("catalogueHref", context.account.may(.administerCatalogue)
            ? .string(Self.officeItemsPath(ClosureForm.self, context.office.id)) : .null)
        return try render("pages/office-closures", values, page, status: status, errors: errors,
                          here: Self.officePath(context.office.id, "schliesstage"))
    }

    /// After a change: saved, and how many bookings went onto the list.
    func savedBanner(_ page: PageRequest, _ context: OfficeContext) -> TemplateValue {
        guard !page.isPost else { return .null }
        if page.query["entfernt"] == "1" { return ["text": .string(page.texts.text("officeChanges.removed"))] }
        guard page.query["gespeichert"] == "1" else { return .null }
        let count = Int(page.query["betroffen"] ?? "") ?? 0
        return [
            "text": .string(page.texts.text("officeChanges.saved")),
            "affected": count > 0 ? .string(page.texts.format("officeChanges.savedAffected", ["count": String(count)])) : .null,
            "affectedHref": .string(Self.officePath(context.office.id, "nachfassen")),
        ]
    }
}
