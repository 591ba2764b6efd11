import Scheduling
import SQLite

/// The demo (README, "Two commands"): its catalogue comes from a file,
/// `Examples/demo/catalogue.json` — Bremerhaven with two Bürgerbüros, the
/// Kfz-Zulassung, the Führerscheinstelle and a mobile Bürgerservice in
/// library branches; Lübeck with a Stadtteilbüro; the services people come
/// for — imported as `terminbuch catalogue import` imports one. What is not
/// catalogue is here: the demo accounts `agent`, `staff-mitte` and `admin`,
/// closures placed relative to the seed day, and a few appointments on the
/// next days.
///
///     if try !DemoData.isSeeded(store: store) {
///         try DemoData.seed(store: store, accounts: accounts, catalogue: demo, today: today, password: password)
///     }
///
/// Public holidays need no rows: Scheduling closes every office on the
/// holidays of its Land (Bremen, Schleswig-Holstein).
public enum DemoData {
    public enum SeedError: Error, Hashable, CustomStringConvertible {
        /// The database already has offices; the demo only goes into a new one.
        case alreadySeeded(offices: Int)
        /// A demo account's username is taken by an existing account.
        case accountExists(String)

        public var description: String {
            switch self {
            case .alreadySeeded(let offices):
                "The database already has \(offices) office(s); demo data is only seeded into a new, empty database. "
                    + "Start with a new database file, or run without demo mode."
            case .accountExists(let username):
                "An account named '\(username)' already exists; demo data is only seeded into a new, empty database."
            }
        }
    }

    /// The demo accounts' password when `TERMINBUCH_DEMO_PASSWORD` is unset (docs/api.md).
    public static let defaultPassword = "demo"
    public static let agentUsername = "agent"
    public static let staffUsername = "staff-mitte"
    public static let adminUsername = "admin"
    /// The office of the demo clerk `staff-mitte`.
    static let staffOffice: OfficeID = "buergerbuero-mitte"

    /// The zone of every demo office (all keep German time): the demo's "today" is counted in it.
    public static let timeZone = TimeZoneRules.europeBerlin

    /// Whether any office exists (the demo, or a real catalogue).
    public static func isSeeded(store: Store) throws -> Bool {
        try store.read { try $0.scalar("SELECT EXISTS (SELECT 1 FROM offices)", as: Bool.self) }
    }

    /// Seeds the demo into a new database: `catalogue` (the demo's file, as
    /// read) with the closures of `today` through `CatalogueImport`, in one
    /// transaction; then the accounts (all with `password`, marked as demo
    /// accounts), then the demo appointments through the booking use case,
    /// at the time of `accounts.clock`. `today` is the office-local date the
    /// closures are placed relative to (normally the clock's date in the
    /// demo's `timeZone`). The agent answers for every municipality of the
    /// catalogue.
    ///
    /// Throws `SeedError` without writing anything when offices or one of
    /// the demo usernames already exist; `InvalidCatalogue` or
    /// `CatalogueImport.Conflict` as an import would.
    public static func seed(store: Store, accounts: Accounts, catalogue: CatalogueDocument, today: LocalDate,
                            password: String) throws {
        try store.read(checkEmpty)
        try CatalogueImport(store: store, clock: accounts.clock).apply(withClosures(catalogue, today: today))
        let callers = try seedAccounts(accounts, municipalities: Set(catalogue.municipalities.map(\.id)), password: password)
        try bookDemoBookings(Availability(store: store, clock: accounts.clock), Bookings(store: store, clock: accounts.clock),
                             today: today, callers: callers)
    }

    /// Seeds the demo relative to today in the demo's `timeZone` at the time of `accounts.clock`.
    public static func seed(store: Store, accounts: Accounts, catalogue: CatalogueDocument, password: String) throws {
        try seed(store: store, accounts: accounts, catalogue: catalogue, today: timeZone.localDate(of: accounts.clock.now()),
                 password: password)
    }

    private static func checkEmpty(_ db: Connection) throws {
        let offices = try db.scalar("SELECT count(*) FROM offices", as: Int.self)
        guard offices == 0 else { throw SeedError.alreadySeeded(offices: offices) }
        for username in [agentUsername, staffUsername, adminUsername]
        where try db.scalar("SELECT EXISTS (SELECT 1 FROM accounts WHERE username = ?)", [username], as: Bool.self) {
            throw SeedError.accountExists(username)
        }
    }

    /// Creates the demo accounts; returns who books through each channel:
    /// citizens online, the demo agent by phone, the demo clerk at the desk.
    private static func seedAccounts(_ accounts: Accounts, municipalities: Set<MunicipalityID>,
                                     password: String) throws -> [Channel: Caller] {
        let agent = try accounts.create(username: agentUsername, displayName: "Bürgertelefon (Demo-Agentin)", password: password,
                                        role: .agent, municipalityIds: municipalities, isDemo: true)
        let staff = try accounts.create(username: staffUsername, displayName: "Bürgerbüro Mitte (Demo-Sachbearbeiterin)",
                                        password: password, role: .staff, officeIds: [staffOffice], isDemo: true)
        try accounts.create(username: adminUsername, displayName: "Administration (Demo)", password: password,
                            role: .admin, isDemo: true)
        return [.online: .citizen,
                .phone: Caller(channel: .phone, username: agentUsername, accountId: agent),
                .desk: Caller(channel: .desk, username: staffUsername, accountId: staff)]
    }
}
