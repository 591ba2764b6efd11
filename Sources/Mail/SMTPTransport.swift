/// Sends each message to an SMTP server (`--smtp-url`), one connection per
/// message (`SMTPSession`): the delivery worker sends rarely enough that a
/// kept connection would mostly be one the server has timed out.
public struct SMTPTransport: MailTransport {
    public let configuration: SMTPConfiguration
    private let tls: TLSContext

    /// Loads the CA file (or the system's store) now, so a wrong one stops
    /// the start, not every message later.
    public init(configuration: SMTPConfiguration) throws(SMTPConfigurationError) {
        self.configuration = configuration
        tls = try TLSContext(caFile: configuration.caFile)
    }

    public func send(_ message: MailMessage) throws(MailDeliveryError) {
        let session = try SMTPSession(configuration: configuration, tls: tls)
        defer { session.close() }
        try session.deliver(message)
    }
}
