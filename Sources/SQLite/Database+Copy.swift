import Foundation
import Glibc

/// Copies of a database file and their checks, for backups and restores.
/// Nothing here knows what the database holds.
extension Database {
    /// A consistent copy of the database at `path` in `output`, taken while
    /// other processes keep reading and writing it, then flushed to disk.
    ///
    /// `VACUUM INTO` rather than the online backup API: it reads in one
    /// read transaction, so in WAL mode it never blocks the server's writer
    /// and never has to start over because the server wrote meanwhile
    /// (`sqlite3_backup_step` in steps restarts on every other process's
    /// commit); the copy is compacted, and it is a single file in rollback
    /// mode, with no `-wal` that could be forgotten beside it. SQLite refuses
    /// an `output` that exists; so does this, before starting.
    public static func copy(_ path: String, into output: String) throws {
        guard !FileManager.default.fileExists(atPath: output) else {
            throw SQLiteError(code: .cantOpen, message: "\(output) exists already; a backup never overwrites a file")
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw SQLiteError(code: .cantOpen, message: "there is no database at \(path)")
        }
        let lock = try DatabaseLock(path: path, .shared)
        defer { withExtendedLifetime(lock) {} }
        let connection = try Connection.open(path: path, readOnly: true)
        try connection.run("VACUUM INTO ?", [output])
        try syncToDisk(output)
    }

    /// What `PRAGMA integrity_check` finds wrong with the database file at
    /// `path`, opened read-only; empty when it is sound. A file that is no
    /// SQLite database at all throws `SQLITE_NOTADB`.
    public static func integrityProblems(of path: String) throws -> [String] {
        let connection = try Connection.open(path: path, readOnly: true)
        let lines = try connection.prepare("PRAGMA integrity_check").query().map { try $0[0] as String }
        return lines == ["ok"] ? [] : lines
    }

    /// Puts a copy of `source` at `path`, all or nothing: written beside it,
    /// flushed, then renamed over it, so a crash at any moment leaves the
    /// old file or the new one, never half of either. Refused while any
    /// `Database` has `path` open (`DatabaseLock`).
    ///
    /// The `-wal` and `-shm` beside `path` belong to the old file: left
    /// there, the next open would replay the old file's frames onto the new
    /// one (sqlite.org/howtocorrupt.html). No process has the file open, so
    /// they are removed before the rename: a crash between the two loses
    /// only the old file's last commits, which the restore throws away anyway.
    public static func replaceFile(at path: String, withCopyOf source: String) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let lock = try DatabaseLock(path: path, .exclusive)
        defer { withExtendedLifetime(lock) {} }
        let beside = path + ".restoring"
        unlink(beside)
        do {
            try FileManager.default.copyItem(atPath: source, toPath: beside)
            try syncToDisk(beside)
        } catch {
            unlink(beside)
            throw SQLiteError(code: .ioError, message: "cannot write \(beside): \(error.localizedDescription)")
        }
        for suffix in ["-wal", "-shm"] { unlink(path + suffix) }
        guard rename(beside, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(beside)
            throw SQLiteError(code: .ioError, message: "cannot rename \(beside) to \(path): \(reason)")
        }
        try syncToDisk(directory)
    }

    /// `fsync` of a file or a directory (a directory's entries: a rename is
    /// durable only once its directory is synced).
    private static func syncToDisk(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw SQLiteError(code: .ioError, message: "cannot open \(path) to flush it: \(String(cString: strerror(errno)))")
        }
        defer { Glibc.close(descriptor) }
        guard fsync(descriptor) == 0 else {
            throw SQLiteError(code: .ioErrorFsync, message: "cannot flush \(path) to disk: \(String(cString: strerror(errno)))")
        }
    }
}
