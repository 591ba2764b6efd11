import Glibc

/// An incremental HTTP/1.1 request parser (RFC 9112), strict as nginx and
/// Go's net/http. Bytes may arrive one at a time or many requests at once;
/// each byte is looked at a bounded number of times, so a client that trickles
/// its headers costs linear, not quadratic, work.
///
/// Use: `feed` bytes, then call `next()` until it returns nil. A `.head` event
/// must be answered with `beginBody(limit:)` (the limit is the route's), after
/// which `next()` yields the complete `.request`. Any thrown error is final.
package struct RequestParser {
    package enum Event {
        case head(HTTPRequestHead)
        case request(HTTPRequest)
    }

    enum Framing { case none, fixed(Int), chunked }

    enum State {
        case requestLine
        case headers
        case awaitingBodyLimit(Framing)
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
    }

    let limits: HTTPLimits
    var buffer: [UInt8] = []
    /// First byte not yet consumed.
    var position = 0
    /// Bytes before this index (and after `position`) hold no line feed.
    var scanned = 0
    var state = State.requestLine
    var head = HTTPRequestHead(method: .get, target: "")
    var headerBytes = 0
    var body: [UInt8] = []
    var bodyLimit = 0

    package init(limits: HTTPLimits = HTTPLimits()) {
        self.limits = limits
    }

    /// Bytes received but not yet consumed.
    package var bufferedByteCount: Int { buffer.count - position }

    /// True between requests, before any byte of the next one arrived: the
    /// connection is idle, not slow.
    package var isBetweenRequests: Bool {
        if case .requestLine = state { return bufferedByteCount == 0 }
        return false
    }

    /// Whether the body of the current request has yet to arrive (the
    /// moment a `100 Continue` is worth sending).
    package var needsMoreBody: Bool {
        switch state {
        case .fixedBody(let remaining): remaining > bufferedByteCount
        case .chunkSize, .chunkData, .chunkDataEnd, .trailers: bufferedByteCount == 0
        default: false
        }
    }

    package mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    package mutating func feed(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { feed($0) }
    }

    /// Frees the buffers between requests (an idle connection needs none).
    package mutating func releaseBuffers() {
        guard isBetweenRequests else { return }
        if buffer.capacity > 0 { buffer = [] }
        if body.capacity > 0 { body = [] }
        position = 0
        scanned = 0
    }

    /// Drops consumed bytes once they are worth the copy.
    private mutating func compact() {
        guard position > 0 else { return }
        if position == buffer.count {
            buffer.removeAll(keepingCapacity: true)
        } else if position >= 4096 && position * 2 >= buffer.count {
            buffer.removeSubrange(0..<position)
        } else {
            return
        }
        scanned -= position
        position = 0
    }

    package mutating func next() throws(HTTPParseError) -> Event? {
        while true {
            switch state {
            case .requestLine:
                guard let line = try nextLine(limit: limits.maxRequestLineBytes, tooLong: .requestLineTooLong) else {
                    return nil
                }
                if line.isEmpty { continue }  // RFC 9112 §2.2: ignore empty lines before a request
                try parseRequestLine(line)
                state = .headers
            case .headers:
                let remaining = limits.maxHeaderBytes - headerBytes
                guard let line = try nextLine(limit: remaining, tooLong: .headersTooLarge) else { return nil }
                headerBytes += line.count + 2
                if line.isEmpty {
                    let framing = try finishHead()
                    state = .awaitingBodyLimit(framing)
                    return .head(head)
                }
                let (name, value) = try parseField(line)
                guard head.headers.count < limits.maxHeaderCount else { throw .tooManyHeaders }
                head.headers.add(name, value)
            case .awaitingBodyLimit:
                return nil
            case .fixedBody(let remaining):
                if remaining == 0 { return .request(completeRequest()) }
                let available = min(remaining, bufferedByteCount)
                if available == 0 { return nil }
                takeBody(available)
                state = .fixedBody(remaining: remaining - available)
            case .chunkSize:
                guard let line = try nextLine(limit: 1024, tooLong: .invalidChunk) else { return nil }
                let size = try parseChunkSize(line)
                guard size <= bodyLimit - body.count else { throw .bodyTooLarge }
                state = size == 0 ? .trailers : .chunkData(remaining: size)
            case .chunkData(let remaining):
                let available = min(remaining, bufferedByteCount)
                if available == 0 { return nil }
                takeBody(available)
                state = remaining == available ? .chunkDataEnd : .chunkData(remaining: remaining - available)
            case .chunkDataEnd:
                guard let line = try nextLine(limit: 0, tooLong: .invalidChunk) else { return nil }
                guard line.isEmpty else { throw .invalidChunk }
                state = .chunkSize
            case .trailers:
                // Trailer fields are checked like header fields, then dropped:
                // nothing here needs them, and merging them is a smuggling risk.
                let remaining = limits.maxHeaderBytes - headerBytes
                guard let line = try nextLine(limit: remaining, tooLong: .headersTooLarge) else { return nil }
                headerBytes += line.count + 2
                if line.isEmpty { return .request(completeRequest()) }
                _ = try parseField(line)
            }
        }
    }

    /// Sets the body limit of the route that will handle this request; a
    /// declared length beyond it is refused before the body is read.
    package mutating func beginBody(limit: Int) throws(HTTPParseError) {
        guard case .awaitingBodyLimit(let framing) = state else { return }
        bodyLimit = limit
        switch framing {
        case .none: state = .fixedBody(remaining: 0)
        case .fixed(let length):
            guard length <= limit else { throw .bodyTooLarge }
            body.reserveCapacity(length)
            state = .fixedBody(remaining: length)
        case .chunked: state = .chunkSize
        }
    }

    private mutating func takeBody(_ count: Int) {
        body.append(contentsOf: buffer[position..<position + count])
        position += count
        scanned = max(scanned, position)
    }

    private mutating func completeRequest() -> HTTPRequest {
        let request = HTTPRequest(head: head, body: body)
        state = .requestLine
        head = HTTPRequestHead(method: .get, target: "")
        headerBytes = 0
        body = []
        return request
    }
}
