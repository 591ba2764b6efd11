import Templating

/// What is wrong with a form, shown twice (GOV.UK error pattern): next to
/// each field, and in a summary at the top whose links lead to the fields.
struct FormErrors: Sendable {
    struct Item: Sendable {
        /// The form field's name: the key of its message next to the field.
        let field: String
        /// The id the summary links to: the input, or a group's first radio.
        let anchor: String
        let message: String
    }

    private(set) var items: [Item] = []

    var isEmpty: Bool { items.isEmpty }

    /// Adds a message for `field`; a field keeps only its first message.
    mutating func add(_ field: String, anchor: String? = nil, _ message: String) {
        guard !items.contains(where: { $0.field == field }) else { return }
        items.append(Item(field: field, anchor: anchor ?? field, message: message))
    }

    func message(for field: String) -> String? { items.first { $0.field == field }?.message }

    /// `[{href, text}]` for the summary.
    var summary: TemplateValue {
        TemplateValue(items) { ["href": .string("#" + $0.anchor), "text": .string($0.message)] }
    }

    /// `{field: message}`, so a template writes `{{#fieldErrors.name}}…{{.}}…{{/fieldErrors.name}}`.
    var fields: TemplateValue {
        .object(Dictionary(items.map { ($0.field, TemplateValue.string($0.message)) }, uniquingKeysWith: { first, _ in first }))
    }
}

/// A question answered by one of several options (GOV.UK radios): office,
/// number of persons, time. Rendered by `pages/partials/radios` with the
/// question as the page heading inside the fieldset's legend, so a screen
/// reader announces it with every option.
struct RadioGroup {
    struct Option {
        let value: String
        let label: String
        var hints: [String] = []
    }

    /// The form field, also the prefix of every id in the group.
    let name: String
    let legend: String
    let hint: String
    let options: [Option]
    var checked: String?
    var error: String?

    /// The id of an option's input: the error summary links to the first.
    func id(of index: Int) -> String { index == 0 ? name : "\(name)-\(index + 1)" }

    var templateValue: TemplateValue {
        // Every key is set on every option, `.null` included: a missing key
        // would be looked up in the group around it (Mustache's rule).
        [
            "name": .string(name), "legend": .string(legend), "hint": .string(hint),
            "error": TemplateValue(error),
            "options": .list(options.enumerated().map { index, option in
                [
                    "id": .string(id(of: index)), "value": .string(option.value), "label": .string(option.label),
                    "hints": TemplateValue(option.hints) { .string($0) }, "hasHints": .bool(!option.hints.isEmpty),
                    "checked": .bool(option.value == checked),
                ]
            }),
        ]
    }
}
