import Core
import Scheduling
import Templating

/// One kind of catalogue item (municipality, service, office) as a form on
/// the admin pages: its fields in groups, and how the catalogue file's
/// reader makes the item of the object the form becomes. Everything else
/// (routes, preview, saving, messages) is the same for every kind
/// (`Pages+CatalogueItems`).
protocol CatalogueItemForm: Sendable {
    /// The path segment of its pages (`kommunen`) and the prefix of its texts (`catalogue.municipality`).
    static var segment: String { get }
    static var texts: String { get }
    /// The list of the file's document that holds this kind (`municipalities`).
    static var listKey: String { get }
    /// The field the item's problems as a whole are shown at (`""` paths).
    static var wholeItemField: String { get }

    static func reference(_ id: String) -> CatalogueEdit.Reference

    /// Whether `admin` may add one: the use case refuses it anyway, the page
    /// does not offer a form it would refuse.
    static func mayAdd(by admin: Account) -> Bool

    /// The fields in the order of the form, each group a fieldset
    /// (legend text key, or nil for none); choices name what `visible` holds.
    static func groups(_ visible: CatalogueDocument, _ texts: TextCatalogue) -> [(legend: String?, fields: [CatalogueFormField])]

    /// The item the file's reader makes of `object`, with what the form
    /// holds beside it (a service's offices and channels).
    static func item(_ object: JSONValue, _ form: CatalogueFormValues, visible: CatalogueDocument) -> Result<CatalogueEdit.Item, FieldErrors>

    /// The form's values beside the object's for an existing item.
    static func extraValues(_ id: String, in visible: CatalogueDocument) -> [(String, String)]

    /// A new item's form: empty, or with the values every new item starts with.
    static func blank(fields: [CatalogueFormField]) -> CatalogueFormValues

    /// What the form shows beside its fields (a service's offerings).
    static func extras(_ visible: CatalogueDocument, _ form: CatalogueFormValues, _ texts: TextCatalogue) -> TemplateValue
}

extension CatalogueItemForm {
    static func extraValues(_ id: String, in visible: CatalogueDocument) -> [(String, String)] { [] }
    static func blank(fields: [CatalogueFormField]) -> CatalogueFormValues { CatalogueFormValues([]) }
    static func mayAdd(by admin: Account) -> Bool { true }
    static func extras(_ visible: CatalogueDocument, _ form: CatalogueFormValues, _ texts: TextCatalogue) -> TemplateValue { .null }

    static func fields(_ visible: CatalogueDocument, _ texts: TextCatalogue) -> [CatalogueFormField] {
        groups(visible, texts).flatMap(\.fields)
    }

    /// The item's object in the catalogue file, made of the form's fields.
    static func object(_ form: CatalogueFormValues, fields: [CatalogueFormField]) -> JSONValue {
        var root = JSONObject()
        let filled = Set(fields.filter { !form.text($0.name).trimmedSpaces.isEmpty }.compactMap(\.path.first))
        for field in fields {
            var value = field.json(form.text(field.name), ticked: form.has(field.name))
            if value == nil, let object = field.partOf, filled.contains(object) { value = .string("") }
            guard let value else { continue }
            Self.insert(value, at: field.path[...], into: &root)
        }
        return .object(root)
    }

    /// The form's values for the item with `id`, from the object the
    /// catalogue file's writer makes of it; nil when `visible` has none.
    static func values(of id: String, in visible: CatalogueDocument, fields: [CatalogueFormField]) -> CatalogueFormValues? {
        let items = CatalogueFile.json(visible).objectValue?[listKey]?.arrayValue ?? []
        guard let object = items.first(where: { $0.objectValue?["id"]?.stringValue == id }) else { return nil }
        var pairs: [(String, String)] = []
        for field in fields {
            let value = field.path.reduce(Optional(object)) { $0?.objectValue?[$1] }
            if case .flag = field.kind, value?.boolValue != true { continue }
            pairs.append((field.name, field.text(value)))
        }
        return CatalogueFormValues(pairs + extraValues(id, in: visible))
    }

    /// The field a problem's path (relative to the item) is about.
    static func field(for path: String, in fields: [CatalogueFormField]) -> String {
        fields.first { $0.names(path) }?.name ?? wholeItemField
    }

    private static func insert(_ value: JSONValue, at path: ArraySlice<String>, into object: inout JSONObject) {
        guard let key = path.first else { return }
        guard path.count > 1 else { return object[key] = value }
        var inner = object[key]?.objectValue ?? JSONObject()
        insert(value, at: path.dropFirst(), into: &inner)
        object[key] = .object(inner)
    }
}

/// A form's fields as they came (a post) or as an item has them (a GET of
/// its form): the first value of a name, or all of them (checkboxes).
struct CatalogueFormValues: Sendable {
    let pairs: [(String, String)]

    init(_ pairs: [(String, String)]) { self.pairs = pairs }

    func text(_ name: String) -> String { pairs.first { $0.0 == name }?.1 ?? "" }
    func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }
    func has(_ name: String) -> Bool { pairs.contains { $0.0 == name } }
}
