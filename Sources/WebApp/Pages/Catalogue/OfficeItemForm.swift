import Core
import Scheduling
import Templating

/// What an admin typed into the form of an office's opening rule or
/// closure, field by field in the order sent: carried unchanged from the
/// form to the preview, from week to week there, and back to the form.
struct OfficeItemForm: Sendable {
    private(set) var fields: [(String, String)]

    /// Fields that belong to the request, not to the item.
    static let requestFields: Set<String> = [CSRF.fieldName, "lang", "languageSwitch", "week"]

    init(_ fields: [(String, String)] = []) { self.fields = fields }

    init(posted page: PageRequest) {
        fields = page.formFields.filter { !Self.requestFields.contains($0.0) }
    }

    /// The first value of `name`, trimmed; "" when absent.
    func value(_ name: String) -> String { fields.first { $0.0 == name }?.1.trimmedSpaces ?? "" }

    /// Every value of `name` (checkboxes), trimmed, blanks left out.
    func values(_ name: String) -> [String] { fields.filter { $0.0 == name }.map { $0.1.trimmedSpaces }.filter { !$0.isEmpty } }

    mutating func set(_ name: String, _ value: String) {
        fields.removeAll { $0.0 == name }
        fields.append((name, value))
    }

    /// The fields as the hidden inputs of `pages/partials/form-fields`.
    var hidden: TemplateValue { .list(fields.map { ["name": .string($0.0), "value": .string($0.1)] }) }

    /// A whole number as JSON, or the text as it is, so the catalogue
    /// file's reader names what is wrong with it ("must be a number").
    static func number(_ text: String) -> JSONValue { Int(text).map { .int(Int64($0)) } ?? .string(text) }
}

/// One kind of item of an office an admin edits in a form, previews and
/// saves: an opening rule or a closure. The form is turned into the item's
/// object in the catalogue file and read by the file's own reader, so the
/// form, the API and an import check the same ranges in the same place.
protocol OfficeItemKind: SendableMetatype {
    associatedtype Value

    /// The pages' segment under the office (`zeiten`).
    static var segment: String { get }
    /// `rule`: its texts are `catalogue.rule.*`, its form's fields `pages/partials/catalogue-rule-fields`.
    static var name: String { get }
    /// The form's text inputs (`pages/partials/catalogue-input`) and their
    /// type: `text`, `date`, `time` (a short text input, `08:00`) or
    /// `number` (a short text input for digits);
    /// each labelled `<texts>.field.<name>`, with a hint `<texts>.hint.<name>`
    /// for those in `hinted`.
    static var inputs: [(name: String, type: String)] { get }
    static var hinted: Set<String> { get }

    static func values(of entry: CatalogueDocument.OfficeEntry) -> [Value]
    static func id(of value: Value) -> String
    static func reference(_ id: String, at officeId: OfficeID) -> CatalogueEdit.Reference

    /// The form as `value` fills it, to change it.
    static func form(_ value: Value) -> OfficeItemForm
    /// The item's object in the catalogue file, from the form.
    static func object(_ form: OfficeItemForm) -> JSONValue
    /// The item read from that object by the catalogue file's reader.
    static func item(_ fields: JSONFields, office: OfficeID) -> CatalogueEdit.Item
    /// The form field a problem's path (relative to the item) is about,
    /// and the input the error summary links to; nil for the item as a whole.
    static func field(of path: String, _ form: OfficeItemForm) -> (name: String, anchor: String)?

    /// The list's column headings, and a row's cells under them.
    static func columns(_ page: PageRequest) -> [String]
    static func cells(_ value: Value, _ page: PageRequest) -> [String]
    /// The form's groups of checkboxes and radios (`pages/partials/catalogue-choices`) by name.
    static func choices(_ form: OfficeItemForm, entry: CatalogueDocument.OfficeEntry, catalogue: CatalogueDocument,
                        errors: FormErrors, _ page: PageRequest) -> TemplateValue
}

extension OfficeItemKind {
    /// The prefix of the kind's texts (`catalogue.rule`).
    static var texts: String { "catalogue." + name }

    /// A group of checkboxes (or, with `radio`, radios) as
    /// `pages/partials/catalogue-choices` shows it; the options' ids are
    /// `name-value`, which the error summary links to.
    static func choiceGroup(_ name: String, radio: Bool = false, legend: String, hint: String? = nil, errors: FormErrors,
                            options: [(value: String, label: String)], checked: Set<String>) -> TemplateValue {
        [
            "name": .string(name), "type": .string(radio ? "radio" : "checkbox"), "style": .string(radio ? "radios" : "checkboxes"),
            "legend": .string(legend), "hint": TemplateValue(hint), "error": TemplateValue(errors.message(for: name)),
            "options": .list(options.map { option in
                ["id": .string("\(name)-\(option.value)"), "value": .string(option.value), "label": .string(option.label),
                 "checked": .bool(checked.contains(option.value))]
            }),
        ]
    }
}
