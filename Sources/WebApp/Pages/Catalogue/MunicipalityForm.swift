import Core
import Scheduling
import Templating

/// A municipality on the admin pages: its id and name. (Fields the
/// catalogue file gains are a line each here.)
struct MunicipalityForm: CatalogueItemForm {
    static let segment = "kommunen"
    static let texts = "catalogue.municipality"
    static let listKey = "municipalities"
    static let wholeItemField = "name"

    static func reference(_ id: String) -> CatalogueEdit.Reference { .municipality(MunicipalityID(id)) }

    /// Adding a municipality is an unscoped admin's (`CatalogueAdministration`).
    static func mayAdd(by admin: Account) -> Bool { admin.reach(.administerCatalogue) == .everywhere }

    static func groups(_ visible: CatalogueDocument, _ texts: TextCatalogue) -> [(legend: String?, fields: [CatalogueFormField])] {
        [(nil, [CatalogueFormField("id", hint: true), CatalogueFormField("name")])]
    }

    static func item(_ object: JSONValue, _ form: CatalogueFormValues, visible: CatalogueDocument) -> Result<CatalogueEdit.Item, FieldErrors> {
        JSONFields.decode(object) { CatalogueFile.municipality($0) }.map { .municipality($0) }
    }
}
