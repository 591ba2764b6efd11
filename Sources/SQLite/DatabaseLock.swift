import Glibc
import Synchronization

/// Whether a process has the database at a path open: every `Database`
/// holds a shared `flock` on `<path>.lock` while it is open, and putting
/// another file in its place (`Database.replaceFile`) needs it exclusively.
/// So a restore is refused while a server (or a `catalogue import`) uses
/// the file, and a server cannot open the file while a restore replaces it.
///
/// A file of its own, not a lock on the database file: SQLite's POSIX
/// locks on that file are all dropped the moment this process closes any
/// descriptor of it (sqlite.org/howtocorrupt.html, 2.2), and `flock` on a
/// separate file touches none of them. The kernel lets go when the process
/// ends, however it ends, so a crash leaves nothing stale.
final class DatabaseLock: Sendable {
    enum Mode { case shared, exclusive }

    /// Open while the lock is held; nil once released.
    private let descriptor: Mutex<Int32?>

    /// Takes the lock without waiting, or throws `SQLITE_BUSY` naming who has it.
    init(path: String, _ mode: Mode) throws {
        let lockPath = path + ".lock"
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw SQLiteError(code: .cantOpen, message: "cannot open the lock file \(lockPath): \(String(cString: strerror(errno)))")
        }
        var result: Int32
        repeat {
            result = flock(descriptor, (mode == .shared ? LOCK_SH : LOCK_EX) | LOCK_NB)
        } while result != 0 && errno == EINTR
        guard result == 0 else {
            let reason = errno == EWOULDBLOCK
                ? (mode == .shared ? "\(path) is being restored; try again once the restore has finished"
                                   : "\(path) is in use by a running server or another terminbuch command; stop it first")
                : "cannot lock \(lockPath): \(String(cString: strerror(errno)))"
            close(descriptor)
            throw SQLiteError(code: .busy, message: reason)
        }
        self.descriptor = Mutex(descriptor)
    }

    /// Lets go at once, as a closed `Database` does; dropping the lock does too.
    func release() {
        if let open = descriptor.withLock({ held in defer { held = nil }; return held }) { close(open) }
    }

    deinit {
        release()
    }
}
