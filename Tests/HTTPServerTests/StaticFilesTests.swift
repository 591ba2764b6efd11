import Foundation
import XCTest
@testable import HTTPServer

/// `Public/` served from memory: types, validators, conditional requests,
/// and no way out of the folder.
final class StaticFilesTests: XCTestCase {
    static let modified = 784_111_777  // Sun, 06 Nov 1994 08:49:37 GMT
    var base = ""
    var root = ""
    var files: StaticFiles!

    override func setUpWithError() throws {
        base = NSTemporaryDirectory() + "static-files-\(UUID().uuidString)"
        root = base + "/public"
        let contents: [String: String] = [
            "index.html": "<h1>Hallo</h1>", "style.css": "body{}", "app.js": "1", "module.mjs": "2",
            "data.json": "{}", "notes.txt": "n", "cal.ics": "BEGIN:VCALENDAR", "font.woff2": "w", "doc.pdf": "%PDF",
            "img/logo.svg": "<svg/>", "img/photo.PNG": "p", "img/pic.jpeg": "j", "img/a.gif": "g", "favicon.ico": "i",
            "img/b.webp": "w", "LICENSE": "l", "with space.txt": "spaced", "deep/a/b/c.txt": "deep",
            ".hidden": "h", ".git/config": "g", "deep/.env": "SECRET=1",
        ]
        for (path, text) in contents { try write(root + "/" + path, text) }
        try write(base + "/secret.txt", "outside")
        try write(base + "/outside/inner.txt", "outside dir")
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: root + "/leak.txt", withDestinationPath: "../secret.txt")
        try fm.createSymbolicLink(atPath: root + "/absolute.txt", withDestinationPath: base + "/secret.txt")
        try fm.createSymbolicLink(atPath: root + "/alias.css", withDestinationPath: "style.css")
        try fm.createSymbolicLink(atPath: root + "/outdir", withDestinationPath: "../outside")
        try fm.createSymbolicLink(atPath: root + "/imgalias", withDestinationPath: "img")
        try fm.setAttributes([.modificationDate: Date(timeIntervalSince1970: TimeInterval(Self.modified))],
                             ofItemAtPath: root + "/style.css")
        files = try StaticFiles(directory: root, maxAge: 600)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: base)
    }

    func write(_ path: String, _ text: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    func get(_ path: String, _ headers: HTTPHeaders = [:]) -> HTTPResponse {
        var head = HTTPRequestHead(method: .get, target: "/static/" + path)
        head.headers = headers
        return files.respond(to: HTTPRequest(head: head), path: path)
    }

    func body(_ response: HTTPResponse) -> String {
        guard case .bytes(let bytes) = response.body else { return "<chunks>" }
        return String(decoding: bytes, as: UTF8.self)
    }

    func testLoadsOnlyVisibleRegularFiles() {
        XCTAssertEqual(files.paths, [
            "LICENSE", "app.js", "cal.ics", "data.json", "deep/a/b/c.txt", "doc.pdf", "favicon.ico", "font.woff2",
            "img/a.gif", "img/b.webp", "img/logo.svg", "img/photo.PNG", "img/pic.jpeg", "index.html", "module.mjs",
            "notes.txt", "style.css", "with space.txt",
        ])
    }

    func testContentTypes() {
        let expected = [
            "index.html": "text/html; charset=utf-8", "style.css": "text/css; charset=utf-8",
            "app.js": "text/javascript; charset=utf-8", "module.mjs": "text/javascript; charset=utf-8",
            "data.json": "application/json", "notes.txt": "text/plain; charset=utf-8",
            "cal.ics": "text/calendar; charset=utf-8", "font.woff2": "font/woff2", "doc.pdf": "application/pdf",
            "img/logo.svg": "image/svg+xml", "img/photo.PNG": "image/png", "img/pic.jpeg": "image/jpeg",
            "img/a.gif": "image/gif", "img/b.webp": "image/webp", "favicon.ico": "image/vnd.microsoft.icon",
            "LICENSE": "application/octet-stream",
        ]
        for (path, type) in expected {
            XCTAssertEqual(get(path).headers["Content-Type"], type, path)
        }
    }

    func testServesBodyWithValidators() throws {
        let response = get("style.css")
        XCTAssertEqual(response.status, .ok)
        XCTAssertEqual(body(response), "body{}")
        let etag = try XCTUnwrap(response.headers["ETag"])
        XCTAssertTrue(etag.hasPrefix("\"") && etag.hasSuffix("\"") && etag.count > 2, etag)
        XCTAssertEqual(response.headers["Last-Modified"], "Sun, 06 Nov 1994 08:49:37 GMT")
        XCTAssertEqual(response.headers["Cache-Control"], "max-age=600")
        XCTAssertEqual(response.headers["X-Content-Type-Options"], "nosniff")
        XCTAssertNotEqual(get("index.html").headers["ETag"], etag, "different content, different tag")
        XCTAssertEqual(get("img/b.webp").headers["ETag"], get("font.woff2").headers["ETag"], "same content, same tag")
    }

    func testNestedDirectoriesAndEncodedNamesAreServed() {
        XCTAssertEqual(body(get("deep/a/b/c.txt")), "deep")
        XCTAssertEqual(body(get("img/logo.svg")), "<svg/>")
        XCTAssertEqual(body(get("with%20space.txt")), "spaced")
        XCTAssertEqual(body(get("%73tyle.css")), "body{}")
    }

    func assertNotModified(_ headers: HTTPHeaders, _ message: String, line: UInt = #line) {
        let response = get("style.css", headers)
        XCTAssertEqual(response.status, .notModified, message, line: line)
        XCTAssertEqual(response.body.count, 0, message, line: line)
        XCTAssertNil(response.headers["Content-Type"], message, line: line)
        XCTAssertNotNil(response.headers["ETag"], message, line: line)
        XCTAssertEqual(response.headers["Last-Modified"], "Sun, 06 Nov 1994 08:49:37 GMT", message, line: line)
    }

    func assertModified(_ headers: HTTPHeaders, _ message: String, line: UInt = #line) {
        let response = get("style.css", headers)
        XCTAssertEqual(response.status, .ok, message, line: line)
        XCTAssertEqual(body(response), "body{}", message, line: line)
    }

    func testIfNoneMatch() throws {
        let etag = try XCTUnwrap(get("style.css").headers["ETag"])
        assertNotModified(["If-None-Match": etag], "exact")
        assertNotModified(["If-None-Match": "\"other\", \(etag) , \"third\""], "in a list")
        assertNotModified(["If-None-Match": "\"other\",\(etag)"], "in a list without spaces")
        assertNotModified(["If-None-Match": "*"], "any")
        assertNotModified(["If-None-Match": "W/\(etag)"], "weak comparison")
        assertModified(["If-None-Match": "\"other\""], "another tag")
        assertModified(["If-None-Match": String(etag.dropFirst().dropLast())], "unquoted")
        assertModified(["If-None-Match": etag + "x"], "prefix only")
    }

    func testIfModifiedSince() {
        assertNotModified(["If-Modified-Since": "Sun, 06 Nov 1994 08:49:37 GMT"], "equal")
        assertNotModified(["If-Modified-Since": "Mon, 07 Nov 1994 08:49:37 GMT"], "later")
        assertModified(["If-Modified-Since": "Sun, 06 Nov 1994 08:49:36 GMT"], "one second earlier")
        assertModified(["If-Modified-Since": "Sunday, 06-Nov-94 08:49:37 GMT"], "obsolete format is ignored")
        assertModified(["If-Modified-Since": "garbage"], "unparsable")
    }

    func testIfNoneMatchTakesPrecedenceOverIfModifiedSince() throws {
        let etag = try XCTUnwrap(get("style.css").headers["ETag"])
        assertModified(["If-None-Match": "\"other\"", "If-Modified-Since": "Mon, 07 Nov 1994 08:49:37 GMT"], "tag decides")
        assertNotModified(["If-None-Match": etag, "If-Modified-Since": "Sat, 01 Jan 1994 00:00:00 GMT"], "tag decides")
    }

    func testTraversalIsRefused() {
        for path in ["..", "../secret.txt", "%2e%2e/secret.txt", "%2E%2E/secret.txt", "%2E%2E/", "img/../style.css",
                     "img/%2e%2e/style.css", "img%2flogo.svg", "img%2Flogo.svg", "style.css%00", "style.css%00.png",
                     ".", "./style.css", "img/./logo.svg", "%2e/style.css", "img\\logo.svg", "img%5clogo.svg",
                     "", "/style.css", "img//logo.svg", "style.css/", "%", "style%2", "%zzstyle.css",
                     "..%2fsecret.txt", "%2e%2e%2fsecret.txt"] {
            XCTAssertEqual(get(path).status, .notFound, path)
            // Refused by the path check itself, not only by missing from the table.
            XCTAssertNil(StaticFiles.safePath(path), path)
        }
        XCTAssertEqual(StaticFiles.safePath("img/logo.svg"), "img/logo.svg")
        XCTAssertEqual(StaticFiles.safePath("with%20space.txt"), "with space.txt")
    }

    func testSymbolicLinksAreNotServed() {
        for path in ["leak.txt", "absolute.txt", "alias.css", "outdir/inner.txt", "imgalias/logo.svg"] {
            XCTAssertEqual(get(path).status, .notFound, path)
        }
    }

    func testHiddenFilesAreNotServed() {
        for path in [".hidden", ".git/config", "deep/.env", "%2ehidden", "%2Egit/config"] {
            XCTAssertEqual(get(path).status, .notFound, path)
        }
    }

    func testRegisteredOnARouter() throws {
        let builder = RouterBuilder()
        files.register(on: builder, prefix: "/assets")
        let router = builder.build()
        func request(_ method: HTTPMethod, _ target: String) throws -> HTTPResponse {
            try router.respond(to: HTTPRequest(head: HTTPRequestHead(method: method, target: target)))
        }
        XCTAssertEqual(body(try request(.get, "/assets/deep/a/b/c.txt")), "deep")
        XCTAssertEqual(body(try request(.get, "/assets/style.css?v=3")), "body{}")
        XCTAssertEqual(try request(.head, "/assets/style.css").status, .ok)
        XCTAssertEqual(try request(.post, "/assets/style.css").status, .methodNotAllowed)
        XCTAssertEqual(try request(.get, "/assets/../secret.txt").status, .notFound)
        XCTAssertEqual(try request(.get, "/assets/%2e%2e/secret.txt").status, .notFound)
        XCTAssertEqual(try request(.get, "/assets").status, .notFound)
        guard case .matched(let match) = router.resolve(.get, path: "/assets/style.css") else { return XCTFail("no route") }
        XCTAssertTrue(match.options.runsOnEventLoop)
        XCTAssertEqual(match.options.maxBodyBytes, 0)
    }

    func testMissingDirectoryThrows() {
        XCTAssertThrowsError(try StaticFiles(directory: base + "/does-not-exist"))
    }
}
