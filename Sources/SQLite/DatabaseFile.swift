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
                + "writes are refused until a restart opens the file at that path")
        return moved.withLock { first in
            if first == nil { first = error }
            return first!
        }
    }

    private static func identity(of path: String) -> Identity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }
}
