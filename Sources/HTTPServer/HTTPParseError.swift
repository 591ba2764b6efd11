/// Why a request was refused before any handler saw it. Each case names the
/// rule that was broken; `status` is the answer, and every one of them closes
/// the connection, because after a framing error the next request's start is
/// unknown (the root of request smuggling).
public enum HTTPParseError: Error, Equatable, Sendable {
    case invalidRequestLine
    case invalidMethod
    case invalidTarget
    case unsupportedVersion
    case requestLineTooLong
    case invalidHeaderName
    case whitespaceBeforeColon
    case obsoleteLineFolding
    case bareCarriageReturn
    case invalidHeaderValue
    case headersTooLarge
    case tooManyHeaders
    case missingHost
    case multipleHosts
    case invalidHost
    case invalidContentLength
    case multipleContentLengths
    case contentLengthWithTransferEncoding
    case transferEncodingInHTTP10
    case chunkedNotFinal
    case unsupportedTransferCoding
    case invalidChunk
    case bodyTooLarge

    public var status: HTTPStatus {
        switch self {
        case .requestLineTooLong: .uriTooLong
        case .headersTooLarge, .tooManyHeaders: .requestHeaderFieldsTooLarge
        case .unsupportedVersion: .httpVersionNotSupported
        case .unsupportedTransferCoding: .notImplemented
        case .bodyTooLarge: .contentTooLarge
        default: .badRequest
        }
    }
}

/// The limits a request must stay within (docs/architecture.md, "A request's way through the house").
public struct HTTPLimits: Sendable {
    /// Longest request line, CRLF excluded (414 beyond).
    public var maxRequestLineBytes = 8 * 1024
    /// Largest header section, all lines together (431 beyond).
    public var maxHeaderBytes = 32 * 1024
    /// Most header fields (431 beyond).
    public var maxHeaderCount = 100
    /// Body limit of routes that do not set their own (413 beyond).
    public var defaultMaxBodyBytes = 1024 * 1024

    public init() {}
}
