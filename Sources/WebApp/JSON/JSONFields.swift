/// One problem with one field of a request, named by its dotted path
/// (`contact.email`, `services[1].quantity`), as a 422 problem lists them.
public struct FieldError: Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { field.isEmpty ? message : "\(field): \(message)" }
}

/// Every field error of one request body, in reading order.
public struct FieldErrors: Error, Sendable, Equatable {
    public var errors: [FieldError]
    public init(_ errors: [FieldError]) { self.errors = errors }
}

/// Reads the members of a request body's object and collects what is wrong.
///
/// Handlers describe the body as they read it — `string("name", maxLength:
/// 200)`, `int("quantity", range: 1...20)` — and get plain values back:
/// a missing or ill-typed required field yields a placeholder and an error,
/// so a handler reads every field in one pass and the client hears about
/// all its mistakes at once instead of one per round trip. `decode` then
/// returns either the result or the errors, never a half-valid value.
/// Unknown members are ignored (clients may be newer than the server).
/// `null` counts as absent, so optional fields may be sent as `null`.
public struct JSONFields {
    /// The object being read (empty when the value was missing or no object).
    public let object: JSONObject
    /// The dotted path of this object, "" for the body itself.
    public let path: String
    let sink: FieldErrorSink
    /// Set for stand-ins of missing objects, whose own errors would only
    /// repeat the one already reported for the object.
    let muted: Bool

    init(object: JSONObject, path: String, sink: FieldErrorSink, muted: Bool) {
        self.object = object
        self.path = path
        self.sink = sink
        self.muted = muted
    }

    /// Reads `value`, which must be an object, with `body`.
    public static func decode<T>(_ value: JSONValue, _ body: (JSONFields) -> T) -> Result<T, FieldErrors> {
        guard case .object(let object) = value else {
            return .failure(FieldErrors([FieldError(field: "", message: "the request body must be a JSON object")]))
        }
        let sink = FieldErrorSink()
        let result = body(JSONFields(object: object, path: "", sink: sink, muted: false))
        return sink.errors.isEmpty ? .success(result) : .failure(FieldErrors(sink.errors))
    }

    /// The dotted path of member `name` of this object.
    public func path(_ name: String) -> String {
        path.isEmpty ? name : path + "." + name
    }

    /// Records an error for member `name`, or for this object itself when nil.
    /// For rules that span fields: "an e-mail address or a phone number".
    public func fail(_ name: String?, _ message: String) {
        guard !muted else { return }
        sink.errors.append(FieldError(field: name.map(path) ?? path, message: message))
    }

    /// Whether anything has failed so far in this decode.
    public var hasErrors: Bool { !sink.errors.isEmpty }

    /// The member's raw value; nil when absent or `null`.
    public func value(_ name: String) -> JSONValue? {
        guard let value = object[name], !value.isNull else { return nil }
        return value
    }

    public func has(_ name: String) -> Bool { value(name) != nil }

    // MARK: Strings

    /// A string member. Length counts Unicode code points, as JSON Schema's
    /// `minLength`/`maxLength` do. With `required: false` an absent member
    /// reads as "".
    public func string(_ name: String, required: Bool = true, minLength: Int = 1, maxLength: Int = .max,
                       format: FieldFormat? = nil) -> String {
        guard let value = value(name) else {
            if required { fail(name, "is required") }
            return ""
        }
        return checkedString(value, name, minLength: minLength, maxLength: maxLength, format: format) ?? ""
    }

    /// A string member that may be absent or `null`.
    public func optionalString(_ name: String, minLength: Int = 0, maxLength: Int = .max,
                               format: FieldFormat? = nil) -> String? {
        guard let value = value(name) else { return nil }
        return checkedString(value, name, minLength: minLength, maxLength: maxLength, format: format)
    }

    /// A string member turned into a domain value by `parse` (a date, an
    /// instant); `message` explains the expected form when parsing fails.
    public func parsed<T>(_ name: String, required: Bool = true, message: String,
                          _ parse: (String) -> T?) -> T? {
        guard let value = value(name) else {
            if required { fail(name, "is required") }
            return nil
        }
        guard let text = checkedString(value, name, minLength: 0, maxLength: .max, format: nil) else { return nil }
        guard let parsed = parse(text) else {
            fail(name, message)
            return nil
        }
        return parsed
    }

    func checkedString(_ value: JSONValue, _ field: String, minLength: Int, maxLength: Int,
                       format: FieldFormat?) -> String? {
        guard case .string(let text) = value else {
            fail(field, "must be a string, not \(value.kindDescription)")
            return nil
        }
        let length = text.unicodeScalars.count
        if length < minLength {
            fail(field, minLength == 1 ? "must not be empty" : "must be at least \(minLength) characters long")
            return nil
        }
        if length > maxLength {
            fail(field, "must be at most \(maxLength) characters long")
            return nil
        }
        if let format, !format.matches(text) {
            fail(field, format.message)
            return nil
        }
        return text
    }
}

/// The errors of one decode, shared by the readers of nested objects.
final class FieldErrorSink {
    var errors: [FieldError] = []
}
