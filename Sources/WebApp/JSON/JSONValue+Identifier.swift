import Scheduling

extension JSONValue {
    /// An office's, service's or municipality's id, written as the string it is.
    static func string<Kind>(_ id: Identifier<Kind>) -> JSONValue { .string(id.rawValue) }
}
