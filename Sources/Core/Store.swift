import Scheduling
import SQLite
import Synchronization

/// The application's storage: the database with Terminbuch's schema, and
/// the catalogue read from it, kept in memory until it changes. Every read
/// and write goes through the store, and each write operation says what it
/// changes, so the store alone decides which remembered answers to forget.
public final class Store: Sendable {
    private let database: Database
    private let cachedCatalogue = Mutex<Catalogue?>(nil)
    let availability = AvailabilityVersions()
    /// Capacity plans depend only on the catalogue and the date: computed
    /// once per office and day until the catalogue changes.
    private let plans = Mutex<[PlanKey: CapacityPlan]>([:])
    /// With the setup's revision: a plan computed from a setup read just
    /// before a change can never be served after it.
    private struct PlanKey: Hashable { let officeId: OfficeID; let date: LocalDate; let revision: Int }
    /// Bumped by every catalogue change, so a load that raced with one is
    /// not kept.
    private let catalogueGeneration = Mutex<UInt64>(0)

    /// Opens the database at `path`, creating and migrating it when missing.
    public init(path: String, configuration: Database.Configuration = Database.Configuration()) throws {
        database = try Database(path: path, migrator: Schema.migrator, configuration: configuration)
    }

    /// Whether the database answers a query: what `/health` reports.
    public func isHealthy() -> Bool {
        (try? database.read { try $0.scalar("SELECT count(*) FROM schema_migrations", as: Int.self) }) != nil
    }

    /// The catalogue, loaded on first use and after every change.
    public func catalogue() throws -> Catalogue {
        if let catalogue = cachedCatalogue.withLock({ $0 }) { return catalogue }
        let generation = catalogueGeneration.withLock { $0 }
        let loaded = try database.read { try CatalogueRows.load($0) }
        cachedCatalogue.withLock { cached in
            if catalogueGeneration.withLock({ $0 }) == generation { cached = loaded }
        }
        return loaded
    }

    /// Changes the catalogue in one write transaction and makes every later
    /// read see the change.
    public func changeCatalogue(_ body: @escaping @Sendable (CatalogueWriter) throws -> Void) throws {
        try database.write { try body(CatalogueWriter($0)) }
        forgetCatalogue()
        plans.withLock { $0.removeAll() }
        availability.invalidateAll()
    }

    /// Runs a write transaction that changes the setup of one office (its
    /// closures or counters) and, once committed, makes every later read —
    /// catalogue, plans, cached availability answers — see the change.
    func changeSetup<T: Sendable>(of officeId: OfficeID, _ body: @escaping @Sendable (Connection) throws -> T) throws -> T {
        defer {
            forgetCatalogue()
            plans.withLock { plans in plans = plans.filter { $0.key.officeId != officeId } }
            availability.invalidate(officeId)
        }
        return try database.write(body)
    }

    private func forgetCatalogue() {
        cachedCatalogue.withLock { cached in
            catalogueGeneration.withLock { $0 &+= 1 }
            cached = nil
        }
    }

    /// Runs `body` on a reader connection.
    @discardableResult
    func read<T>(_ body: (Connection) throws -> T) throws -> T {
        try database.read(body)
    }

    /// Runs a write transaction that changes nothing the store remembers:
    /// no catalogue, no capacity (accounts, sessions, call-centre items,
    /// feed tokens, the desk's status steps).
    @discardableResult
    func write<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) throws -> T {
        try database.write(body)
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
            let result = try database.write(body)
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

    public func close() {
        database.close()
    }
}
