/// A response as a handler returns it. `Date`, `Server`, `Content-Length`
/// or `Transfer-Encoding`, and `Connection` are added by the server.
public struct HTTPResponse: Sendable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: Body

    /// The body: whole bytes (sent with `Content-Length`) or a list of chunks
    /// (sent with `Transfer-Encoding: chunked` to 1.1 clients).
    public enum Body: Sendable {
        case bytes([UInt8])
        case chunks([[UInt8]])

        public var count: Int {
            switch self {
            case .bytes(let bytes): bytes.count
            case .chunks(let chunks): chunks.reduce(0) { $0 + $1.count }
            }
        }
    }

    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = [:], body: Body = .bytes([])) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public init(status: HTTPStatus = .ok, contentType: String, body: [UInt8], headers: HTTPHeaders = [:]) {
        var headers = headers
        headers.set("Content-Type", contentType)
        self.init(status: status, headers: headers, body: .bytes(body))
    }

    public static func text(_ text: String, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "text/plain; charset=utf-8", body: Array(text.utf8))
    }

    /// The server's own answer to a request it refuses before any handler
    /// sees it (parse errors, 404, 405, 413 …).
    static func plain(_ status: HTTPStatus, headers: HTTPHeaders = [:]) -> HTTPResponse {
        var response = HTTPResponse.text("\(status.code) \(status.reason)\n", status: status)
        for (name, value) in headers { response.headers.set(name, value) }
        return response
    }
}
