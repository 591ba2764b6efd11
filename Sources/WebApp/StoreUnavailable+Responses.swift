import Core
import HTTPServer

/// How a storage fault is answered: 503 with `Retry-After`, never a 500.
/// The API's problem, the pages' page (`Pages.unavailablePage`), `/ready`
/// and any other route's plain text all take their status and header from
/// here.
extension StoreUnavailable {
    /// Long enough for a lock to be let go or a cron job to free space,
    /// short enough that a citizen retrying is not sent away for long.
    static let retryAfterSeconds = 5

    static var headers: HTTPHeaders {
        ["Retry-After": String(retryAfterSeconds), "Cache-Control": "no-store"]
    }

    /// For a client: what happened, not the server's file names.
    var problem: Problem {
        Problem(type: .storageUnavailable, headers: Self.headers)
    }

    /// For `/ready`, read by operators: the reason, and whether only a restart clears it.
    var readinessProblem: Problem {
        Problem(type: .storageUnavailable, detail: "Not ready: \(reason).",
                extensions: ["needsRestart": .bool(needsRestart)], headers: Self.headers)
    }

    var plainResponse: HTTPResponse {
        HTTPResponse(status: .serviceUnavailable, contentType: "text/plain; charset=utf-8",
                     body: Array("Service unavailable: nothing was saved; please try again in a few seconds.\n".utf8),
                     headers: Self.headers)
    }
}
