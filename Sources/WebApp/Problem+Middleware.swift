#if canImport(Glibc)
import Glibc
#endif
import Core
import HTTPServer

/// Makes every error under `/api/` a problem document.
///
/// The API promises `application/problem+json` for every 4xx and 5xx
/// (docs/api.md), but some answers are written before or beside
/// any API handler: the router's 404 and 405, the server's 400/408/413/414/
/// 431 refusals, a handler's thrown error. This layer sees all of them, as
/// the router passes its own answers through the middleware too, and:
///
/// - renders a thrown `Problem` (anywhere — only API code throws them);
/// - answers a thrown `StoreUnavailable` 503 with `Retry-After`, a problem
///   under `/api/` and plain text elsewhere (pages render their own first);
/// - under `/api/`, turns any other thrown error into a logged 500 problem
///   (elsewhere it rethrows, and the server answers its plain 500);
/// - under `/api/`, replaces the body of a 4xx/5xx that is not already a
///   problem with the generic problem of that status, keeping its headers
///   (`Allow`, `Retry-After` …).
///
/// Install it inside `SecurityHeaders` (and `APICaching`), so their headers
/// are added to the problems it writes: `builder.use(APIProblems.middleware)`.
public enum APIProblems {
    public static let pathPrefix = "/api/"

    public static let middleware: Middleware = make()

    /// The middleware, reporting unexpected errors to `log` (standard error
    /// by default; tests pass their own).
    public static func make(log: @escaping @Sendable (String) -> Void = writeToStandardError) -> Middleware {
        { request, next in
            let isAPI = request.path.hasPrefix(pathPrefix)
            let response: HTTPResponse
            do {
                response = try next(request)
            } catch let problem as Problem {
                return problem.response
            } catch let fault as StoreUnavailable {
                return isAPI ? fault.problem.response : fault.plainResponse
            } catch {
                guard isAPI else { throw error }
                log(request.errorLine(.handler, error))
                return Problem.internalError().response
            }
            return isAPI ? problemResponse(replacing: response) : response
        }
    }

    /// `response` itself when it is a success, a redirect or already a
    /// problem; otherwise the generic problem of its status with its headers.
    public static func problemResponse(replacing response: HTTPResponse) -> HTTPResponse {
        guard response.status.code >= 400, !isProblem(response) else { return response }
        var problem = Problem(type: .generic(for: response.status), status: response.status)
        if response.status.code == 405, let allow = response.headers["Allow"] {
            problem.detail = "This resource supports \(allow)."
        }
        var headers = response.headers
        headers.remove("Content-Type")
        headers.remove("Content-Length")
        problem.headers = headers
        return problem.response
    }

    static func isProblem(_ response: HTTPResponse) -> Bool {
        guard let type = response.headers["Content-Type"] else { return false }
        return JSONMediaType.essence(type) == Problem.contentType
    }

    /// Unbuffered, so a line is not lost if the process dies right after.
    @Sendable public static func writeToStandardError(_ message: String) {
        #if canImport(Glibc)
        var message = message
        message.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
        #else
        print(message, terminator: "")
        #endif
    }
}
