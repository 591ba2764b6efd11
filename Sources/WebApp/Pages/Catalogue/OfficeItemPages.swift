import Core
import HTTPServer
import Scheduling
import Templating

/// `/verwaltung/katalog/standorte/{office}/zeiten` and `…/schliesstage`:
/// an office's opening rules and closures for administrators, each kind
/// with a list, a form, a preview of the office's week and the bookings
/// the change would strand, and saving it as one catalogue revision
/// (`CatalogueAdministration`). The form posts to the preview, which
/// carries what was typed in hidden fields: to the next week, back to the
/// form, or to saving, which redirects to the list with what it did.
/// An office beyond a scoped admin's reach is the 404 page.
extension Pages {
    static let catalogueOfficesPath = "/verwaltung/katalog/standorte"

    static func officeItemsPath<Kind: OfficeItemKind>(_ kind: Kind.Type, _ officeId: OfficeID) -> String {
        "\(catalogueOfficesPath)/\(officeId)/\(kind.segment)"
    }

    func registerOfficeItemPages<Kind: OfficeItemKind>(_ kind: Kind.Type, on builder: RouterBuilder) {
        let path = "\(Self.catalogueOfficesPath)/:id/\(kind.segment)"
        get(builder, path, roles: Self.catalogueRoles) { page, admin in
            try officeItemsPage(kind, page, admin: admin)
        }
        get(builder, path + "/formular", roles: Self.catalogueRoles) { page, admin in
            let entry = try administeredEntry(page, admin)
            guard let id = page.field("id") else { return try officeItemForm(kind, OfficeItemForm(), entry, page, admin: admin) }
            guard let value = kind.values(of: entry).first(where: { kind.id(of: $0) == id }) else { throw PageFailure.notFound }
            var form = kind.form(value)
            form.set("edit", "change")
            return try officeItemForm(kind, form, entry, page, admin: admin)
        }
        post(builder, path + "/formular", roles: Self.catalogueRoles) { page, admin in
            try officeItemForm(kind, OfficeItemForm(posted: page), try administeredEntry(page, admin), page, admin: admin)
        }
        post(builder, path + "/vorschau", roles: Self.catalogueRoles) { page, admin in
            try withOfficeItemEdit(kind, page, admin) { edit, form, entry in
                let week = page.field("week").flatMap(LocalDate.init)
                let preview = try useCases.catalogueAdministration.preview(edit, by: admin, weekFrom: week)
                return try officeItemPreview(kind, preview, form, entry, page)
            }
        }
        post(builder, path + "/speichern", roles: Self.catalogueRoles) { page, admin in
            try withOfficeItemEdit(kind, page, admin) { edit, form, entry in
                let outcome = try useCases.catalogueAdministration.save(edit, by: admin, idempotency: page.idempotencyKey).value
                return redirect(PageLink.make(Self.officeItemsPath(kind, entry.office.id), [
                    ("gespeichert", form.value("edit").isEmpty ? "add" : form.value("edit")), ("id", form.value("id")),
                    ("betroffen", String(outcome.stranded.count)), ("lang", page.language),
                ]))
            }
        }
    }

    /// The posted form's edit handed to `body` (preview or save); the form
    /// again with every problem next to its field when it is refused.
    private func withOfficeItemEdit<Kind: OfficeItemKind>(
        _ kind: Kind.Type, _ page: PageRequest, _ admin: Account,
        _ body: (CatalogueEdit, OfficeItemForm, CatalogueDocument.OfficeEntry) throws -> HTTPResponse
    ) throws -> HTTPResponse {
        let entry = try administeredEntry(page, admin)
        let form = OfficeItemForm(posted: page)
        var errors = FormErrors()
        do {
            if let edit = officeItemEdit(kind, form, entry.office.id, page, errors: &errors) { return try body(edit, form, entry) }
        } catch let refusal as CatalogueAdministration.Refusal {
            try add(refusal, kind, form, to: &errors, page)
        } catch BookingError.idempotencyKeyReused {
            errors.add("item", anchor: "id", page.texts.text("catalogue.week.error.resubmitted"))
        }
        return try officeItemForm(kind, form, entry, page, admin: admin, errors: errors)
    }

    /// The office of the path, as far as the admin reaches: else the 404 page.
    func administeredEntry(_ page: PageRequest, _ admin: Account) throws -> CatalogueDocument.OfficeEntry {
        let officeId: OfficeID = page.parameterID("id")
        let document = try useCases.catalogueAdministration.catalogue(for: admin)
        guard let entry = document.offices.first(where: { $0.office.id == officeId }) else { throw PageFailure.notFound }
        return entry
    }

    /// The edit the form asks for: removing by id, or the item the form
    /// makes, read by the catalogue file's reader; nil, with the reader's
    /// problems next to their fields, when it cannot be read.
    private func officeItemEdit<Kind: OfficeItemKind>(_ kind: Kind.Type, _ form: OfficeItemForm, _ officeId: OfficeID,
                                                     _ page: PageRequest, errors: inout FormErrors) -> CatalogueEdit? {
        if form.value("edit") == "remove" { return .remove(kind.reference(form.value("id"), at: officeId)) }
        switch JSONFields.decode(kind.object(form), { kind.item($0, office: officeId) }) {
        case .failure(let failure):
            addItemProblems(failure.errors.map { CatalogueProblem(path: $0.field, message: $0.message) }, kind, form, to: &errors, page)
            return nil
        case .success(let item):
            return form.value("edit") == "change" ? .change(item) : .add(item)
        }
    }

