import Foundation
import Glibc
import Synchronization

/// Tells, without polling, that another connection — another process's
/// above all — may have committed to the database file.
///
/// Linux inotify on the file's directory, not a timer: a timer either asks
/// often, paying a query each time for a change that comes a few times a
/// day, or seldom, serving a stale catalogue meanwhile. inotify wakes the
/// thread the moment a commit writes the `-wal` (or a checkpoint or
/// rollback-journal commit writes the file itself), and costs nothing
/// while nobody writes. The directory is watched rather than the files, so
/// a `-wal` created or renamed into place after the start is seen too.
///
/// inotify tells of the log's `write`, and SQLite publishes the commit in
/// the `-shm` index only after it (and after its fsync): a reader asking
/// at once could still see the old snapshot, and no later event would say
/// "now". So before calling back, the watch runs an empty transaction on
/// the writer, whose `BEGIN IMMEDIATE` waits for the other writer's lock,
/// held until its commit is published: it writes nothing, so it wakes no
/// one, and queued with the writes it costs what a `SELECT` costs.
///
/// Events coalesce: the thread drains every pending event and then calls
/// back once, so a booking rush costs one callback per round, not one per
/// page. The server's own commits wake it too; a wake is meant to cost one
/// small query.
final class CommitWatch: Sendable {
    /// The pipe's write end: closing it ends the thread.
    private let stop: Mutex<Int32?>
    private let stopped = DispatchSemaphore(value: 0)

    /// Starts the thread watching `path` (the database file). `settle`
    /// waits for a commit in progress to be published; `onCommit` runs on
    /// the watch's thread after it, once per round of events.
    init(path: String, settle: @escaping @Sendable () -> Void, onCommit: @escaping @Sendable () -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let names: Set<String> = [url.lastPathComponent, url.lastPathComponent + "-wal"]
        let events = try Self.watch(directory: url.deletingLastPathComponent().path)
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            Glibc.close(events)
            throw SQLiteError(code: .cantOpen, message: "cannot watch \(path) for commits: pipe failed (errno \(errno))")
        }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        stop = Mutex(ends[1])
        let stopped = self.stopped
        let thread = Thread { [stopRead = ends[0]] in
            Self.run(events: events, stop: stopRead, names: names, settle: settle, onCommit: onCommit)
            Glibc.close(events)
            Glibc.close(stopRead)
            stopped.signal()
        }
        thread.name = "SQLite commits"
        thread.start()
    }

    deinit {
        // Never wait here: the last reference may go on the watch's own
        // thread, inside `onCommit`. The thread ends and closes on its own.
        stop.withLock { $0.take() }.map { _ = Glibc.close($0) }
    }

    /// Ends the thread and closes its descriptors; returns once it has
    /// ended, so no callback runs after. Safe to call more than once.
    func close() {
        stop.withLock { $0.take() }.map { _ = Glibc.close($0) }
        stopped.wait()
        stopped.signal()  // for the next caller of close
    }

    private static let mask = UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE | IN_MOVED_TO)

    private static func watch(directory: String) throws -> Int32 {
        let events = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard events >= 0 else {
            throw SQLiteError(code: .cantOpen, message: "cannot watch \(directory) for commits: inotify_init1 failed (errno \(errno))")
        }
        guard inotify_add_watch(events, directory, mask) >= 0 else {
            let error = errno
            Glibc.close(events)
            throw SQLiteError(code: .cantOpen, message: "cannot watch \(directory) for commits: inotify_add_watch failed (errno \(error))")
        }
        return events
    }

    private static func run(events: Int32, stop: Int32, names: Set<String>,
                            settle: @Sendable () -> Void, onCommit: @Sendable () -> Void) {
        var waiting = [pollfd(fd: events, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: stop, events: Int16(POLLIN), revents: 0)]
        while true {
            guard poll(&waiting, 2, -1) >= 0 else {
                if errno == EINTR { continue }
                return
            }
            // The write end closed: the stop signal (POLLHUP).
            if waiting[1].revents != 0 { return }
            if drain(events, names: names) {
                settle()
                onCommit()
            }
        }
    }

    /// Reads every pending event; true when one was about the database's
    /// file or its log, or events were lost (the queue overflowed).
    private static func drain(_ events: Int32, names: Set<String>) -> Bool {
        var touched = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(events, $0.baseAddress, $0.count) }
            if count <= 0 { return touched }
            buffer.withUnsafeBytes { bytes in
                var offset = 0
                let header = MemoryLayout<inotify_event>.size
                while offset + header <= count {
                    let event = bytes.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    let name = bytes[(offset + header)..<(offset + header + Int(event.len))]
                    let text = String(decoding: name.prefix { $0 != 0 }, as: UTF8.self)
                    if event.mask & UInt32(IN_Q_OVERFLOW) != 0 || (event.mask & mask != 0 && names.contains(text)) {
                        touched = true
                    }
                    offset += header + Int(event.len)
                }
            }
        }
    }
}
