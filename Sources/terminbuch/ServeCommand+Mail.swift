import Mail
import WebApp

/// How `serve` sends e-mail: exactly one transport — an SMTP server
/// (`--smtp-url`, `--smtp-ca-file`), a sendmail program (`--sendmail`), a
/// Maildir (`--mail-dir`, the default: `./data/mail`) — or none at all
/// (`--no-mail`), and the sender (`--mail-from`).
extension ServeCommand {
    static let noMailSwitch = "no-mail"
    static let mailFlags: [Flag] = [
        .value("mail-dir", "./data/mail", "write e-mail into this Maildir (the default transport)"),
        .value("smtp-url", "smtp://[user:password@]host:port[?tls=required]", "send e-mail to this SMTP server (or smtps://)"),
        .value("smtp-ca-file", "FILE", "the SMTP server's certificates must chain to these (default: the system's store)"),
        .value("sendmail", "/usr/sbin/sendmail", "pipe e-mail to this program as PATH -t -oi"),
        .onOff(noMailSwitch, "send no e-mail: every message stays pending in the outbox"),
        .value("mail-from", "terminbuch@host", "the From of every message (default: terminbuch@ the host of --public-url)"),
    ]

    /// The mail settings, nil for `--no-mail`, and the line that tells the
    /// operator where mail goes.
    static func mailSettings(_ options: Options, publicURL: PublicURL?) throws -> (MailSettings?, String) {
        let given = ["smtp-url", "sendmail", "mail-dir"].filter { options.optionalString($0) != nil }
            + (options.flag(noMailSwitch) ? [noMailSwitch] : [])
        guard given.count <= 1 else {
            throw Options.UsageError(description: "give one of --mail-dir, --smtp-url, --sendmail and --no-mail, not "
                                     + given.map { "--" + $0 }.joined(separator: " and "))
        }
        if options.optionalString("smtp-ca-file") != nil, given != ["smtp-url"] {
            throw Options.UsageError(description: "--smtp-ca-file is the SMTP server's CA: give it with --smtp-url")
        }
        if given == [noMailSwitch] {
            return (nil, "terminbuch: e-mail is not sent (--no-mail): every message stays pending in the outbox")
        }
        let transport: any MailTransport, line: String
        if let url = options.optionalString("smtp-url") {
            do {
                var configuration = try SMTPConfiguration(url: url)
                configuration.caFile = options.optionalString("smtp-ca-file")
                if let host = publicURL?.host { configuration.clientName = host }
                transport = try SMTPTransport(configuration: configuration)
                let scheme = configuration.security == .implicitTLS ? "smtps" : "smtp"
                line = "terminbuch: e-mail is sent through \(scheme)://\(configuration.host):\(configuration.port)"
            } catch {
                throw Options.UsageError(description: "--smtp-url: \(error)")
            }
        } else if let path = options.optionalString("sendmail") {
            transport = SendmailTransport(path: path)
            line = "terminbuch: e-mail is piped to \(path) -t -oi"
        } else {
            let directory = options.string("mail-dir", default: "./data/mail")
            transport = MaildirTransport(directory: directory)
            line = "terminbuch: e-mail is written to \(directory) (Maildir: mutt -f \(directory))"
        }
        return (MailSettings(transport: transport, sender: try sender(options, publicURL: publicURL)), line)
    }

    /// `--mail-from`, else `terminbuch@` the host of `--public-url`, else `terminbuch@localhost`.
    private static func sender(_ options: Options, publicURL: PublicURL?) throws -> MailAddress {
        if let text = options.optionalString("mail-from") {
            do { return try MailAddress(text, name: "Terminbuch", header: "From") } catch {
                throw Options.UsageError(description: "--mail-from: \(error)")
            }
        }
        let host = publicURL?.host ?? "localhost"
        return (try? MailAddress("terminbuch@" + host, name: "Terminbuch", header: "From"))
            ?? (try! MailAddress("terminbuch@localhost", name: "Terminbuch", header: "From"))
    }
}
