/// A `host:port` to listen on, as `--metrics-listen` takes it:
/// `127.0.0.1:9464`, `[::1]:9464`; port 0 lets the kernel choose.
struct ListenAddress {
    let host: String
    let port: Int

    init(parsing text: String) throws {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port)
        else {
            throw Options.UsageError(description: "--metrics-listen takes host:port, like 127.0.0.1:9464, not \"\(text)\"")
        }
        var host = text[..<colon]
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        guard !host.isEmpty else {
            throw Options.UsageError(description: "--metrics-listen needs a host, like 127.0.0.1:9464, not \"\(text)\"")
        }
        self.host = String(host)
        self.port = port
    }
}
