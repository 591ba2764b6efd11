import Core
import Scheduling
import Templating

/// A municipality on the admin pages: its id, name, how long personal data
/// is kept, and the contact the legal pages name (all of it left empty:
/// none yet; any of it typed: the reader asks for the rest).
struct MunicipalityForm: CatalogueItemForm {
    static let segment = "kommunen"
    static let texts = "catalogue.municipality"
    static let listKey = "municipalities"
    static let wholeItemField = "name"

    static func reference(_ id: String) -> CatalogueEdit.Reference { .municipality(MunicipalityID(id)) }

    /// Adding a municipality is an unscoped admin's (`CatalogueAdministration`).
    static func mayAdd(by admin: Account) -> Bool { admin.reach(.administerCatalogue) == .everywhere }

    static func groups(_ visible: CatalogueDocument, _ texts: TextCatalogue) -> [(legend: String?, fields: [CatalogueFormField])] {
        [
            (nil, [CatalogueFormField("id", hint: true), CatalogueFormField("name"),
                   CatalogueFormField("retentionDays", kind: .number, hint: true)]),
            ("catalogue.municipality.contactLegend", [
                CatalogueFormField("contactOperator", "contact.operator", kind: .text, partOf: "contact"),
                CatalogueFormField("contactStreet", "contact.address.street", kind: .text, partOf: "contact"),
                CatalogueFormField("contactPostalCode", "contact.address.postalCode", kind: .text, partOf: "contact"),
                CatalogueFormField("contactCity", "contact.address.city", kind: .text, partOf: "contact"),
                CatalogueFormField("contactEmail", "contact.email", kind: .text, partOf: "contact"),
                CatalogueFormField("privacyOfficerName", "contact.privacyOfficer.name", kind: .text),
                CatalogueFormField("privacyOfficerEmail", "contact.privacyOfficer.email", kind: .text, partOf: "contact"),
            ]),
        ]
    }

    /// A new municipality's form: the retention every municipality starts with.
    static func blank(fields: [CatalogueFormField]) -> CatalogueFormValues {
        values(of: "", in: CatalogueDocument(municipalities: [Municipality(id: "", name: "")], services: [], offices: []), fields: fields)
            ?? CatalogueFormValues([])
    }

    static func item(_ object: JSONValue, _ form: CatalogueFormValues, visible: CatalogueDocument) -> Result<CatalogueEdit.Item, FieldErrors> {
        JSONFields.decode(object) { CatalogueFile.municipality($0) }.map { .municipality($0) }
    }
}