    /// Problems of the item by their path relative to it, each next to its
    /// field; those of the item as a whole above the form.
    private func addItemProblems<Kind: OfficeItemKind>(_ problems: [CatalogueProblem], _ kind: Kind.Type, _ form: OfficeItemForm,
                                                      to errors: inout FormErrors, _ page: PageRequest) {
        for problem in problems {
            if let (name, anchor) = kind.field(of: problem.path, form) {
                errors.add(name, anchor: anchor, page.texts.text("\(kind.texts).error.\(name)"))
            } else {
                errors.add("item", anchor: "id", page.texts.format("catalogue.week.error.item", ["detail": problem.message]))
            }
        }
    }

    /// A refusal of the edit as messages next to the form's fields; a
    /// forbidden change is the 403 page, a change of what is gone the 404.
    private func add<Kind: OfficeItemKind>(_ refusal: CatalogueAdministration.Refusal, _ kind: Kind.Type, _ form: OfficeItemForm,
                                          to errors: inout FormErrors, _ page: PageRequest) throws {
        switch refusal {
        case .forbidden: throw PageFailure.forbidden
        case .mismatch(.notFound): throw PageFailure.notFound
        case .mismatch(.exists): errors.add("id", page.texts.text("\(kind.texts).error.exists"))
        case .invalid(let problems):
            addItemProblems(problems.item, kind, form, to: &errors, page)
            for problem in problems.elsewhere {
                errors.add("item", anchor: "id", page.texts.format("catalogue.week.error.item", ["detail": problem.description]))
            }
        case .stillNamed(let names):
            errors.add("item", anchor: "id", page.texts.format("catalogue.week.error.stillNamed", ["names": names.joined(separator: ", ")]))
        }
    }

    private func officeItemsPage<Kind: OfficeItemKind>(_ kind: Kind.Type, _ page: PageRequest, admin: Account) throws -> HTTPResponse {
        let entry = try administeredEntry(page, admin)
        let path = Self.officeItemsPath(kind, entry.office.id)
        let rows = try kind.values(of: entry).map { value -> TemplateValue in
            let id = kind.id(of: value)
            let mayChange = try useCases.catalogueAdministration.mayChange(kind.reference(id, at: entry.office.id), by: admin)
            return [
                "id": .string(id),
                "cells": .list(kind.cells(value, page).map(TemplateValue.string)),
                "changeHref": mayChange ? .string(PageLink.make(path + "/formular", [("id", id), ("lang", page.language)])) : .null,
                "removeAction": mayChange ? .string(path + "/vorschau") : .null,
                "hidden": OfficeItemForm([("edit", "remove"), ("id", id), ("idempotencyKey", Self.formKey())]).hidden,
            ]
        }
        var values = officeItemValues(kind, entry, page)
        for key in ["title", "heading", "listCaption", "none"] { values.set(key, .string(page.texts.text("\(kind.texts).\(key)"))) }
        values.set("addText", .string(page.texts.text("\(kind.texts).add")))
        values.set("columns", .list(kind.columns(page).map(TemplateValue.string)))
        values.set("rows", .list(rows))
        values.set("hasRows", .bool(!rows.isEmpty))
        values.set("addHref", .string(PageLink.make(path + "/formular", [("lang", page.language)])))
        values.set("banner", officeItemSaved(kind, entry.office.id, page))
        return try render("pages/catalogue-items", values, page, here: path)
    }

    private func officeItemForm<Kind: OfficeItemKind>(_ kind: Kind.Type, _ form: OfficeItemForm, _ entry: CatalogueDocument.OfficeEntry,
                                                     _ page: PageRequest, admin: Account,
                                                     errors: FormErrors = FormErrors()) throws -> HTTPResponse {
        let path = Self.officeItemsPath(kind, entry.office.id)
        guard form.value("edit") != "remove" else { throw PageFailure.redirect(PageLink.make(path, [("lang", page.language)])) }
        let isChange = form.value("edit") == "change"
        var values = officeItemValues(kind, entry, page)
        values.set("isChange", .bool(isChange))
        values.set("heading", .string(page.texts.format("\(kind.texts).\(isChange ? "changeHeading" : "addHeading")", ["id": form.value("id")])))
        values.set("action", .string(path + "/vorschau"))
        values.set("inputs", .object(Dictionary(uniqueKeysWithValues: kind.inputs.map { name, type in
            (name, [
                // Times are typed as text ("08:00"): a time picker is no easier to fill, by hand or by a screen reader.
                "name": .string(name), "type": .string(type == "date" ? "date" : "text"), "numeric": .bool(type == "number"),
                "short": .bool(type == "number" || type == "time"),
                "label": .string(page.texts.text("\(kind.texts).field.\(name)")),
                "hint": kind.hinted.contains(name) ? .string(page.texts.text("\(kind.texts).hint.\(name)")) : .null,
                "value": .string(form.value(name)), "error": TemplateValue(errors.message(for: name)),
                "readonly": .bool(isChange && name == "id"),
            ] as TemplateValue)
        })))
        values.set("hidden", OfficeItemForm([("edit", isChange ? "change" : "add"), ("idempotencyKey", Self.formKey())]).hidden)
        values.set("choices", kind.choices(form, entry: entry, catalogue: try useCases.catalogueAdministration.catalogue(for: admin),
                                           errors: errors, page))
        values.set("fields", [kind.name: .bool(true)])
        return try render("pages/catalogue-item", values, page, status: errors.isEmpty ? .ok : .unprocessableContent, errors: errors,
                          here: PageLink.make(path + "/formular", [("id", isChange ? form.value("id") : nil)]))
    }

