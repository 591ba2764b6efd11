// libFuzzer target: the HTTP/1.1 request parser (`RequestParser`), driven as
// the event loop drives it — feed what arrived, drain events, answer every
// head with `beginBody(limit:)` — and checked against properties that must
// hold for any input. A broken property is a crash, so libFuzzer keeps the
// input in Fuzz/Crashes/.
//
// Input layout (the seeds in Fuzz/Corpus/http/ follow it):
//
//   byte 0        configuration
//                   bits 0-1  limits: 0 defaults (1 MiB body), 1 small,
//                             2 tiny, 3 defaults with a body limit of 0
//                   bits 2-4  k, the number of chunk-length bytes that follow
//                   bit 5     feed byte by byte (the k bytes are still skipped)
//   bytes 1...k   chunk lengths (value + 1), used in turn until the input
//                 is fed; k = 0 feeds it whole
//   the rest      the bytes a client sent
//
// Each head is routed (a router with the shapes of the app's routes: literal,
// `:parameter`, `*wildcard`), and a matched route's own body limit is the one
// given to `beginBody`, as the event loop does; each request's query is
// decoded; a refused request's `headSoFar` (what the 4xx answer is routed
// with) is read.
//
// Properties checked:
//   1. Fed in the chosen chunks, the parser yields exactly what it yields
//      when fed the whole input: the same heads, requests and error.
//   2. It never holds more bytes than its limits allow while waiting for the
//      end of a line, and never delivers a request beyond them (line length,
//      header bytes and count, body size).
//   3. What it delivers is well formed: token method and names, a target
//      without controls or spaces, values without CR, LF or NUL.
//   4. A request written back out (request line, fields, body framed as it
//      was) parses again into the same head and body.
@testable import HTTPServer

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    guard let configuration = input.first else { return 0 }
    let limits: HTTPLimits
    let bodyLimit: Int
    switch configuration & 0b11 {
    case 0: (limits, bodyLimit) = (HTTPLimits(), 1 << 20)
    case 1: (limits, bodyLimit) = (makeLimits(line: 64, header: 256, count: 8), 64)
    case 2: (limits, bodyLimit) = (makeLimits(line: 16, header: 40, count: 2), 4)
    default: (limits, bodyLimit) = (HTTPLimits(), 0)
    }
    let k = Int(configuration >> 2 & 0b111)
    guard size >= 1 + k else { return 0 }
    let lengths = input[1..<1 + k].map { Int($0) + 1 }
    let payload = Array(input[(1 + k)...])

    let whole = run(payload, chunks: [payload[...]], limits: limits, bodyLimit: bodyLimit)
    if configuration & 0b10_0000 != 0 || !lengths.isEmpty {
        let chunks = configuration & 0b10_0000 != 0
            ? payload.indices.map { payload[$0..<$0 + 1] }
            : split(payload, lengths)
        let fed = run(payload, chunks: chunks, limits: limits, bodyLimit: bodyLimit)
        check(fed == whole, "fed in \(chunks.count) chunks the parser gives \(fed), fed whole \(whole)")
    }

    for request in whole.requests {
        checkWellFormed(request, limits: limits, bodyLimit: bodyLimit)
        let again = run(serialize(request), chunks: nil, limits: roomy(limits), bodyLimit: bodyLimit)
        check(again.error == nil && again.requests == [request] && again.isBetweenRequests == true,
              "\(request) written out parses as \(again)")
    }
    return 0
}

/// Routes of the shapes the app registers; the API's carry its 64 KiB limit.
let router: Router = {
    let builder = RouterBuilder()
    let api = RouteOptions(maxBodyBytes: 64 * 1024)
    let answer: Handler = { _ in HTTPResponse(status: .ok) }
    builder.get("/", answer)
    builder.get("/health", answer)
    builder.post("/api/v1/bookings", options: api, answer)
    builder.get("/api/v1/bookings/:code", options: api, answer)
    builder.post("/api/v1/bookings/:code/cancel", options: api, answer)
    builder.delete("/api/v1/holds/:holdId", options: api, answer)
    builder.get("/api/v1/offices/:officeId/schedule", options: api, answer)
    builder.get("/api/v1/offices/:officeId/walk-in-status", options: api, answer)
    builder.get("/static/*path", answer)
    return builder.build()
}()

