import Core
import HTTPServer
import Scheduling
import Templating

/// `/verwaltung/katalog`: administrators set the catalogue up in the
/// browser, the same use case as `/api/v1/admin/…` and the catalogue
/// file's import. The overview lists the municipalities, offices and
/// services the admin reaches, each linked to its form
/// (`CatalogueItemPages`); what the admin may not change is shown, not
/// offered for change, with the reason.
extension Pages {
    static let cataloguePath = "/verwaltung/katalog"
    static let catalogueRoles = Account.Role.allowed(to: .administerCatalogue)

    /// The kinds of item with pages of their own, in the overview's order.
    static let catalogueForms: [any CatalogueItemForm.Type] = [MunicipalityForm.self, OfficeForm.self, ServiceForm.self]

    func registerCataloguePages(on builder: RouterBuilder) {
        get(builder, Self.cataloguePath, roles: Self.catalogueRoles) { page, admin in
            try catalogueOverview(page, admin)
        }
        for form in Self.catalogueForms { registerCatalogueItemPages(form, on: builder) }
    }

    /// The part of the catalogue `admin` administers; the 403 page for anyone else.
    func visibleCatalogue(for admin: Account) throws -> CatalogueDocument {
        do {
            return try useCases.catalogueAdministration.catalogue(for: admin)
        } catch CatalogueAdministration.Refusal.forbidden {
            throw PageFailure.forbidden
        }
    }

    private func catalogueOverview(_ page: PageRequest, _ admin: Account) throws -> HTTPResponse {
        let visible = try visibleCatalogue(for: admin)
        let texts = page.texts
        let administration = useCases.catalogueAdministration
        let municipalityNames = Dictionary(visible.municipalities.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        func row<Form: CatalogueItemForm>(_ form: Form.Type, id: String, name: String, detail: String) throws -> TemplateValue {
            let changeable = try administration.mayChange(Form.reference(id), by: admin)
            return [
                "id": .string(id), "name": .string(name), "detail": .string(detail),
                "href": .string(PageLink.make(Self.catalogueItemPath(Form.self, id), [("lang", page.language)])),
                "linkText": .string(texts.text(changeable ? "catalogue.overview.change" : "catalogue.overview.view")),
                "readOnlyNote": changeable ? .null : .string(texts.text(Form.texts + ".readOnlyNote")),
                "officeId": Form.self == OfficeForm.self ? .string(id) : .null,
            ]
        }
        func section<Form: CatalogueItemForm>(_ form: Form.Type, id: String, addable: Bool, rows: [TemplateValue]) -> TemplateValue {
            [
                "id": .string(id), "heading": .string(texts.text("catalogue.overview.\(id)")),
                "detailHeading": .string(texts.text(Form.texts + ".detailHeading")),
                "hasRows": .bool(!rows.isEmpty), "rows": .list(rows), "none": .string(texts.text(Form.texts + ".none")),
                "addHref": addable && Form.mayAdd(by: admin) ? .string(PageLink.make(Self.catalogueAddPath(Form.self), [("lang", page.language)])) : .null,
                "addText": .string(texts.text(Form.texts + ".addHeading")),
            ]
        }
        let values: TemplateValue = [
            "banner": catalogueBanner(page, visible),
            "sections": [
                section(MunicipalityForm.self, id: "municipalities", addable: true, rows: try visible.municipalities.map { municipality in
                    let count = visible.offices.filter { $0.office.municipalityId == municipality.id }.count
                    return try row(MunicipalityForm.self, id: municipality.id.rawValue, name: municipality.name,
                                   detail: texts.format("catalogue.overview.officeCount", ["count": String(count)]))
                }),
                // An office needs a municipality, a service an office to offer it.
                section(OfficeForm.self, id: "offices", addable: !visible.municipalities.isEmpty, rows: try visible.offices.map { entry in
                    try row(OfficeForm.self, id: entry.office.id.rawValue, name: entry.office.name,
                            detail: municipalityNames[entry.office.municipalityId] ?? entry.office.municipalityId.rawValue)
                }),
                section(ServiceForm.self, id: "services", addable: !visible.offices.isEmpty, rows: try visible.services.map { service in
                    let offices = visible.offices.filter { $0.offerings.contains { $0.serviceId == service.id } }.map(\.office.name)
                    return try row(ServiceForm.self, id: service.id.rawValue, name: service.name, detail: offices.joined(separator: ", "))
                }),
            ],
        ]
        return try render("pages/admin-catalogue", values, page, here: Self.cataloguePath)
    }

    /// After saving: what was saved or removed, and how many bookings went
    /// onto which offices' "to contact" lists.
    private func catalogueBanner(_ page: PageRequest, _ visible: CatalogueDocument) -> TemplateValue {
        guard let id = page.query["gespeichert"],
              let form = Self.catalogueForms.first(where: { $0.segment == page.query["art"] }) else { return .null }
        let texts = page.texts
        let name = visible.municipalities.first { $0.id.rawValue == id }?.name
            ?? visible.offices.first { $0.office.id.rawValue == id }?.office.name
            ?? visible.services.first { $0.id.rawValue == id }?.name ?? id
        let what = texts.format(form.texts + ".named", ["name": name])
        let count = Int(page.query["betroffen"] ?? "") ?? 0
        let offices = (page.query["nachfassen"] ?? "").split(separator: ",").map { OfficeID(String($0)) }
        return [
            "text": .string(texts.format(page.query["entfernt"] == "1" ? "catalogue.overview.removed" : "catalogue.overview.saved",
                                         ["what": what])),
            "affected": count > 0 ? .string(texts.format("catalogue.overview.affected", ["count": String(count)])) : .null,
            "lists": .list(offices.map { officeId in
                ["href": .string(Self.officePath(officeId, "nachfassen")),
                 "text": .string(visible.offices.first { $0.office.id == officeId }?.office.name ?? officeId.rawValue)]
            }),
        ]
    }
}
