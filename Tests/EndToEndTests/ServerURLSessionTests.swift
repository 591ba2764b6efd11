import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HTTPServer
import XCTest

/// What an ordinary HTTP client library sees: URLSession (libcurl on Linux)
/// against the server, and static files with their validators.
final class ServerURLSessionTests: XCTestCase {
    var server: TestServer!
    var publicDirectory: URL!

    override func setUpWithError() throws {
        publicDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("tb-public-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: publicDirectory.appendingPathComponent("css"), withIntermediateDirectories: true)
        try Data("body { color: black; }\n".utf8).write(to: publicDirectory.appendingPathComponent("css/site.css"))
        try Data("outside".utf8).write(to: FileManager.default.temporaryDirectory.appendingPathComponent("tb-secret.txt"))
        try FileManager.default.createSymbolicLink(
            atPath: publicDirectory.appendingPathComponent("leak.txt").path,
            withDestinationPath: FileManager.default.temporaryDirectory.appendingPathComponent("tb-secret.txt").path)
        let files = try StaticFiles(directory: publicDirectory.path)
        server = try TestServer(routes: { builder in
            TestServer.defaultRoutes(builder)
            files.register(on: builder)
        })
    }

    override func tearDownWithError() throws {
        server.stop()
        try FileManager.default.removeItem(at: publicDirectory)
    }

    func url(_ path: String) -> URL { URL(string: "http://127.0.0.1:\(server.port)\(path)")! }

    func fetch(_ request: URLRequest) throws -> (HTTPURLResponse, Data) {
        let done = expectation(description: request.url!.path)
        nonisolated(unsafe) var result: (HTTPURLResponse, Data)?
        nonisolated(unsafe) var failure: Error?
        URLSession.shared.dataTask(with: request) { data, response, error in
            if let response = response as? HTTPURLResponse { result = (response, data ?? Data()) }
            failure = error
            done.fulfill()
        }.resume()
        wait(for: [done], timeout: 10)
        if let failure { throw failure }
        return try XCTUnwrap(result)
    }

    func testGetAndPostThroughURLSession() throws {
        for index in 0..<5 {
            let (response, data) = try fetch(URLRequest(url: url("/hello/n\(index)")))
            XCTAssertEqual(response.statusCode, 200)
            XCTAssertEqual(String(decoding: data, as: UTF8.self), "hello n\(index)")
        }
        var post = URLRequest(url: url("/echo"))
        post.httpMethod = "POST"
        post.httpBody = Data("posted body".utf8)
        let (response, data) = try fetch(post)
        XCTAssertEqual(response.statusCode, 200)
        XCTAssertEqual(String(decoding: data, as: UTF8.self), "posted body")
    }

    func testStaticFileWithValidatorsAnd304() throws {
        let (response, data) = try fetch(URLRequest(url: url("/static/css/site.css")))
        XCTAssertEqual(response.statusCode, 200)
        XCTAssertEqual(response.value(forHTTPHeaderField: "Content-Type"), "text/css; charset=utf-8")
        XCTAssertEqual(String(decoding: data, as: UTF8.self), "body { color: black; }\n")
        let etag = try XCTUnwrap(response.value(forHTTPHeaderField: "ETag"))
        let modified = try XCTUnwrap(response.value(forHTTPHeaderField: "Last-Modified"))

        let client = try RawClient(port: server.port)
        try client.send("GET /static/css/site.css HTTP/1.1\r\nHost: t\r\nIf-None-Match: \(etag)\r\n\r\n")
        let notModified = try client.readResponse()
        XCTAssertEqual(notModified.status, 304)
        XCTAssertEqual(notModified.header("ETag"), etag)
        XCTAssertTrue(notModified.body.isEmpty)
        try client.send("GET /static/css/site.css HTTP/1.1\r\nHost: t\r\nIf-Modified-Since: \(modified)\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 304)
        try client.send("GET /static/css/site.css HTTP/1.1\r\nHost: t\r\nIf-None-Match: \"other\"\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 200)
    }

    func testNoWayOutOfThePublicFolder() throws {
        let client = try RawClient(port: server.port)
        for path in ["/static/../Package.swift", "/static/%2e%2e/tb-secret.txt", "/static/css/%2E%2E/%2E%2E/tb-secret.txt",
                     "/static/css%2f..%2f..%2ftb-secret.txt", "/static/leak.txt", "/static/css/site.css%00", "/static/"] {
            try client.send("GET \(path) HTTP/1.1\r\nHost: t\r\n\r\n")
            XCTAssertEqual(try client.readResponse().status, 404, path)
        }
    }
}
