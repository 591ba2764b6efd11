/// A request method. Any valid token is accepted by the parser; the router
/// decides which ones a resource supports.
public struct HTTPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let get = HTTPMethod(rawValue: "GET")
    public static let head = HTTPMethod(rawValue: "HEAD")
    public static let post = HTTPMethod(rawValue: "POST")
    public static let put = HTTPMethod(rawValue: "PUT")
    public static let patch = HTTPMethod(rawValue: "PATCH")
    public static let delete = HTTPMethod(rawValue: "DELETE")
    public static let options = HTTPMethod(rawValue: "OPTIONS")

    public var description: String { rawValue }

    /// Whether the method is safe (RFC 9110 §9.2.1): read-only by
    /// definition, so it changes nothing and needs no forgery check.
    public var isSafe: Bool { self == .get || self == .head || self == .options || rawValue == "TRACE" }
}
