/// Something that hands a message on: a Maildir, a `sendmail` program, an
/// SMTP server. `send` returns once the message is the other side's
/// responsibility (written and renamed into `new/`, exit status 0, `250`
/// after DATA) and blocks until then: call it from a worker thread, never
/// from an event loop.
public protocol MailTransport: Sendable {
    func send(_ message: MailMessage) throws(MailDeliveryError)

    /// Sends `messages` in order, each one's outcome in its place (nil:
    /// handed on), and stops before the next once `proceed` says no. An
    /// SMTP transport keeps one connection for the run; the others send
    /// each as `send` does.
    func send(run messages: [MailMessage], while proceed: () -> Bool) -> [MailDeliveryError?]
}

extension MailTransport {
    public func send(run messages: [MailMessage], while proceed: () -> Bool) -> [MailDeliveryError?] {
        var outcomes: [MailDeliveryError?] = []
        for message in messages {
            guard proceed() else { break }
            do throws(MailDeliveryError) {
                try send(message)
                outcomes.append(nil)
            } catch {
                outcomes.append(error)
            }
        }
        return outcomes
    }
}

/// Why a message was not handed on, and whether trying again later can
/// help: a delivery worker backs off after `.temporary` and gives the
/// message up after `.permanent`.
public enum MailDeliveryError: Error, Equatable, Sendable {
    /// Try again later: nothing listening, a timeout, a reset, a 4xx reply,
    /// a disk full, `EX_TEMPFAIL`, a certificate not trusted (see docs/mail.md).
    case temporary(String)
    /// Trying again cannot help: a 5xx reply, a sendmail exit status other
    /// than 0 and 75.
    case permanent(String)

    public var reason: String {
        switch self {
        case .temporary(let reason), .permanent(let reason): reason
        }
    }
}
