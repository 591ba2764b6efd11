import Foundation
import Synchronization

/// The database file the writer opened, watched for being deleted or
/// replaced under the running server.
///
/// In WAL mode SQLite keeps writing through the descriptor it holds: after
/// `rm terminbuch.sqlite` commits still succeed, into an inode nobody can
/// open again, and are gone at the next start. So the writer compares the
/// path's `stat` (device, inode) with what it opened before each batch and
/// again after its commit, before anyone hears "done": one `stat` call per
/// batch, none per read. Once moved, always moved: the fault ends only with
/// a restart, which opens whatever file is at the path then.
///
/// That restart would also open the `-wal` and `-shm` beside the path, and
/// they are ours, of the file that is gone: SQLite cannot tell whose log it
/// reads and would replay our frames onto the new file, corrupting it
/// (sqlite.org/howtocorrupt.html, "unlinking or renaming a database file
/// while in use"). So they are moved aside once, the moment the move is
/// seen, as `-wal.orphaned` and `-shm.orphaned`; our connections keep
/// theirs open and nothing else of ours writes to the path again.
final class DatabaseFile: Sendable {
    let path: String
    private struct Identity: Equatable { let device: UInt64; let inode: UInt64 }
    private let opened = Mutex<Identity?>(nil)
    private let moved = Mutex<SQLiteError?>(nil)

    init(path: String) {
        self.path = path
    }

    /// Called once the writer's connection is open: the file it opened.
    func recordOpened() {
        opened.withLock { $0 = Self.identity(of: path) }
    }

    /// Nil while the path still names the opened file; else the error that
    /// refuses writes from now on.
    func check() -> SQLiteError? {
        if let moved = moved.withLock({ $0 }) { return moved }
        guard let opened = opened.withLock({ $0 }) else { return nil }
        let current = Self.identity(of: path)
        guard current != opened else { return nil }
        let what = current == nil ? "deleted" : "replaced by another file"
        let error = SQLiteError(
            code: .readOnlyDBMoved,
            message: "the database file \(path) was \(what) while the server was running; "
                + "writes are refused until a restart opens the file at that path "
                + "(its old -wal and -shm are kept as -wal.orphaned and -shm.orphaned)")
        let (first, isFirst) = moved.withLock { first in
            defer { if first == nil { first = error } }
            return (first ?? error, first == nil)
        }
        if isFirst { moveLogAside() }
        return first
    }

    /// The room the write-ahead log may take before the next checkpoint
    /// folds it back: SQLite's automatic checkpoint comes at 1,000 pages of
    /// 4 KiB.
    static let headroom: UInt64 = 4 << 20

    /// Nil while the file system holding the database has `headroom` free;
    /// else an `SQLITE_FULL` that says how little is left. Free pages inside
    /// the file let a probe's write succeed on a full disk; the next
    /// booking that needs one more page would not.
    func spaceCheck() -> SQLiteError? {
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) }.map { $0.isEmpty ? "/" : $0 } ?? "."
        var info = statvfs()
        guard statvfs(directory, &info) == 0 else { return nil }
        let free = UInt64(info.f_bavail) * UInt64(info.f_frsize)
        guard free < Self.headroom else { return nil }
        return SQLiteError(code: .full, message: "only \(free / 1024) KiB free on the file system of \(path); "
                           + "the write-ahead log needs up to \(Self.headroom >> 20) MiB")
    }

    private func moveLogAside() {
        for suffix in ["-wal", "-shm"] { rename(path + suffix, path + suffix + ".orphaned") }
    }

    private static func identity(of path: String) -> Identity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }
}
