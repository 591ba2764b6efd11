import Foundation
import SQLite
import Synchronization

/// The store's storage faults, told once per episode: an episode opens with
/// the first read or write that fails so (logged with SQLite's message) and
/// ends with the next write that commits or the next probe that passes
/// (logged again), so a disk-full minute under a booking rush writes two
/// lines, not one per request.
final class StoreFaults: Sendable {
    private let open = Mutex<StoreUnavailable?>(nil)
    private let log: @Sendable (String) -> Void

    init(log: @escaping @Sendable (String) -> Void) {
        self.log = log
    }

    /// The fault of the episode under way, if any.
    var current: StoreUnavailable? { open.withLock { $0 } }

    /// `error` as the store throws it: a `StoreUnavailable` (the episode
    /// opened, or kept open) for a storage fault, anything else as it is.
    func classify(_ error: any Error) -> any Error {
        guard let error = error as? SQLiteError, error.isStorageUnavailable else { return error }
        let fault = StoreUnavailable(error)
        let isNew = open.withLock { episode in
            defer { if episode == nil || fault.needsRestart { episode = fault } }
            return episode == nil || (fault.needsRestart && episode?.needsRestart == false)
        }
        if isNew { log("terminbuch: storage unavailable, answering 503 until it recovers: \(fault.reason)\n") }
        return fault
    }

    @Sendable static func writeToStandardError(_ line: String) {
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// A write committed or a probe passed: the episode, if any, is over.
    func recovered() {
        guard let ended = open.withLock({ episode in defer { episode = nil }; return episode }) else { return }
        log("terminbuch: storage available again (after \(ended.reason))\n")
    }
}
