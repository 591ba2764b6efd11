import Foundation
import Glibc

/// A blocking TCP client on loopback that sends exactly the bytes a test
/// gives it: the way to reach the server with requests no HTTP library sends.
final class RawClient: @unchecked Sendable {  // used from two threads only to send while another receives
    let fd: Int32

    struct Response {
        let status: Int
        let headers: [(String, String)]
        let body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    /// Connects to the server on 127.0.0.1. With a `source` address
    /// (`127.0.0.2`, `127.0.0.3` …: Linux routes all of 127/8 to the
    /// loopback interface) the server sees another client.
    init(port: Int, timeout: TimeInterval = 5, source: String? = nil) throws {
        // The socket is ours to close until it is stored: a class whose
        // stored properties are all set runs its deinit when init throws,
        // and a second close could take a descriptor another thread has
        // been given since (libdispatch's, under Foundation's Process).
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        if let source {
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            local.sin_addr.s_addr = inet_addr(source)
            let bound = withUnsafePointer(to: &local) {
                bind(fd, UnsafeRawPointer($0).assumingMemoryBound(to: sockaddr.self), socklen_t(MemoryLayout<sockaddr_in>.size))
            }
            guard bound == 0 else { close(fd); throw Failure(description: "bind \(source): \(errno)") }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            connect(fd, UnsafeRawPointer($0).assumingMemoryBound(to: sockaddr.self), socklen_t(MemoryLayout<sockaddr_in>.size))
        }
        guard connected == 0 else { close(fd); throw Failure(description: "connect: \(errno)") }
        self.fd = fd
        setTimeout(timeout)
    }

    deinit { close(fd) }

    func setTimeout(_ seconds: TimeInterval) {
        var time = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - Double(Int(seconds))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
    }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw Failure(description: "send: \(errno)") }
            offset += n
        }
    }

    /// Sends one byte at a time, each in its own segment.
    func trickle(_ text: String) throws {
        for byte in text.utf8 { try send([byte]) }
    }

    private var pending: [UInt8] = []

    /// Reads more bytes; nil at end of stream, throws on timeout.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n > 0 { pending.append(contentsOf: chunk[0..<n]); return true }
        if n == 0 { return false }
        if errno == EAGAIN || errno == EWOULDBLOCK { throw Failure(description: "timed out waiting for the server") }
        if errno == ECONNRESET { return false }
        throw Failure(description: "recv: \(errno)")
    }

    /// Reads one response (Content-Length or chunked framing; HEAD has none).
    func readResponse(head: Bool = false) throws -> Response {
        var headerEnd: Int?
        while headerEnd == nil {
            if let range = pending.firstRange(of: [13, 10, 13, 10]) { headerEnd = range.upperBound; break }
            guard try fill() else { throw Failure(description: "connection closed before a response") }
        }
        let headText = String(decoding: pending[0..<headerEnd!], as: UTF8.self)
        pending.removeFirst(headerEnd!)
        var lines = headText.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw Failure(description: "bad status line") }
        let headers = lines.map { line -> (String, String) in
            let colon = line.firstIndex(of: ":")!
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let response = Response(status: status, headers: headers, body: [])
        if head || status == 204 || status == 304 || (100..<200).contains(status) { return response }
        if response.header("Transfer-Encoding")?.lowercased() == "chunked" {
            return Response(status: status, headers: headers, body: try readChunked())
        }
        let length = Int(response.header("Content-Length") ?? "0") ?? 0
        while pending.count < length { guard try fill() else { throw Failure(description: "short body") } }
        let body = Array(pending[0..<length])
        pending.removeFirst(length)
        return Response(status: status, headers: headers, body: body)
    }

    private func readChunked() throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            while pending.firstRange(of: [13, 10]) == nil { guard try fill() else { throw Failure(description: "short chunk") } }
            let lineEnd = pending.firstRange(of: [13, 10])!
            let size = Int(String(decoding: pending[0..<lineEnd.lowerBound], as: UTF8.self), radix: 16) ?? 0
            pending.removeFirst(lineEnd.upperBound)
            while pending.count < size + 2 { guard try fill() else { throw Failure(description: "short chunk") } }
            body.append(contentsOf: pending[0..<size])
            pending.removeFirst(size + 2)
            if size == 0 { return body }
        }
    }

    /// True when the server closed the connection (end of stream or reset)
    /// within the receive timeout, with no further bytes.
    /// True when nothing has arrived, not even the end of the stream: asked
    /// without waiting, so only what the server has already done counts.
    func hasNothingToRead() -> Bool {
        guard pending.isEmpty else { return false }
        var byte: UInt8 = 0
        let n = recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
        return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
    }

    func isClosedByServer() -> Bool {
        do {
            while try fill() {}
            return true
        } catch {
            return false
        }
    }
}
