import Core
import HTTPServer
import Scheduling
import Templating

/// The pages of one kind of catalogue item, the same for municipalities,
/// services and offices (`CatalogueItemForm`), the same use case as the
/// admin API (`CatalogueAdministration`):
///
/// - `/verwaltung/katalog/neu/{kind}` and `/verwaltung/katalog/{kind}/{id}`:
///   the form, empty or with the item (read-only when the admin may not
///   change it); a POST shows it again with what was typed ("back to the form");
/// - `…/vorschau`: what the change does (changes, bookings it strands, the
///   office's week), or the form with every error next to its field (422);
/// - `…/speichern`: saves it once per form (its idempotency key) and
///   answers 303 to the overview with what was saved;
/// - `…/{id}/entfernen` and `…/entfernen/speichern`: the same for removing it.
extension Pages {
    func registerCatalogueItemPages<Form: CatalogueItemForm>(_ form: Form.Type, on builder: RouterBuilder) {
        let item = "\(Self.cataloguePath)/\(Form.segment)/:id"
        for path in [Self.catalogueAddPath(Form.self), item] {
            get(builder, path, roles: Self.catalogueRoles) { page, admin in
                let context = try CatalogueItemContext<Form>(page, admin, self)
                return try itemForm(context, context.shownValues, errors: FormErrors(), status: .ok)
            }
            post(builder, path, roles: Self.catalogueRoles) { page, admin in
                let context = try CatalogueItemContext<Form>(page, admin, self)
                return try itemForm(context, context.shownValues, errors: FormErrors(), status: .ok)
            }
            post(builder, path + "/vorschau", roles: Self.catalogueRoles) { page, admin in
                let context = try CatalogueItemContext<Form>(page, admin, self)
                return try withEdit(context) { edit in
                    let preview = try useCases.catalogueAdministration.preview(edit, by: admin)
                    return try previewPage(context, preview, saveAction: context.formPath + "/speichern", removing: false)
                }
            }
            post(builder, path + "/speichern", roles: Self.catalogueRoles) { page, admin in
                let context = try CatalogueItemContext<Form>(page, admin, self)
                return try withEdit(context) { edit in try saved(context, edit) }
            }
        }
        post(builder, item + "/entfernen", roles: Self.catalogueRoles) { page, admin in
            let context = try CatalogueItemContext<Form>(page, admin, self)
            return try refused(context, values: context.storedValues) {
                let preview = try useCases.catalogueAdministration.preview(.remove(context.reference), by: admin)
                return try previewPage(context, preview, saveAction: context.formPath + "/entfernen/speichern", removing: true)
            }
        }
        post(builder, item + "/entfernen/speichern", roles: Self.catalogueRoles) { page, admin in
            let context = try CatalogueItemContext<Form>(page, admin, self)
            return try refused(context, values: context.storedValues) { try saved(context, .remove(context.reference)) }
        }
    }

    static func catalogueAddPath<Form: CatalogueItemForm>(_ form: Form.Type) -> String { "\(cataloguePath)/neu/\(Form.segment)" }
    static func catalogueItemPath<Form: CatalogueItemForm>(_ form: Form.Type, _ id: String) -> String {
        "\(cataloguePath)/\(Form.segment)/\(PageLink.encode(id))"
    }

    /// The edit the posted form asks for, made by `body`; the form again
    /// with every problem next to its field when the reader or the use
    /// case refuses it. Nothing is saved then.
    private func withEdit<Form>(_ context: CatalogueItemContext<Form>,
                                _ body: (CatalogueEdit) throws -> HTTPResponse) throws -> HTTPResponse {
        let values = context.postedValues
        var object = Form.object(values, fields: context.fields)
        if let id = context.id, case .object(var members) = object {
            // An item's id is its address: a change keeps it whatever was posted.
            members["id"] = .string(id)
            object = .object(members)
        }
        switch Form.item(object, values, visible: context.visible) {
        case .failure(let problems):
            var errors = FormErrors()
            for problem in problems.errors { context.add(problem.field, problem.message, to: &errors) }
            return try itemForm(context, values, errors: errors, status: .unprocessableContent)
        case .success(let item):
            return try refused(context, values: values) { try body(context.id == nil ? .add(item) : .change(item)) }
        }
    }

