import Core
import Scheduling
import Templating

/// The closures of an office in the admin's pages: a day, a stretch of
/// days from–through, or part of them (a band). The same closures as the
/// staff's own page (`/dienst/{office}/schliesstage`), changed here as a
/// catalogue edit with its preview and its line in the audit trail.
enum ClosureForm: OfficeItemKind {
    static let segment = "schliesstage"
    static let name = "closure"
    static let inputs: [(name: String, type: String)] = [("id", "text"), ("from", "date"), ("through", "date"), ("fromTime", "time"), ("toTime", "time"),
                         ("reason", "text")]
    static let hinted: Set<String> = ["id", "through", "fromTime"]

    static func values(of entry: CatalogueDocument.OfficeEntry) -> [Closure] { entry.closures }
    static func id(of closure: Closure) -> String { closure.id }
    static func reference(_ id: String, at officeId: OfficeID) -> CatalogueEdit.Reference { .closure(id, at: officeId) }

    static func form(_ closure: Closure) -> OfficeItemForm {
        OfficeItemForm([("id", closure.id), ("from", closure.from.description), ("through", closure.through.description),
                        ("fromTime", closure.band?.start.description ?? ""), ("toTime", closure.band?.end.description ?? ""),
                        ("reason", closure.reason)])
    }

    static func object(_ form: OfficeItemForm) -> JSONValue {
        var object: JSONObject = ["id": .string(form.value("id")), "from": .string(form.value("from")),
                                  "reason": .string(form.value("reason"))]
        if !form.value("through").isEmpty { object.append("through", .string(form.value("through"))) }
        if !form.value("fromTime").isEmpty || !form.value("toTime").isEmpty {
            object.append("band", .object(["start": .string(form.value("fromTime")), "end": .string(form.value("toTime"))]))
        }
        return .object(object)
    }

    static func item(_ fields: JSONFields, office: OfficeID) -> CatalogueEdit.Item {
        .closure(CatalogueFile.closure(fields, office: office), at: office)
    }

    static func field(of path: String, _ form: OfficeItemForm) -> (name: String, anchor: String)? {
        switch path {
        case "id", "from", "through", "reason": (path, path)
        case "band.start": ("fromTime", "fromTime")
        case "band", "band.end": ("toTime", "toTime")
        default: nil
        }
    }

    static func columns(_ page: PageRequest) -> [String] {
        [page.texts.text("catalogue.closure.field.id")] + ["days", "hours", "reason"].map { page.texts.text("officeChanges.\($0)") }
    }

    static func cells(_ closure: Closure, _ page: PageRequest) -> [String] {
        let format = page.format(in: .utc)
        return [
            closure.id,
            closure.from == closure.through ? format.date(closure.from)
                : page.texts.format("officeChanges.range", ["from": format.date(closure.from), "through": format.date(closure.through)]),
            closure.band.map { page.texts.format("catalogue.week.band", ["from": $0.start.description, "to": $0.end.description]) }
                ?? page.texts.text("officeChanges.wholeDay"),
            closure.reason,
        ]
    }

    static func choices(_ form: OfficeItemForm, entry: CatalogueDocument.OfficeEntry, catalogue: CatalogueDocument,
                        errors: FormErrors, _ page: PageRequest) -> TemplateValue {
        [:]
    }
}
