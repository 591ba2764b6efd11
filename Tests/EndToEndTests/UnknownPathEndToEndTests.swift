import XCTest

/// An address no route knows (issue 17, point 4), on the real server: the
/// site's 404 page in the reader's language with the way back to the
/// start, under the same security headers as every page; under `/api/` a
/// problem, as before; a missing static file and a HEAD as before.
final class UnknownPathEndToEndTests: SharedDemoServerTestCase {
    func testAnUnknownPathGetsTheStyled404PageInTheReadersLanguage() throws {
        let client = APIClient(port: try sharedServer.port)
        let german = try client.get("/gibt-es-nicht/auch-nicht?x=1")
        XCTAssertEqual(german.status, 404)
        XCTAssertEqual(german.contentTypeEssence, "text/html")
        XCTAssertEqual(german.header("Content-Language"), "de")
        XCTAssertTrue(german.text.contains("<h1>Seite nicht gefunden</h1>"), german.text)
        XCTAssertTrue(german.text.contains(#"<a href="/">"#), "a link to the start page")
        XCTAssertNotNil(german.header("Content-Security-Policy"))
        XCTAssertEqual(german.header("X-Content-Type-Options"), "nosniff")

        let english = try client.get("/nowhere", headers: [("Accept-Language", "en-GB,en;q=0.8")])
        XCTAssertEqual(english.status, 404)
        XCTAssertEqual(english.header("Content-Language"), "en")
        XCTAssertTrue(english.text.contains("<h1>Page not found</h1>"), english.text)

        let posted = try client.send("POST", "/nowhere", body: Array("a=1".utf8),
                                     headers: [("Content-Type", "application/x-www-form-urlencoded")])
        XCTAssertEqual(posted.status, 404, "no form here, so no CSRF refusal either")
        XCTAssertTrue(posted.text.contains("<h1>Seite nicht gefunden</h1>"))
    }

    func testHeadOfAnUnknownPathIsThe404WithoutABody() throws {
        let client = APIClient(port: try sharedServer.port)
        let head = try client.send("HEAD", "/gibt-es-nicht")
        XCTAssertEqual(head.status, 404)
        XCTAssertEqual(head.contentTypeEssence, "text/html")
        XCTAssertTrue(head.body.isEmpty)
        XCTAssertEqual(try client.get("/").status, 200, "the connection goes on after the HEAD")
    }

    func testTheAPIAndStaticFilesKeepTheirOwn404() throws {
        let client = APIClient(port: try sharedServer.port)
        let api = try client.get("/api/v1/gibt-es-nicht")
        XCTAssertEqual(api.status, 404)
        XCTAssertEqual(api.contentTypeEssence, "application/problem+json")
        XCTAssertEqual(api.object["status"] as? Int, 404)
        let file = try client.get("/static/gibt-es-nicht.css")
        XCTAssertEqual(file.status, 404)
        XCTAssertEqual(file.contentTypeEssence, "text/plain")
    }
}