func makeLimits(line: Int, header: Int, count: Int) -> HTTPLimits {
    var limits = HTTPLimits()
    limits.maxRequestLineBytes = line
    limits.maxHeaderBytes = header
    limits.maxHeaderCount = count
    return limits
}

/// Limits for parsing a delivered request again: its field values may have
/// grown (U+FFFD for invalid UTF-8), and the limits are checked elsewhere.
func roomy(_ limits: HTTPLimits) -> HTTPLimits {
    makeLimits(line: 1 << 20, header: 1 << 20, count: limits.maxHeaderCount)
}

func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("property broken: \(message())") }
}

/// Cuts `bytes` into chunks whose lengths cycle through `lengths`.
func split(_ bytes: [UInt8], _ lengths: [Int]) -> [ArraySlice<UInt8>] {
    var chunks: [ArraySlice<UInt8>] = []
    var start = 0
    var turn = 0
    while start < bytes.count {
        let end = min(bytes.count, start + lengths[turn % lengths.count])
        chunks.append(bytes[start..<end])
        start = end
        turn += 1
    }
    return chunks
}

/// One delivered request, in a form that compares.
struct Parsed: Equatable, CustomStringConvertible {
    var method: String
    var target: String
    var version: HTTPVersion
    var headers: [String]
    var chunked: Bool
    var body: [UInt8]

    var description: String {
        "\(method) \(target) \(version) \(headers) chunked: \(chunked) body: \(body.count) bytes"
    }
}

/// Everything a parse produced.
struct Outcome: Equatable {
    var heads = 0
    var requests: [Parsed] = []
    var error: HTTPParseError?
    var isBetweenRequests: Bool?
    var bufferedByteCount: Int?
}

/// Feeds `chunks` (nil: `input` whole) as the event loop does, and checks
/// after every drain that the parser holds no more than its limits allow.
func run(_ input: [UInt8], chunks: [ArraySlice<UInt8>]?, limits: HTTPLimits, bodyLimit: Int) -> Outcome {
    var parser = RequestParser(limits: limits)
    var outcome = Outcome()
    var fedSoFar = 0
    do throws(HTTPParseError) {
        for chunk in chunks ?? [input[...]] {
            parser.feed(Array(chunk))
            fedSoFar += chunk.count
            while let event = try parser.next() {
                switch event {
                case .head(let head):
                    outcome.heads += 1
                    check(outcome.heads == outcome.requests.count + 1, "a head before the previous request ended")
                    _ = head.keepAlive  // as the event loop reads them
                    _ = head.expectsContinue
                    var limit = bodyLimit
                    if case .matched(let match) = router.resolve(head.method, path: head.path),
                       let routeLimit = match.options.maxBodyBytes {
                        limit = min(limit, routeLimit)
                    }
                    try parser.beginBody(limit: limit)
                    _ = parser.needsMoreBody
                case .request(let request):
                    check(outcome.heads == outcome.requests.count + 1, "a request without its head")
                    _ = request.queryParameters
                    outcome.requests.append(Parsed(
                        method: request.method.rawValue, target: request.head.target, version: request.head.version,
                        headers: request.headers.map { "\($0.name):\($0.value)" },
                        chunked: request.headers.contains("Transfer-Encoding"), body: request.body))
                }
            }
            checkHeldBytes(parser, limits: limits, fedSoFar: fedSoFar)
        }
    } catch {
        outcome.error = error
        if let head = parser.headSoFar(refusedFor: error) {
            check((head.target.hasPrefix("/") || head.target == "*") && head.target.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F },
                  "refused request's target so far \(head.target.debugDescription)")
            _ = router.resolve(head.method, path: head.path)
        }
        return outcome
    }
    outcome.isBetweenRequests = parser.isBetweenRequests
    outcome.bufferedByteCount = parser.bufferedByteCount
    return outcome
}

