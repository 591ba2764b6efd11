import CTLS
import Glibc

/// libssl's client side, set up once per transport: TLS 1.2 or later, the
/// server's certificate verified against the system's CA store or the
/// given file. Host names are checked per connection (`SMTPConnection`).
final class TLSContext: @unchecked Sendable {
    // An SSL_CTX is safe to share between threads once set up; it is never changed after init.
    let context: OpaquePointer

    init(caFile: String?) throws(SMTPConfigurationError) {
        // libssl writes with write(2), which raises SIGPIPE on a connection
        // the server closed; a process that sends mail ignores it, as the
        // HTTP server already does.
        signal(SIGPIPE, SIG_IGN)
        guard let context = SSL_CTX_new(TLS_client_method()) else { throw .caFile("libssl: \(Self.lastError())") }
        self.context = context
        ctls_require_tls12(context)
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        if let caFile {
            guard SSL_CTX_load_verify_locations(context, caFile, nil) == 1 else {
                throw .caFile("cannot load \(caFile): \(Self.lastError())")
            }
        } else {
            guard SSL_CTX_set_default_verify_paths(context) == 1 else { throw .caFile("no system CA store: \(Self.lastError())") }
        }
    }

    deinit { SSL_CTX_free(context) }

    /// The oldest error of this thread's libssl queue, and the queue emptied.
    static func lastError() -> String {
        let code = ERR_get_error()
        ERR_clear_error()
        guard code != 0 else { return "unknown error" }
        var text = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &text, text.count)
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
