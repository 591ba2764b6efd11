/// The line that reports a request whose handler failed, in the server's
/// log format: plain, `handler error for GET /path: …` (secret segments
/// redacted, no query); JSON, an object with the route's pattern and the
/// request id, so it is found beside the request's access line.
extension HTTPRequest {
    public enum Failure: String, Sendable {
        case handler
        case page
    }

    public func errorLine(_ failure: Failure, _ error: any Error) -> String {
        switch logFormat {
        case .plain:
            return "\(failure.rawValue) error for \(method) \(loggedPath): \(error)\n"
        case .json:
            return JSONLine.stamped([("level", "error"), ("event", "\(failure.rawValue)_error"), ("method", method.rawValue),
                                     ("route", route ?? "-"), ("request_id", requestID), ("message", "\(error)")])
        }
    }
}
