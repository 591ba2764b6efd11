/// Checks, at start, every text a template names against the catalogues.
///
/// A page reaches its texts as `{{t.some.key}}`; a typo there would render
/// as nothing (that is Mustache), in one language or all. This walks every
/// tag whose name starts with the catalogue's name and refuses keys the
/// catalogues do not have, with the template's file, line and column.
extension TemplateLibrary {
    public func checkTexts(_ translations: Translations, under root: String = "t") throws(TemplateError) {
        let catalogue = translations[translations.defaultLanguage]
        var groups = Set<String>()
        for key in catalogue.keys {
            var prefix = Substring(key)
            while let dot = prefix.lastIndex(of: ".") {
                prefix = prefix[..<dot]
                groups.insert(String(prefix))
            }
        }
        for template in templates {
            try check(template.nodes, in: template, root: root, catalogue: catalogue, groups: groups)
        }
    }

    private func check(_ nodes: [Node], in template: Template, root: String,
                       catalogue: TextCatalogue, groups: Set<String>) throws(TemplateError) {
        for node in nodes {
            switch node {
            case .variable(let path, _):
                guard let key = Self.key(of: path, under: root) else { continue }
                guard let text = catalogue[key] else { throw template.error(at: path.offset, .unknownText(key)) }
                // A text with `{placeholders}` must be formatted in Swift first;
                // shown directly it would print the braces.
                guard TextCatalogue.placeholders(in: text).isEmpty else {
                    throw template.error(at: path.offset, .textNeedsValues(key))
                }
            case .section(let path, let children, _):
                if let key = Self.key(of: path, under: root), catalogue[key] == nil, !groups.contains(key) {
                    throw template.error(at: path.offset, .unknownText(key))
                }
                try check(children, in: template, root: root, catalogue: catalogue, groups: groups)
            case .block(_, let children):
                try check(children, in: template, root: root, catalogue: catalogue, groups: groups)
            case .parent(_, let overrides):
                for (_, children) in overrides.sorted(by: { $0.key < $1.key }) {
                    try check(children, in: template, root: root, catalogue: catalogue, groups: groups)
                }
            case .text, .partial:
                continue
            }
        }
    }

    private static func key(of path: Path, under root: String) -> String? {
        guard path.parts.count > 1, path.parts[0] == root else { return nil }
        return path.parts.dropFirst().joined(separator: ".")
    }
}
