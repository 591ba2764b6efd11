import Core
import Templating

/// The items of a catalogue change in words, for the preview ("what
/// changes") and the audit trail: what was added, changed or removed, and
/// for a change the names of the fields that differ; the office an item
/// belongs to by its name in `catalogue` (by its id once it is gone).
extension Pages {
    func changeLines(_ items: [CatalogueChanges.Item], _ page: PageRequest, catalogue: Catalogue) -> TemplateValue {
        .list(items.map { item in
            let subject = page.texts.text("catalogue.audit.subject.\(String(describing: item.subject))")
            return [
                "text": .string(page.texts.format("catalogue.audit.action.\(item.action.rawValue)", ["subject": subject, "id": item.id])),
                "office": TemplateValue(item.subject == .office ? nil
                    : item.officeId.map { catalogue.office($0)?.name ?? $0.rawValue }),
                "fields": item.fields.isEmpty ? .null : .string(page.texts.format("catalogue.audit.fields",
                                                                                 ["fields": Self.fieldNames(item.fields)])),
            ]
        })
    }

    /// The fields that changed as an admin knows them, each once:
    /// `band.end` for `value.band.end.minutesSinceMidnight`, `office.name`.
    /// A rule's or closure's fields are recorded inside the office's wrapper
    /// around it (`value.`), and the parts below a field's member are how
    /// a time or a date is kept, not what the form calls it.
    static func fieldNames(_ fields: [String]) -> String {
        var names: [String] = []
        for field in fields {
            var parts = field.split(separator: ".")
            if parts.count > 1, parts[0] == "value" { parts.removeFirst() }
            let name = parts.prefix(2).joined(separator: ".")
            if !names.contains(name) { names.append(name) }
        }
        return names.joined(separator: ", ")
    }
}
