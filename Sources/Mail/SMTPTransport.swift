/// Sends each message to an SMTP server (`--smtp-url`) on a connection of
/// its own (`SMTPSession`), or a run of them on one: the delivery worker's
/// run of due messages, one after another; between runs it sleeps long
/// enough that a kept connection would mostly be one the server has timed out.
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
        session.quit()
    }

    /// One connection for the run while it lasts: after a refused message
    /// the session goes on with `RSET`; after a broken one the next
    /// message opens a new connection.
    public func send(run messages: [MailMessage], while proceed: () -> Bool) -> [MailDeliveryError?] {
        var session: SMTPSession?, outcomes: [MailDeliveryError?] = []
        defer {
            session?.quit()
            session?.close()
        }
        for message in messages {
            guard proceed() else { break }
            do throws(MailDeliveryError) {
                let open: SMTPSession
                if let session { open = session } else {
                    open = try SMTPSession(configuration: configuration, tls: tls)
                    session = open
                }
                try open.deliver(message)
                outcomes.append(nil)
            } catch {
                outcomes.append(error)
                if let broken = session, !broken.reset() {
                    broken.close()
                    session = nil
                }
            }
        }
        return outcomes
    }
}
