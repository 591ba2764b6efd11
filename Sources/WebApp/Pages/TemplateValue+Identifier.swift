import Scheduling
import Templating

extension TemplateValue {
    /// An office's, service's or municipality's id, shown as the string it is.
    static func string<Kind>(_ id: Identifier<Kind>) -> TemplateValue { .string(id.rawValue) }
}
