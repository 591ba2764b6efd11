import Foundation
import Glibc
import HTTPServer
import XCTest

/// What many or hostile clients cost the server: descriptors running out,
/// large responses to slow readers.
final class ServerResourceTests: XCTestCase {
    /// Out of descriptors, accept(2) fails while the listener stays readable;
    /// the loop must stop listening for a moment instead of spinning on it,
    /// and take the waiting clients once descriptors are free again.
    func testRunningOutOfDescriptorsPausesAcceptingInsteadOfSpinning() throws {
        let server = try TestServer()
        defer { server.stop() }
        // Sockets made now, connected once no descriptor is left for the server.
        let clients = (0..<4).map { _ in socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0) }
        defer { clients.forEach { close($0) } }
        XCTAssertTrue(clients.allSatisfy { $0 >= 0 })

        var original = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &original)
        var lowered = original
        lowered.rlim_cur = rlim_t(Self.highestOpenDescriptor() + 1)
        XCTAssertEqual(setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &lowered), 0)
        var fillers: [Int32] = []
        while case let fd = dup(0), fd >= 0 { fillers.append(fd) }  // the holes below the limit too
        let busy: Double
        do {
            defer {
                fillers.forEach { close($0) }
                var restore = original
                setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &restore)
            }
            for fd in clients { XCTAssertEqual(Self.connect(fd, port: server.port), 0, "the backlog takes them") }
            let before = Self.processorSeconds()
            usleep(1_000_000)
            busy = Self.processorSeconds() - before
        }
        XCTAssertLessThan(busy, 0.3, "the event loops spun on a listener they could not accept from")

        for fd in clients {
            XCTAssertEqual(Self.exchange(fd, "GET /hello HTTP/1.1\r\nHost: t\r\n\r\n").prefix(12), "HTTP/1.1 200",
                           "a client that waited in the backlog is served once descriptors are free")
        }
    }

    /// A body large enough to be sent from the handler's own array (not
    /// copied per connection) arrives whole, in order with the responses
    /// around it, to a reader that takes it slowly.
    func testLargeBodiesReachASlowReaderIntactAndInOrder() throws {
        let large = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
        let server = try TestServer { _ in } routes: { builder in
            TestServer.defaultRoutes(builder)
            builder.get("/large", options: RouteOptions(runsOnEventLoop: true)) { _ in
                HTTPResponse(status: .ok, contentType: "application/octet-stream", body: large)
            }
        }
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        var small: Int32 = 16_384
        setsockopt(client.fd, SOL_SOCKET, SO_RCVBUF, &small, socklen_t(MemoryLayout<Int32>.size))
        try client.send("GET /large HTTP/1.1\r\nHost: t\r\n\r\nHEAD /large HTTP/1.1\r\nHost: t\r\n\r\n"
                        + "GET /hello HTTP/1.1\r\nHost: t\r\n\r\nGET /large HTTP/1.1\r\nHost: t\r\n\r\n")
        // No pause needed for the server to fill the socket: 600 kB cannot
        // pass a 16 kB receive buffer without the server waiting for EPOLLOUT.
        let first = try client.readResponse()
        XCTAssertEqual(first.status, 200)
        XCTAssertEqual(first.body, large)
        let head = try client.readResponse(head: true)
        XCTAssertEqual(head.header("Content-Length"), "\(large.count)")
        XCTAssertEqual(try client.readResponse().text, "hello")
        XCTAssertEqual(try client.readResponse().body, large)
        try client.send("GET /hello/again HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(try client.readResponse().text, "hello again", "the connection is kept alive after them")
    }

    static func highestOpenDescriptor() -> Int32 {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return entries.compactMap { Int32($0) }.max() ?? 1024
    }

    static func processorSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1_000_000
    }

    static func connect(_ fd: Int32, port: Int) -> Int32 {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            Glibc.connect(fd, UnsafeRawPointer($0).assumingMemoryBound(to: sockaddr.self), socklen_t(MemoryLayout<sockaddr_in>.size))
        }
    }

    /// Sends `request` and returns what arrives until the end of the head (or 3 s).
    static func exchange(_ fd: Int32, _ request: String) -> String {
        var time = timeval(tv_sec: 3, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        let bytes = Array(request.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while received.firstRange(of: Array("\r\n\r\n".utf8)) == nil {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { break }
            received += chunk[0..<n]
        }
        return String(decoding: received, as: UTF8.self)
    }
}
