import Scheduling
import SQLite
import Synchronization

/// The application's storage: the database with Terminbuch's schema, and
/// the catalogue read from it, kept in memory until it changes. Every read
/// and write goes through the store, and each write operation says what it
/// changes, so the store alone decides which remembered answers to forget.
/// A storage fault on any of them is thrown as `StoreUnavailable`.
public final class Store: Sendable {
    private let database: Database
    private let faults: StoreFaults
    private let cachedCatalogue = Mutex(CatalogueCache())
    let availability = AvailabilityVersions()
    /// Rung after every commit that wrote a message into the outbox: what
    /// the delivery worker waits on.
    public let outboxBell = OutboxBell()
    /// What the use cases committed on this store, counted for metrics.
    public let tally = Tally()
    /// How often "resend my links" may send, per address and per client.
    let bookingLinksThrottle = BookingLinksThrottle()
    /// Capacity plans depend only on the catalogue and the date: computed
    /// once per office and day until the catalogue changes.
    private let plans = Mutex<[PlanKey: CapacityPlan]>([:])
    /// With the setup's revision: a plan computed from a setup read just
    /// before a change can never be served after it.
    private struct PlanKey: Hashable { let officeId: OfficeID; let date: LocalDate; let revision: Int }

    /// Opens the database at `path`, creating and migrating it when missing.
    /// - Parameter log: where the start and end of a storage fault are told
    ///   (standard error unless told).
    public init(path: String, configuration: Database.Configuration = Database.Configuration(),
                log: (@Sendable (String) -> Void)? = nil) throws {
        database = try Database(path: path, migrator: Schema.migrator, configuration: configuration)
        faults = StoreFaults(log: log ?? StoreFaults.writeToStandardError)
    }

    /// Whether the database answers a query: what `/health` reports.
    public func isHealthy() -> Bool {
        (try? read { try $0.scalar("SELECT count(*) FROM schema_migrations", as: Int.self) }) != nil
    }

    /// Nil when the store can be read and written now, else the fault:
    /// what `/ready` reports. Probes the database (`Database.probe`, one
    /// small commit), so a fault that has cleared is seen to have cleared
    /// without waiting for a client's write.
    public func readiness() -> StoreUnavailable? {
        do {
            try database.probe()
        } catch {
            return faults.classify(error) as? StoreUnavailable
                ?? StoreUnavailable(SQLiteError(code: .error, message: "the readiness probe failed: \(error)"))
        }
        faults.recovered()
        return nil
    }

    /// The writer's queue and log, read without waiting: for metrics.
    public var writerFigures: WriterFigures { database.writerFigures }

    /// The catalogue, loaded on first use and after every change.
    /// Its setup stamp is read in the same transaction, so a change
    /// committed between the two cannot pass unseen (`CatalogueCache`).
    public func catalogue() throws -> Catalogue {
        let (cached, generation) = cachedCatalogue.withLock { ($0.catalogue, $0.generation) }
        if let cached { return cached }
        let (loaded, stamp) = try read { (try CatalogueRows.load($0), try Self.setupStamp($0)) }
        cachedCatalogue.withLock { $0.keep(loaded, stamp: stamp, loadedIn: generation) }
        return loaded
    }

    /// Changes the catalogue in one write transaction and makes every later
    /// read see the change.
    public func changeCatalogue<T: Sendable>(_ body: @escaping @Sendable (CatalogueWriter) throws -> T) throws -> T {
        defer { reloadCatalogue() }
        return try writeStamped { db in try body(CatalogueWriter(db)) }
    }

    /// Runs `body` as a catalogue change would run, in a write transaction
    /// that is always rolled back, and answers what it found: a dry run or
    /// a preview sees exactly what saving would do, and since nothing
    /// changed, nothing the store remembers is thrown away.
    func rehearseCatalogueChange<T: Sendable>(_ body: @escaping @Sendable (CatalogueWriter) throws -> T) throws -> T {
        do {
            _ = try write { db -> Int in throw Rehearsed(value: try body(CatalogueWriter(db))) }
        } catch let rehearsed as Rehearsed<T> {
            return rehearsed.value
        }
        // Not reached: the transaction above ends by throwing, so that it is rolled back.
        throw Rehearsed<T>.NotRolledBack()
    }