/// While it waits for more bytes, the parser holds at most what the line it
/// is reading may still grow to (plus the CR of a line at its limit), and
/// nothing at all when it waits for body bytes.
func checkHeldBytes(_ parser: RequestParser, limits: HTTPLimits, fedSoFar: Int) {
    let held = parser.bufferedByteCount
    check(held >= 0 && held <= fedSoFar, "holds \(held) bytes of \(fedSoFar) fed")
    let most: Int
    switch parser.state {
    case .requestLine: most = limits.maxRequestLineBytes + 1
    case .headers, .trailers: most = limits.maxHeaderBytes - parser.headerBytes + 1
    case .chunkSize: most = 1024 + 1
    case .chunkDataEnd: most = 1
    case .fixedBody, .chunkData: most = 0
    case .awaitingBodyLimit: most = held  // answered at once by `run`
    }
    check(held <= most, "holds \(held) bytes waiting in state \(parser.state), at most \(most) allowed")
}

func checkWellFormed(_ request: Parsed, limits: HTTPLimits, bodyLimit: Int) {
    check(!request.method.isEmpty && request.method.utf8.allSatisfy(RequestParser.isTokenByte),
          "method \(request.method.debugDescription)")
    check(!request.target.isEmpty && request.target.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F },
          "target \(request.target.debugDescription)")
    check(request.target.utf8.count <= limits.maxRequestLineBytes, "target beyond the line limit")
    check(request.version == .http1_0 || request.version == .http1_1, "version \(request.version)")
    check(request.headers.count <= limits.maxHeaderCount, "\(request.headers.count) fields")
    // Each field line was `name:value` plus optional whitespace and CRLF.
    // A value's invalid UTF-8 reaches handlers as U+FFFD (three bytes for
    // one), so those count as the one byte they may have been.
    let headerBytes = request.headers.reduce(0) { sum, field in
        sum + 2 + field.unicodeScalars.reduce(0) { $0 + ($1 == "\u{FFFD}" ? 1 : String($1).utf8.count) }
    }
    check(headerBytes <= limits.maxHeaderBytes, "\(headerBytes) header bytes")
    for field in request.headers {
        let colon = field.utf8.firstIndex(of: UInt8(ascii: ":"))!
        let name = field.utf8[..<colon], value = field.utf8[field.utf8.index(after: colon)...]
        check(!name.isEmpty && name.allSatisfy(RequestParser.isTokenByte), "field name in \(field.debugDescription)")
        check(!value.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0 }, "field value in \(field.debugDescription)")
        check(value.first != 0x20 && value.first != 0x09 && value.last != 0x20 && value.last != 0x09,
              "untrimmed value in \(field.debugDescription)")
    }
    check(request.body.count <= bodyLimit, "a body of \(request.body.count) bytes beyond the limit \(bodyLimit)")
}

/// The request as a client would send it again: the fields as delivered,
/// the body framed as it came (one chunk when chunked).
func serialize(_ request: Parsed) -> [UInt8] {
    var out = Array("\(request.method) \(request.target) \(request.version)\r\n".utf8)
    for field in request.headers { out += Array(field.utf8) + [0x0D, 0x0A] }
    out += [0x0D, 0x0A]
    if request.chunked {
        if !request.body.isEmpty {
            out += Array(String(request.body.count, radix: 16).utf8) + [0x0D, 0x0A] + request.body + [0x0D, 0x0A]
        }
        out += Array("0\r\n\r\n".utf8)
    } else {
        out += request.body
    }
    return out
}
