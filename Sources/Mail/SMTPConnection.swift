import CTLS
import Glibc

/// One TCP connection to an SMTP server, in the clear or through libssl,
/// on a non-blocking socket: every connect, handshake, read and write waits
/// in `poll` for at most what is left of its deadline, so a server that
/// stops answering costs a timeout, never a hung worker. Every failure is
/// `.temporary`: the message is fine, the connection is not.
final class SMTPConnection {
    private let fd: Int32
    private let host: String
    private var tls: OpaquePointer?
    private var buffer: [UInt8] = []

    /// Tries each address of `host` in turn until one answers.
    init(host: String, port: Int, timeout: Double) throws(MailDeliveryError) {
        self.host = host
        let deadline = Deadline(seconds: timeout)
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let list else {
            throw .temporary("cannot resolve \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var failure = "no address", candidate: UnsafeMutablePointer<addrinfo>? = list
        while let address = candidate {
            candidate = address.pointee.ai_next
            let fd = socket(address.pointee.ai_family, address.pointee.ai_socktype | Int32(SOCK_NONBLOCK.rawValue)
                            | Int32(SOCK_CLOEXEC.rawValue), address.pointee.ai_protocol)
            guard fd >= 0 else { failure = String(cString: strerror(errno)); continue }
            if connect(fd, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 || errno == EINPROGRESS,
               let error = Self.waitForConnect(fd, deadline), error == 0 {
                self.fd = fd
                return
            } else {
                failure = errno == ETIMEDOUT ? "timed out after \(timeout) s" : String(cString: strerror(errno))
                Glibc.close(fd)
            }
        }
        throw .temporary("cannot connect to \(host):\(port): \(failure)")
    }

    /// SO_ERROR once the socket is writable (0: connected), nil on timeout
    /// with errno set to ETIMEDOUT; the error is left in errno.
    private static func waitForConnect(_ fd: Int32, _ deadline: Deadline) -> Int32? {
        guard wait(fd, for: Int16(POLLOUT), until: deadline) else { errno = ETIMEDOUT; return nil }
        var error: Int32 = 0, length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
        errno = error
        return error
    }

    /// The TLS handshake, the certificate checked against the context's CA
    /// store and against `host` (SSL_set1_host, or its IP address), SNI sent.
    func startTLS(_ context: TLSContext, timeout: Double) throws(MailDeliveryError) {
        let deadline = Deadline(seconds: timeout)
        guard let ssl = SSL_new(context.context) else { throw .temporary("TLS: \(TLSContext.lastError())") }
        tls = ssl
        SSL_set_fd(ssl, fd)
        if isIPAddress {
            X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host)
        } else {
            SSL_set1_host(ssl, host)
            ctls_set_server_name(ssl, host)
        }
        ERR_clear_error()
        try retry("TLS handshake with \(host)", deadline) { SSL_connect(ssl) }
    }

    /// An address literal is checked against the certificate's IP
    /// addresses, and sent no SNI (RFC 6066 §3).
    private var isIPAddress: Bool {
        var address = in6_addr()
        return inet_pton(AF_INET, host, &address) == 1 || inet_pton(AF_INET6, host, &address) == 1
    }

    func write(_ bytes: [UInt8], timeout: Double) throws(MailDeliveryError) {
        let deadline = Deadline(seconds: timeout)
        var written = 0
        while written < bytes.count {
            let count = try transfer("write to \(host)", deadline, events: Int16(POLLOUT)) { () -> Int in
                bytes.withUnsafeBytes { raw in
                    let start = raw.baseAddress! + written, length = bytes.count - written
                    if let tls { return Int(SSL_write(tls, start, Int32(min(length, Int(Int32.max))))) }
                    return Glibc.send(self.fd, start, length, Int32(MSG_NOSIGNAL))
                }
            }
            written += count
        }
    }

    /// One line without its CRLF, at most `limit` octets.
    func readLine(until deadline: Deadline, limit: Int = 4096) throws(MailDeliveryError) -> String {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                var line = buffer[..<newline]
                if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
                buffer.removeSubrange(...newline)
                return String(decoding: line, as: UTF8.self)
            }
            guard buffer.count <= limit else { throw .temporary("\(host) sent a line longer than \(limit) octets") }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = try transfer("read from \(host)", deadline, events: Int16(POLLIN)) { () -> Int in
                chunk.withUnsafeMutableBytes { raw in
                    if let tls { return Int(SSL_read(tls, raw.baseAddress!, Int32(raw.count))) }
                    return recv(self.fd, raw.baseAddress!, raw.count, 0)
                }
            }
            guard count > 0 else { throw .temporary("\(host) closed the connection") }
            buffer += chunk[..<count]
        }
    }