    /// `body`, or the form with the use case's refusal next to its field.
    private func refused<Form>(_ context: CatalogueItemContext<Form>, values: CatalogueFormValues,
                               _ body: () throws -> HTTPResponse) throws -> HTTPResponse {
        var errors = FormErrors()
        do {
            return try body()
        } catch let refusal as CatalogueAdministration.Refusal {
            switch refusal {
            case .forbidden: throw PageFailure.forbidden
            case .mismatch(.notFound): throw PageFailure.notFound
            case .mismatch(.exists): errors.add("id", context.page.texts.text("catalogue.error.exists"))
            case .invalid(let problems):
                for problem in problems.item { context.add(problem.path, problem.message, to: &errors) }
                for problem in problems.elsewhere {
                    errors.add("elsewhere", anchor: "elsewhere", context.page.texts.format("catalogue.error.elsewhere", ["problem": problem.description]))
                }
            case .stillNamed(let names):
                errors.add("remove", anchor: "remove-button",
                           context.page.texts.format("catalogue.error.stillNamed", ["names": names.joined(separator: ", ")]))
            }
        } catch BookingError.idempotencyKeyReused {
            errors.add("elsewhere", anchor: "elsewhere", context.page.texts.text("catalogue.error.resubmitted"))
        }
        return try itemForm(context, values, errors: errors, status: .unprocessableContent)
    }

    /// Saves `edit` and answers 303 to the overview, which says what was
    /// saved and how many bookings went onto the "to contact" list.
    private func saved<Form>(_ context: CatalogueItemContext<Form>, _ edit: CatalogueEdit) throws -> HTTPResponse {
        let page = context.page
        let outcome = try useCases.catalogueAdministration.save(edit, by: context.admin, idempotency: page.idempotencyKey).value
        let id: String
        switch edit.reference {
        case .municipality(let municipality)?: id = municipality.rawValue
        case .service(let service)?: id = service.rawValue
        case .office(let office)?: id = office.rawValue
        default: id = context.id ?? ""
        }
        let offices = Set(outcome.stranded.map(\.booking.officeId.rawValue)).sorted()
        var removed: String?
        if case .remove = edit { removed = "1" }
        return redirect(PageLink.make(Self.cataloguePath, [
            ("art", Form.segment), ("gespeichert", id), ("entfernt", removed), ("betroffen", String(outcome.stranded.count)),
            ("nachfassen", offices.isEmpty ? nil : offices.joined(separator: ",")), ("lang", page.language),
        ]))
    }

    /// The item's form with `values` and the messages of `errors`.
    private func itemForm<Form>(_ context: CatalogueItemContext<Form>, _ values: CatalogueFormValues, errors: FormErrors,
                                status: HTTPStatus) throws -> HTTPResponse {
        let page = context.page
        let texts = page.texts
        let readOnly = try context.id != nil && !useCases.catalogueAdministration.mayChange(context.reference, by: context.admin)
        let groups = Form.groups(context.visible, texts).map { group -> TemplateValue in
            [
                "legend": TemplateValue(group.legend.map(texts.text)),
                "fields": .list(group.fields.map { field in
                    fieldValue(field, Form.texts, values, error: errors.message(for: field.name),
                               readOnly: readOnly || (field.name == "id" && context.id != nil), texts)
                }),
            ]
        }
        let heading = context.id.map { texts.format(Form.texts + ".changeHeading", ["id": $0]) } ?? texts.text(Form.texts + ".addHeading")
        let offerings = Form.extras(context.visible, values, texts)
        let key = { (name: String) in page.isPost ? values.text(name) : Crypto.base64URL(Crypto.randomBytes(18)) }
        let formValues: TemplateValue = [
            "heading": .string(heading),
            "groups": .list(groups),
            "offerings": offerings,
            "hasOfferings": .bool(offerings != .null),
            "offersError": TemplateValue(errors.message(for: "offers")),
            "elsewhereError": TemplateValue(errors.message(for: "elsewhere")),
            "readOnly": .bool(readOnly),
            "readOnlyNote": .string(texts.text(Form.texts + ".readOnlyNote")),
            "previewAction": readOnly ? .null : .string(context.formPath + "/vorschau"),
            "removeAction": readOnly || context.id == nil ? .null : .string(context.formPath + "/entfernen"),
            "removeError": TemplateValue(errors.message(for: "remove")),
            "hidden": [["name": "idempotencyKey", "value": .string(key("idempotencyKey"))]],
            // A form of its own, so a removal and a change are never taken for each other's retry.
            "removeForm": ["hidden": [["name": "idempotencyKey", "value": .string(Crypto.base64URL(Crypto.randomBytes(18)))]]],
            "overviewHref": .string(PageLink.make(Self.cataloguePath, [("lang", page.language)])),
        ]
        return try render("pages/admin-catalogue-item", formValues, page, status: status, errors: errors, here: context.formPath)
    }

