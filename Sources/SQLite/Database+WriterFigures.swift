import Glibc

/// What the writer is doing, read without waiting for it: figures for
/// metrics. Each is a moment's reading, stale as soon as it is returned.
public struct WriterFigures: Sendable, Equatable {
    /// Write transactions waiting for the writer thread, the one it runs not counted.
    public let queuedWrites: Int
    /// The size of the write-ahead log file (`-wal`), 0 when there is none:
    /// what the checkpoints have not yet reset.
    public let walBytes: Int
}

extension Database {
    public var writerFigures: WriterFigures {
        var status = stat()
        let walBytes = stat(path + "-wal", &status) == 0 ? Int(status.st_size) : 0
        return WriterFigures(queuedWrites: writer.queue.pendingCount, walBytes: walBytes)
    }
}
