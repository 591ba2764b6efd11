import HTTPServer
import XCTest

/// Availability's answers from memory (`ResponseCache`): keyed by the
/// parameters the route reads, so a parameter it ignores, or another order,
/// is still served from the cache and cannot make every request a new
/// computation. Observed through the route's fast path, which answers only
/// a cached answer (nil otherwise), not through timing.
final class AvailabilityCacheTests: XCTestCase {
    var app: APIRouterApp!
    let date = PageTestApp.monday

    override func setUpWithError() throws {
        app = try APIRouterApp()
    }

    override func tearDown() {
        app = nil
    }

    /// The cached answer the route's fast path gives for `target`, if any.
    func fromCache(_ target: String) -> [UInt8]? {
        let request = HTTPRequest(head: HTTPRequestHead(method: .get, target: target, headers: ["Host": "localhost"]), body: [])
        guard case .matched(let match) = app.application.router.resolve(.get, path: request.path),
              let response = match.options.fastPath?(request) else { return nil }
        guard case .bytes(let bytes) = response.body else {
            XCTFail("a cached answer is bytes")
            return nil
        }
        return bytes
    }

    func testUnknownParametersAndTheirOrderAreServedFromTheCache() throws {
        for (path, query) in [("slots", "services=personalausweis&date=\(date)"), ("days", "services=personalausweis&from=\(date)")] {
            let base = "/api/v1/offices/buergerbuero-mitte/\(path)"
            XCTAssertNil(fromCache("\(base)?\(query)"), "\(path): nothing cached before the first answer")
            let computed = try app.send(.get, "\(base)?\(query)")
            XCTAssertEqual(computed.status, 200, computed.text)
            XCTAssertEqual(fromCache("\(base)?\(query)"), computed.body, "\(path): the same request")
            XCTAssertEqual(fromCache("\(base)?\(query)&utm_source=x&_=12345"), computed.body, "\(path): unknown parameters")
            let reordered = query.split(separator: "&").reversed().joined(separator: "&")
            XCTAssertEqual(fromCache("\(base)?\(reordered)"), computed.body, "\(path): another order")
            XCTAssertNil(fromCache("\(base)?\(query)&quantity=2"), "\(path): a parameter it reads is part of the key")
        }
        XCTAssertNil(fromCache("/api/v1/offices/buergerbuero-mitte/slots?services=personalausweis&date=2026-11-17"),
                     "another date is another answer")
    }
}
