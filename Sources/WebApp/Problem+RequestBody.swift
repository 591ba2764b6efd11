import HTTPServer

/// Reading a JSON request body, with the API's answers when it cannot be
/// read: 415 when it is not declared as JSON, 400 when it does not parse,
/// 422 when its values are wrong. Every failure is a thrown `Problem`, so a
/// handler reads its body in one line and `APIProblems` renders the rest:
///
///     let hold = try request.decodeJSON { body in
///         (office: body.string("officeId", format: .identifier), start: body.string("start"))
///     }
extension HTTPRequest {
    /// The body as a JSON value, after checking `Content-Type` and
    /// `Content-Encoding`.
    public func jsonBody(maxDepth: Int = JSONParser.defaultMaxDepth) throws(Problem) -> JSONValue {
        try JSONMediaType.check(headers, bodyIsEmpty: body.isEmpty)
        do {
            return try JSONParser.parse(body, maxDepth: maxDepth)
        } catch {
            throw Problem.malformedJSON(error)
        }
    }

    /// The body read by `fields`: the decoded value, or a 422 problem that
    /// lists every wrong field.
    public func decodeJSON<T>(_ fields: (JSONFields) -> T) throws(Problem) -> T {
        switch JSONFields.decode(try jsonBody(), fields) {
        case .success(let value): return value
        case .failure(let failure): throw Problem.invalidValues(failure.errors)
        }
    }
}

/// Which `Content-Type` values mean JSON: `application/json` and the
/// structured-syntax suffix `application/<something>+json` (RFC 6839), with
/// parameters allowed but a `charset` only if it is UTF-8 (RFC 8259 §8.1).
public enum JSONMediaType {
    public static func isJSON(_ contentType: String) -> Bool {
        var parts = contentType.split(separator: ";", omittingEmptySubsequences: false).makeIterator()
        _ = parts.next()
        let essence = essence(contentType)
        let isJSONType = essence == "application/json"
            || (essence.hasPrefix("application/") && essence.hasSuffix("+json")
                && essence.count > "application/".count + "+json".count
                && !essence.dropFirst("application/".count).contains("/"))
        guard isJSONType else { return false }
        while let parameter = parts.next() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { return false }
            guard trimmed(pair[0]).lowercased() == "charset" else { continue }
            var value = trimmed(pair[1])
            if value.count >= 2 && value.hasPrefix("\"") && value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            guard value.lowercased() == "utf-8" else { return false }
        }
        return true
    }

    /// Throws the problem a request's body headers call for, if any.
    static func check(_ headers: HTTPHeaders, bodyIsEmpty: Bool) throws(Problem) {
        if let coding = headers["Content-Encoding"], trimmed(coding[...]).lowercased() != "identity" {
            // RFC 9110 §15.5.16: an unsupported content coding is a 415.
            throw Problem.unsupportedMediaType("Content codings such as \(coding) are not supported; send plain JSON.")
        }
        guard let contentType = headers["Content-Type"] else {
            if bodyIsEmpty { throw Problem.malformedRequest("This request needs a JSON body.") }
            throw Problem.unsupportedMediaType("The request has no Content-Type; send application/json.")
        }
        guard isJSON(contentType) else {
            throw Problem.unsupportedMediaType("Content-Type \(contentType) is not accepted; send application/json in UTF-8.")
        }
    }

    /// The lower-cased `type/subtype` of a media type, without parameters.
    static func essence(_ contentType: String) -> String {
        trimmed(contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]).lowercased()
    }

    private static func trimmed(_ text: Substring) -> String {
        var text = text
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return String(text)
    }
}
