import Foundation

/// Writes each message as a file of a Maildir (`--mail-dir`), the way a
/// mail server delivers locally, so any mail client (`mutt -f DIR`) opens
/// what would have been sent: the file is written and synced in `tmp/`,
/// then renamed into `new/` (readers never see half a message), named
/// `seconds.MmicrosecondsPpidQcounter.host` as the Maildir specification
/// asks. The directory and its `tmp/`, `new/` and `cur/` are made when
/// missing. Every failure is temporary: the message is fine, the disk is not.
public struct MaildirTransport: MailTransport {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    public func send(_ message: MailMessage) throws(MailDeliveryError) {
        let name = Self.uniqueName()
        let temporary = directory + "/tmp/" + name, delivered = directory + "/new/" + name
        do {
            for sub in ["", "/tmp", "/new", "/cur"] {
                try FileManager.default.createDirectory(atPath: directory + sub, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            }
            try Self.writeSynced(message.renderedWithLineFeeds(), to: temporary)
            guard rename(temporary, delivered) == 0 else { throw Self.failure("rename into new/") }
            try Self.syncDirectory(directory + "/new")
        } catch let error as MailDeliveryError {
            unlink(temporary)
            throw error
        } catch {
            throw .temporary("cannot write to the Maildir \(directory): \(error.localizedDescription)")
        }
    }

    private static func writeSynced(_ bytes: [UInt8], to path: String) throws(MailDeliveryError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure("create \(path)") }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, bytes.count - written) }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { throw failure("write \(path)") }
            written += result
        }
        guard fsync(fd) == 0 else { throw failure("sync \(path)") }
    }

    /// The rename is durable only once the directory itself is synced.
    private static func syncDirectory(_ path: String) throws(MailDeliveryError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("open \(path)") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw failure("sync \(path)") }
    }

    private static func failure(_ step: String) -> MailDeliveryError {
        .temporary("Maildir: cannot \(step): \(String(cString: strerror(errno)))")
    }

    private static let counter = Counter()

    /// Unique within this host even for many messages in one microsecond:
    /// the time, the process and a counter of this process's deliveries.
    /// `/` and `:` in the host name are written `\057` and `\072`.
    private static func uniqueName() -> String {
        var now = timeval()
        gettimeofday(&now, nil)
        return "\(now.tv_sec).M\(now.tv_usec)P\(getpid())Q\(counter.next()).\(host)"
    }

    /// gethostname(2), not a resolver's answer: a name needs no network.
    private static let host: String = {
        var name = [CChar](repeating: 0, count: 256)
        gethostname(&name, name.count - 1)
        let text = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return text.replacing("/", with: "\\057").replacing(":", with: "\\072")
    }()
}