    private func officeItemPreview<Kind: OfficeItemKind>(_ kind: Kind.Type, _ preview: CatalogueAdministration.Preview,
                                                        _ form: OfficeItemForm, _ entry: CatalogueDocument.OfficeEntry,
                                                        _ page: PageRequest) throws -> HTTPResponse {
        let path = Self.officeItemsPath(kind, entry.office.id)
        let format = page.format(in: try zone(entry.office.id))
        var values = officeItemValues(kind, entry, page)
        values.set("changes", changeLines(preview.outcome.changes.items, page, catalogue: try catalogue()))
        values.set("noChanges", .bool(preview.outcome.changes.isEmpty))
        values.set("stranded", .list(preview.outcome.stranded.map { affected in
            [
                "code": .string(affected.booking.code.value),
                "when": .string(format.dateAndTime(affected.booking.start)),
                "name": .string(page.contactName(of: affected.booking)),
                "cause": .string(page.texts.text("officeChanges.cause.\(affected.cause.rawValue)")),
            ]
        }))
        values.set("hasStranded", .bool(!preview.outcome.stranded.isEmpty))
        values.set("strandedCount", .string(page.texts.format("catalogue.week.preview.strandedCount",
                                                              ["count": String(preview.outcome.stranded.count)])))
        if let week = preview.week, let first = week.days.first?.date {
            values.set("week", weekValue(week, page.texts))
            values.set("weekHeading", .string(page.texts.format("catalogue.week.from", ["from": format.date(first)])))
            values.set("weeks", .list([("week-earlier", "catalogue.week.earlier", -7), ("week-later", "catalogue.week.later", 7)]
                .map { id, label, days in
                    ["id": .string(id), "label": .string(page.texts.text(label)),
                     "hidden": OfficeItemForm(form.fields + [("week", first.adding(days: days).description)]).hidden]
                }))
        }
        values.set("hidden", form.hidden)
        values.set("previewAction", .string(path + "/vorschau"))
        values.set("saveAction", .string(path + "/speichern"))
        values.set("backAction", .string(path + "/formular"))
        values.set("isRemove", .bool(form.value("edit") == "remove"))
        values.set("listHref", .string(PageLink.make(path, [("lang", page.language)])))
        return try render("pages/catalogue-preview", values, page, here: path)
    }

    /// What every page of the kind names: the office, its pages, the texts' prefix.
    private func officeItemValues<Kind: OfficeItemKind>(_ kind: Kind.Type, _ entry: CatalogueDocument.OfficeEntry,
                                                       _ page: PageRequest) -> TemplateValue {
        let kinds: [any OfficeItemKind.Type] = [RuleForm.self, ClosureForm.self]
        return [
            "officeName": .string(entry.office.name),
            "listHref": .string(PageLink.make(Self.officeItemsPath(kind, entry.office.id), [("lang", page.language)])),
            "nav": .list(kinds.map { other in
                ["href": .string(PageLink.make("\(Self.catalogueOfficesPath)/\(entry.office.id)/\(other.segment)", [("lang", page.language)])),
                 "text": .string(page.texts.text("\(other.texts).title")), "current": .bool(ObjectIdentifier(other) == ObjectIdentifier(kind))]
            }),
            "staffClosuresHref": .string(Self.officePath(entry.office.id, "schliesstage")),
        ]
    }

    /// After saving: what was saved, and how many bookings went onto the "to contact" list.
    private func officeItemSaved<Kind: OfficeItemKind>(_ kind: Kind.Type, _ officeId: OfficeID, _ page: PageRequest) -> TemplateValue {
        guard let done = page.query["gespeichert"], ["add", "change", "remove"].contains(done) else { return .null }
        let count = Int(page.query["betroffen"] ?? "") ?? 0
        return [
            "text": .string(page.texts.format("\(kind.texts).saved.\(done)", ["id": page.query["id"] ?? ""])),
            "affected": count > 0 ? .string(page.texts.format("officeChanges.savedAffected", ["count": String(count)])) : .null,
            "affectedHref": .string(Self.officePath(officeId, "nachfassen")),
        ]
    }

    /// A fresh idempotency key for a form that saves.
    static func formKey() -> String { Crypto.base64URL(Crypto.randomBytes(18)) }
}
