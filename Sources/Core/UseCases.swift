/// Every use case, on one store and one clock, made once at start: what
/// the web application and the command line are given. All of them read
/// the same clock, so every "now" and "today" of a request agrees.
public struct UseCases: Sendable {
    public let bookings: Bookings
    public let availability: Availability
    public let frontDesk: FrontDesk
    public let walkIns: WalkIns
    public let queue: Queue
    public let feeds: CalendarFeeds
    public let callCentre: CallCentre
    public let officeChanges: OfficeChanges
    public let catalogueImport: CatalogueImport
    public let catalogueAdministration: CatalogueAdministration
    public let statistics: Statistics
    public let accounts: Accounts
    public let outbox: Outbox
    public let retention: Retention
    /// "Now" and "today" in each office's zone.
    public let time: OfficeTime
    private let store: Store

    public init(store: Store, clock: any Clock = SystemClock(), passwordHasher: PasswordHasher = PasswordHasher(),
                demoAccountsEnabled: Bool = true) {
        bookings = Bookings(store: store, clock: clock)
        availability = Availability(store: store, clock: clock)
        frontDesk = FrontDesk(store: store, clock: clock)
        walkIns = WalkIns(store: store, clock: clock)
        queue = Queue(store: store, clock: clock)
        feeds = CalendarFeeds(store: store, clock: clock)
        callCentre = CallCentre(store: store, clock: clock)
        officeChanges = OfficeChanges(store: store, clock: clock)
        catalogueImport = CatalogueImport(store: store, clock: clock)
        catalogueAdministration = CatalogueAdministration(store: store, clock: clock)
        statistics = Statistics(store: store, clock: clock)
        accounts = Accounts(store: store, clock: clock, hasher: passwordHasher, demoAccountsEnabled: demoAccountsEnabled)
        outbox = Outbox(store: store, clock: clock)
        retention = Retention(store: store, clock: clock)
        time = OfficeTime(store: store, clock: clock)
        self.store = store
    }

    /// The offices, services and rules, as the store holds them now.
    public func catalogue() throws -> Catalogue { try store.catalogue() }
}
