import HTTPServer

/// An RFC 9457 problem: what the API answers whenever it says no.
///
/// `Problem` is an `Error`, so a handler (or anything it calls) can simply
/// `throw Problem.notFound()`; the API middleware (`APIProblems`) turns it
/// into the response. Extension members (`nextAcceptingDate`, `offset` …)
/// and headers (`Retry-After`, `Allow`) travel with it.
public struct Problem: Error, Sendable {
    public static let contentType = "application/problem+json"

    public var type: ProblemType
    public var status: HTTPStatus
    public var title: String
    public var detail: String
    /// Per-field validation errors (`invalid-values`), in request order.
    public var errors: [FieldError]
    /// Extension members written after the standard ones.
    public var extensions: JSONObject
    public var headers: HTTPHeaders

    public init(type: ProblemType, title: String? = nil, status: HTTPStatus? = nil, detail: String? = nil,
                errors: [FieldError] = [], extensions: JSONObject = [:], headers: HTTPHeaders = [:]) {
        self.type = type
        self.status = status ?? type.status
        self.title = title ?? type.title
        self.detail = detail ?? type.defaultDetail
        self.errors = errors
        self.extensions = extensions
        self.headers = headers
    }

    /// The problem document. `errors` appears only when there are any, so
    /// its presence alone tells a client there are fields to point at.
    public var json: JSONValue {
        var object = JSONObject()
        object.append("type", .string(type.uri))
        object.append("title", .string(title))
        object.append("status", .number(status.code))
        object.append("detail", .string(detail))
        if !errors.isEmpty {
            object.append("errors", .array(errors.map { ["field": .string($0.field), "message": .string($0.message)] }))
        }
        for (key, value) in extensions where object[key] == nil {
            object.append(key, value)
        }
        return .object(object)
    }

    public var response: HTTPResponse {
        HTTPResponse(status: status, contentType: Self.contentType, body: JSONWriter.serialize(json), headers: headers)
    }
}

// MARK: - The problems handlers raise

extension Problem {
    public static func malformedRequest(_ detail: String? = nil) -> Problem {
        Problem(type: .malformedRequest, detail: detail)
    }

    /// 400 for a body that is not JSON; `offset` says where it broke.
    public static func malformedJSON(_ error: JSONParseError) -> Problem {
        Problem(type: .malformedRequest,
                detail: "The request body is not valid JSON: \(error.message) (at byte \(error.offset)).",
                extensions: ["offset": .number(error.offset)])
    }

    /// 401 with the challenge RFC 9110 §15.5.2 requires.
    public static func unauthenticated(_ detail: String? = nil) -> Problem {
        Problem(type: .unauthenticated, detail: detail, headers: ["WWW-Authenticate": #"Bearer realm="terminbuch""#])
    }

    public static func forbidden(_ detail: String? = nil) -> Problem {
        Problem(type: .forbidden, detail: detail)
    }

    public static func crossSiteRequest() -> Problem {
        Problem(type: .crossSiteRequest)
    }

    public static func notFound(_ detail: String? = nil) -> Problem {
        Problem(type: .notFound, detail: detail)
    }

    public static func methodNotAllowed(allow: [HTTPMethod]) -> Problem {
        let list = allow.map(\.rawValue).joined(separator: ", ")
        return Problem(type: .methodNotAllowed, detail: "This resource supports \(list).", headers: ["Allow": list])
    }

    public static func conflict(_ detail: String) -> Problem {
        Problem(type: .conflict, detail: detail)
    }

    public static func slotTaken(_ detail: String? = nil) -> Problem {
        Problem(type: .slotTaken, detail: detail)
    }

    /// 409 with the next date the office takes walk-ins (`YYYY-MM-DD`), or
    /// `null` when none is in sight.
    public static func walkInQuotaExhausted(nextAcceptingDate: String?, detail: String? = nil) -> Problem {
        Problem(type: .walkInQuotaExhausted, detail: detail, extensions: ["nextAcceptingDate": JSONValue(nextAcceptingDate)])
    }

    public static func idempotencyConflict() -> Problem { Problem(type: .idempotencyConflict) }
    public static func idempotencyInProgress() -> Problem {
        Problem(type: .idempotencyInProgress, headers: ["Retry-After": "1"])
    }

    public static func contentTooLarge(limit: Int? = nil) -> Problem {
        Problem(type: .contentTooLarge,
                detail: limit.map { "The request body must not be larger than \($0) bytes." })
    }

    public static func unsupportedMediaType(_ detail: String? = nil) -> Problem {
        Problem(type: .unsupportedMediaType, detail: detail)
    }

    /// 422 listing every field that is wrong.
    public static func invalidValues(_ errors: [FieldError], detail: String? = nil) -> Problem {
        Problem(type: .invalidValues, detail: detail, errors: errors)
    }

    /// 422 for a single field, for checks made after decoding (unknown service …).
    public static func invalidValue(_ field: String, _ message: String) -> Problem {
        invalidValues([FieldError(field: field, message: message)])
    }

    public static func tooManyRequests(retryAfterSeconds: Int) -> Problem {
        Problem(type: .tooManyRequests, headers: ["Retry-After": String(max(1, retryAfterSeconds))])
    }

    public static func internalError() -> Problem { Problem(type: .internalError) }
}
