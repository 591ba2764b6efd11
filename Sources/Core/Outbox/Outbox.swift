import Scheduling
import SQLite

/// The outbox's use cases: what the delivery worker takes and settles
/// (`Outbox+Delivery`), and what an office's staff see of the messages
/// that could not be delivered (`Outbox+Undelivered`). Messages are
/// written by the use cases whose changes cause them (`Store.enqueue`).
public struct Outbox: UseCase {
    let store: Store
    let clock: any Clock

    /// Rung after every commit that wrote a message (`OutboxBell`).
    public var bell: OutboxBell { store.outboxBell }
}
