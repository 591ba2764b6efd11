/// Numbers, booleans, arrays and nested objects of a request body.
extension JSONFields {
    // MARK: Numbers and booleans

    /// An integer member. Absent: `default`, or an error when there is none.
    /// `2.0` counts as 2 (JSON Schema's `integer` says so too); `2.5`, `"2"`
    /// and `true` do not.
    public func int(_ name: String, range: ClosedRange<Int>? = nil, default defaultValue: Int? = nil) -> Int {
        guard let value = value(name) else {
            if let defaultValue { return defaultValue }
            fail(name, "is required")
            return range?.lowerBound ?? 0
        }
        return checkedInt(value, name, range: range) ?? defaultValue ?? range?.lowerBound ?? 0
    }

    public func optionalInt(_ name: String, range: ClosedRange<Int>? = nil) -> Int? {
        guard let value = value(name) else { return nil }
        return checkedInt(value, name, range: range)
    }

    private func checkedInt(_ value: JSONValue, _ field: String, range: ClosedRange<Int>?) -> Int? {
        let number: Int
        switch value {
        case .int(let integer) where Int(exactly: integer) != nil:
            number = Int(integer)
        case .int, .double:
            fail(field, range.map { "must be a whole number from \($0.lowerBound) to \($0.upperBound)" }
                ?? "must be a whole number")
            return nil
        default:
            fail(field, "must be an integer, not \(value.kindDescription)")
            return nil
        }
        if let range, !range.contains(number) {
            fail(field, "must be from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return number
    }

    public func bool(_ name: String, default defaultValue: Bool? = nil) -> Bool {
        guard let value = value(name) else {
            if let defaultValue { return defaultValue }
            fail(name, "is required")
            return false
        }
        return checkedBool(value, name) ?? defaultValue ?? false
    }

    public func optionalBool(_ name: String) -> Bool? {
        value(name).flatMap { checkedBool($0, name) }
    }

    private func checkedBool(_ value: JSONValue, _ field: String) -> Bool? {
        guard case .bool(let flag) = value else {
            fail(field, "must be true or false, not \(value.kindDescription)")
            return nil
        }
        return flag
    }

    // MARK: Arrays

    /// An array of objects, each read by `element` with paths `name[i].…`.
    /// Elements that are not objects are reported and skipped.
    public func array<T>(_ name: String, required: Bool = true, count: ClosedRange<Int>? = nil,
                         _ element: (JSONFields) -> T) -> [T] {
        guard let elements = checkedArray(name, required: required, count: count) else { return [] }
        var results: [T] = []
        results.reserveCapacity(elements.count)
        for (index, value) in elements.enumerated() {
            let elementPath = path(name) + "[\(index)]"
            guard case .object(let object) = value else {
                if !muted { sink.errors.append(FieldError(field: elementPath, message: "must be an object, not \(value.kindDescription)")) }
                continue
            }
            results.append(element(JSONFields(object: object, path: elementPath, sink: sink, muted: muted)))
        }
        return results
    }

    /// An array of strings, each checked like `string(…)`.
    public func stringArray(_ name: String, required: Bool = true, count: ClosedRange<Int>? = nil,
                            minLength: Int = 1, maxLength: Int = .max, format: FieldFormat? = nil) -> [String] {
        guard let elements = checkedArray(name, required: required, count: count) else { return [] }
        return elements.enumerated().compactMap { index, value in
            checkedString(value, name + "[\(index)]", minLength: minLength, maxLength: maxLength, format: format)
        }
    }

    private func checkedArray(_ name: String, required: Bool, count: ClosedRange<Int>?) -> [JSONValue]? {
        guard let value = value(name) else {
            if required { fail(name, "is required") }
            return nil
        }
        guard case .array(let elements) = value else {
            fail(name, "must be an array, not \(value.kindDescription)")
            return nil
        }
        if let count, elements.count < count.lowerBound {
            fail(name, count.lowerBound == 1 ? "must not be empty" : "must have at least \(count.lowerBound) elements")
        } else if let count, elements.count > count.upperBound {
            fail(name, "must have at most \(count.upperBound) elements")
        }
        return elements
    }

    // MARK: Objects

    /// A required nested object. When it is missing or no object, `body`
    /// still runs — on an empty, muted reader — so the handler gets a
    /// placeholder value while only the one error for `name` is reported.
    public func object<T>(_ name: String, _ body: (JSONFields) -> T) -> T {
        guard let value = value(name) else {
            fail(name, "is required")
            return body(stub(name))
        }
        guard case .object(let object) = value else {
            fail(name, "must be an object, not \(value.kindDescription)")
            return body(stub(name))
        }
        return body(JSONFields(object: object, path: path(name), sink: sink, muted: muted))
    }

    /// A nested object that may be absent or `null`.
    public func optionalObject<T>(_ name: String, _ body: (JSONFields) -> T) -> T? {
        guard let value = value(name) else { return nil }
        guard case .object(let object) = value else {
            fail(name, "must be an object, not \(value.kindDescription)")
            return nil
        }
        return body(JSONFields(object: object, path: path(name), sink: sink, muted: muted))
    }

    private func stub(_ name: String) -> JSONFields {
        JSONFields(object: JSONObject(), path: path(name), sink: sink, muted: true)
    }
}
