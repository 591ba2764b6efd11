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
                                                                                 ["fields": Self.fieldWords(item, page.texts)])),
            ]
        })
    }

    /// The changed fields of an item in words, each once: `office.address`
    /// reads as "address", `policy.holdMinutes` as "policy", a rule's
    /// `band.end` as "time band"; a field without a text by its name. The
    /// one wording of the preview and the audit trail.
    static func fieldWords(_ item: CatalogueChanges.Item, _ texts: TextCatalogue) -> String {
        var words: [String] = []
        for field in item.fields {
            let part = field.split(separator: ".").first { $0 != "office" }.map(String.init) ?? field
            let word = texts["catalogue.preview.field." + part] ?? part
            if !words.contains(word) { words.append(word) }
        }
        return words.joined(separator: ", ")
    }
}