    /// Throws away the catalogue, the plans and every cached availability
    /// answer, so the next read loads them from the database as it is: after
    /// this store's own catalogue change, or another process's (seen by
    /// `watchForChangesElsewhere`, or the server's SIGHUP).
    public func reloadCatalogue() {
        cachedCatalogue.withLock { $0.forget() }
        forgetWhatCataloguesMade()
    }

    private func forgetWhatCataloguesMade() {
        plans.withLock { $0.removeAll() }
        availability.invalidateAll()
    }

    /// Runs a write transaction that changes the setup of one office (its
    /// closures or counters) and, once committed, makes every later read —
    /// catalogue, plans, cached availability answers — see the change.
    func changeSetup<T: Sendable>(of officeId: OfficeID, _ body: @escaping @Sendable (Connection) throws -> T) throws -> T {
        defer {
            cachedCatalogue.withLock { $0.forget() }
            plans.withLock { plans in plans = plans.filter { $0.key.officeId != officeId } }
            availability.invalidate(officeId)
        }
        return try writeStamped(body)
    }

    /// Runs a write transaction that changes what plans are made of, and
    /// counts it in the transaction (`setup_stamp`), so that every process
    /// on this database can tell that one happened. A failed one may have
    /// failed after counting: its stamp may come again from another
    /// process, so everything is forgotten and the count starts afresh.
    private func writeStamped<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) throws -> T {
        do {
            return try write { db in
                let result = try body(db)
                let stamp = try db.scalar("UPDATE setup_stamp SET value = value + 1 WHERE only = 1 RETURNING value", as: Int64.self)
                self.cachedCatalogue.withLock { $0.wrote(stamp) }
                return result
            }
        } catch {
            cachedCatalogue.withLock { $0.lostTrack() }
            reloadCatalogue()
            throw error
        }
    }

    /// How many changes of the setup (catalogue, closures, counters) the
    /// database has seen, by any process: when it differs from what this
    /// store last loaded, another process changed the setup.
    public func setupStamp() throws -> Int64 {
        try read { try Self.setupStamp($0) }
    }

    private static func setupStamp(_ db: Connection) throws -> Int64 {
        try db.scalar("SELECT value FROM setup_stamp WHERE only = 1", as: Int64.self)
    }

    /// Reloads the catalogue whenever another process changed the setup
    /// (`terminbuch catalogue import`, another server on this database),
    /// the moment it commits: the database's commits are watched
    /// (`Database.watchCommits`), and each costs one read of the setup
    /// stamp, which the store's own changes and bookings leave accounted
    /// for. `log` hears each reload; the watch ends with `close()`. The
    /// server's choice, so commands and tests that open a store start no
    /// thread.
    public func watchForChangesElsewhere(log: @escaping @Sendable (String) -> Void) throws {
        cachedCatalogue.withLock { $0.startWatching() }
        forgetWhatCataloguesMade()
        try database.watchCommits { [weak self] in self?.meetCommit(log: log) }
    }

    private func meetCommit(log: @Sendable (String) -> Void) {
        let verdict: CatalogueCache.Verdict
        do {
            let stamp = try setupStamp()
            verdict = cachedCatalogue.withLock { $0.meet(stamp) }
        } catch {
            // Logged as a storage fault; the next commit met reloads.
            cachedCatalogue.withLock { $0.lostTrack() }
            return
        }
        guard verdict != .current else { return }
        forgetWhatCataloguesMade()
        if verdict == .changedElsewhere { log("terminbuch: the catalogue changed in the database (another process), reloaded\n") }
    }

    /// Runs `body` on a reader connection.
    @discardableResult
    func read<T>(_ body: (Connection) throws -> T) throws -> T {
        do {
            return try database.read(body)
        } catch {
            throw faults.classify(error)
        }
    }

    /// Runs a write transaction that changes nothing the store remembers:
    /// no catalogue, no capacity (accounts, sessions, call-centre items,
    /// feed tokens, the desk's status steps). Every write of the store
    /// goes through here.
    @discardableResult
    func write<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) throws -> T {
        let result: T
        do {
            result = try database.write(body)
        } catch {
            throw faults.classify(error)
        }
        faults.recovered()
        outboxBell.ringIfMarked()
        return result
    }

    /// Runs a write transaction that changes capacity at `officeId` and,
    /// once it is committed, tells the availability cache.
    func write<T: Sendable>(changing officeId: OfficeID, _ body: @escaping @Sendable (Connection) throws -> T) throws -> T {
        try commit(body, office: { _ in officeId }, officeIfFailed: officeId)
    }

    /// The same for a write that finds the office in the transaction (the
    /// office of the booking it cancels): `office` names it from the result.
    func write<T: Sendable>(changingOfficeOf office: (T) -> OfficeID,
                            _ body: @escaping @Sendable (Connection) throws -> T) throws -> T {
        try commit(body, office: office, officeIfFailed: nil)
    }

    /// Commits `body`, then forgets the cached answers of the office
    /// `office` names from the result. A failed commit has no result but
    /// may have changed something: `officeIfFailed` is forgotten, or every
    /// office when it is nil.
    private func commit<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T, office: (T) -> OfficeID,
                                     officeIfFailed: OfficeID?) throws -> T {
        do {
            let result = try write(body)
            availability.invalidate(office(result))
            return result
        } catch let refusal as BookingError {
            // Refused inside the transaction, so rolled back: nothing changed,
            // and the cached answers of a rush stay valid.
            throw refusal
        } catch {
            if let officeIfFailed { availability.invalidate(officeIfFailed) } else { availability.invalidateAll() }
            throw error
        }
    }

    /// The plan of an office's day (the setup must be the current one).
    func plan(_ setup: OfficeSetup, on date: LocalDate) -> CapacityPlan {
        let key = PlanKey(officeId: setup.office.id, date: date, revision: setup.revision)
        if let plan = plans.withLock({ $0[key] }) { return plan }
        let plan = CapacityPlan(for: date, setup: setup)
        plans.withLock { plans in
            if plans.count >= 10_000 { plans.removeAll(keepingCapacity: true) }
            plans[key] = plan
        }
        return plan
    }

    /// The setup of one office, or `BookingError.unknownOffice`.
    func setup(_ officeId: OfficeID) throws -> OfficeSetup {
        guard let setup = try catalogue().setup(officeId) else { throw BookingError.unknownOffice(officeId) }
        return setup
    }

    /// Lets the database file grow by at most `pages` more pages (the
    /// writer's `max_page_count`): for the test suite's full disk, which
    /// then meets a real SQLITE_FULL on whatever write needs one more.
    public func limitGrowth(toPages pages: Int) throws {
        try write { db in
            let count = try db.scalar("PRAGMA page_count", as: Int.self)
            try db.execute("PRAGMA max_page_count = \(count + pages)")
        }
    }

    /// Checkpoints the WAL into the file and empties it
    /// (`Database.checkpoint(truncating:)`): after a retention run, so what
    /// it erased is not left in the log's older frames. Whether it completed.
    func emptyLog() throws -> Bool {
        do {
            return try database.checkpoint(truncating: true)
        } catch {
            throw faults.classify(error)
        }
    }

    public func close() {
        database.close()
    }
}

/// What a rehearsed catalogue change found, thrown to roll its transaction back.
private struct Rehearsed<T: Sendable>: Error {
    struct NotRolledBack: Error {}
    let value: T
}