    /// One field as `pages/partials/catalogue-field` shows it. Every key is
    /// set on every field, `.null` included (Mustache looks a missing one up outside).
    private func fieldValue(_ field: CatalogueFormField, _ prefix: String, _ values: CatalogueFormValues, error: String?,
                            readOnly: Bool, _ texts: TextCatalogue) -> TemplateValue {
        let value = values.text(field.name)
        var options: [(value: String, label: String)] = []
        var kind = "text"
        switch field.kind {
        case .text, .requiredText: kind = "text"
        case .number, .euros: kind = "number"
        case .longText, .optionalLongText, .lines, .optionalLines: kind = "textarea"
        case .flag: kind = "flag"
        case .choice(let choices): kind = "choice"; options = choices
        }
        return [
            "name": .string(field.name),
            "label": .string(texts.text("\(prefix).\(field.name)")),
            "hint": field.hint ? .string(texts.text("\(prefix).\(field.name)Hint")) : .null,
            "value": .string(value),
            "error": TemplateValue(error),
            "readOnly": .bool(readOnly),
            "isText": .bool(kind == "text"), "isNumber": .bool(kind == "number"), "isTextarea": .bool(kind == "textarea"),
            "isFlag": .bool(kind == "flag"), "isChoice": .bool(kind == "choice"),
            "checked": .bool(values.has(field.name)),
            "options": .list(options.map { ["value": .string($0.value), "label": .string($0.label), "selected": .bool($0.value == value)] }),
        ]
    }
}

/// One request to an item's pages: who asks, what of the catalogue it
/// reaches, and which item (nil: a new one).
struct CatalogueItemContext<Form: CatalogueItemForm> {
    let page: PageRequest
    let admin: Account
    let visible: CatalogueDocument
    let id: String?
    let fields: [CatalogueFormField]

    /// An item beyond the admin's reach does not exist for it (404); a new
    /// municipality only an unscoped admin adds (403).
    init(_ page: PageRequest, _ admin: Account, _ pages: Pages) throws {
        self.page = page
        self.admin = admin
        visible = try pages.visibleCatalogue(for: admin)
        id = page.http.parameter("id")
        fields = Form.fields(visible, page.texts)
        if id == nil, !Form.mayAdd(by: admin) { throw PageFailure.forbidden }
        if id != nil, storedValues.pairs.isEmpty { throw PageFailure.notFound }
    }

    var reference: CatalogueEdit.Reference { Form.reference(id ?? "") }

    var formPath: String { id.map { Pages.catalogueItemPath(Form.self, $0) } ?? Pages.catalogueAddPath(Form.self) }

    /// What the item holds now, or what a new one starts with.
    var storedValues: CatalogueFormValues {
        guard let id else { return Form.blank(fields: fields) }
        return Form.values(of: id, in: visible, fields: fields) ?? CatalogueFormValues([])
    }

    /// The form's fields as posted, without what every form carries.
    var postedValues: CatalogueFormValues {
        CatalogueFormValues(page.formFields.filter { ![CSRF.fieldName, "lang", "languageSwitch"].contains($0.0) })
    }

    /// What the form shows: the posted values coming back to it, else the stored ones.
    var shownValues: CatalogueFormValues { page.isPost ? postedValues : storedValues }

    /// A reader's or the catalogue's problem (path relative to the item) next to its field.
    func add(_ path: String, _ message: String, to errors: inout FormErrors) {
        let name = Form.field(for: path, in: fields)
        let field = fields.first { $0.name == name }
        errors.add(name, CatalogueProblemWording.message(message, field: field, page.texts))
    }
}
