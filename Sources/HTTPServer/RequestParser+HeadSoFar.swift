/// What a request refused before its head was complete said of itself.
extension RequestParser {
    /// The head as far as it arrived, for the answer to a request refused
    /// with `error` (nil: it timed out) before its `.head` event: 431 or a
    /// bad field (the request line was read: method, target, the fields so
    /// far), 414 or a timeout in the request line (the method and the path
    /// that arrived), or nil when nothing usable came. The refusal goes
    /// through the router's middleware with it, so an `/api/` request refused
    /// this early still gets its problem document rather than the answer of
    /// a stand-in `GET /`.
    package func headSoFar(refusedFor error: HTTPParseError?) -> HTTPRequestHead? {
        switch state {
        case .headers:
            return head
        case .requestLine where error == nil || error == .requestLineTooLong:
            // Still in the buffer from `position`; any other refusal of the
            // line has consumed it, and what follows is another request's.
            return partialRequestLine()
        default:
            return nil
        }
    }

    /// `METHOD /path` from the request line at `position`; only a token
    /// method and an origin-form path of visible ASCII count. The query is
    /// dropped: it may be cut anywhere, and routing needs the path only.
    private func partialRequestLine() -> HTTPRequestHead? {
        let line = buffer[position...].prefix { $0 != Self.cr && $0 != Self.lf }
        guard let space = line.firstIndex(of: Self.space) else { return nil }
        let method = line[..<space]
        guard !method.isEmpty, method.count <= 32, method.allSatisfy(Self.isTokenByte) else { return nil }
        let target = line[(space + 1)...].prefix { $0 != Self.space && $0 != UInt8(ascii: "?") }
        guard target.first == UInt8(ascii: "/"), target.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        return HTTPRequestHead(method: HTTPMethod(rawValue: String(decoding: method, as: UTF8.self)),
                               target: String(decoding: target, as: UTF8.self))
    }
}