    /// Runs `step` (a read or write, plain or TLS) until it moves bytes or
    /// the peer closes (0), waiting for the socket whenever it would block.
    private func transfer(_ what: String, _ deadline: Deadline, events: Int16,
                          _ step: () -> Int) throws(MailDeliveryError) -> Int {
        while true {
            ERR_clear_error()
            let result = step()
            if result > 0 { return result }
            if let tls {
                switch SSL_get_error(tls, Int32(result)) {
                case SSL_ERROR_ZERO_RETURN: return 0
                case SSL_ERROR_WANT_READ: try waitFor(Int16(POLLIN), what, deadline)
                case SSL_ERROR_WANT_WRITE: try waitFor(Int16(POLLOUT), what, deadline)
                case SSL_ERROR_SYSCALL where result == 0 && ERR_peek_error() == 0: return 0
                default: throw .temporary("cannot \(what): \(tlsFailure())")
                }
            } else if result == 0 {
                return 0
            } else if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
                try waitFor(events, what, deadline)
            } else {
                throw .temporary("cannot \(what): \(String(cString: strerror(errno)))")
            }
        }
    }

    /// The handshake's loop: as `transfer`, for a step that answers 1 when done.
    private func retry(_ what: String, _ deadline: Deadline, _ step: () -> Int32) throws(MailDeliveryError) {
        guard let tls else { return }
        while true {
            let result = step()
            if result == 1 { return }
            switch SSL_get_error(tls, result) {
            case SSL_ERROR_WANT_READ: try waitFor(Int16(POLLIN), what, deadline)
            case SSL_ERROR_WANT_WRITE: try waitFor(Int16(POLLOUT), what, deadline)
            default: throw .temporary("\(what) failed: \(tlsFailure())")
            }
        }
    }

    /// Why libssl failed: the certificate's verdict when it was not
    /// trusted, else the error queue, else the system's error.
    private func tlsFailure() -> String {
        if let tls, case let verdict = SSL_get_verify_result(tls), verdict != Int(X509_V_OK) {
            return "certificate not trusted: " + String(cString: X509_verify_cert_error_string(verdict))
        }
        if ERR_peek_error() != 0 { return TLSContext.lastError() }
        return errno == 0 ? "the connection ended" : String(cString: strerror(errno))
    }

    private func waitFor(_ events: Int16, _ what: String, _ deadline: Deadline) throws(MailDeliveryError) {
        guard Self.wait(fd, for: events, until: deadline) else { throw .temporary("\(what) timed out") }
    }

    /// Whether the socket is ready before the deadline (an error or a
    /// hang-up counts as ready: the next call says which).
    private static func wait(_ fd: Int32, for events: Int16, until deadline: Deadline) -> Bool {
        while true {
            var entry = pollfd(fd: fd, events: events, revents: 0)
            let result = poll(&entry, 1, deadline.remainingMilliseconds)
            if result > 0 { return true }
            if result == 0 || errno != EINTR { return false }
        }
    }

    func close() {
        if let tls {
            SSL_shutdown(tls)
            SSL_free(tls)
            self.tls = nil
        }
        Glibc.close(fd)
    }
}
