import Foundation
import Mail

/// How the server sends e-mail (`serve --mail-dir`, `--smtp-url`,
/// `--sendmail`, `--mail-from`): the one transport and the sender. No
/// settings at all (`--no-mail`) is a server that sends nothing, its
/// messages kept pending in the outbox.
public struct MailSettings: Sendable {
    public var transport: any MailTransport
    /// The `From` of every message; its domain ends every `Message-ID`.
    public var sender: MailAddress
    /// Hears each message given up or put off, and a storage fault's pause.
    public var log: @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }

    public init(transport: any MailTransport, sender: MailAddress) {
        self.transport = transport
        self.sender = sender
    }
}
