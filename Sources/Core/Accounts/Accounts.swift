import Scheduling
import SQLite

/// Accounts, passwords and sessions. Passwords are kept only as scrypt
/// hashes; session tokens (256 random bits) only as SHA-256 hashes.
public final class Accounts: Sendable {
    public let store: Store
    public let clock: any Clock
    public let hasher: PasswordHasher
    /// A session ends after this long without a request …
    public let idleTimeoutSeconds: Int64
    /// … and after this long in any case.
    public let absoluteTimeoutSeconds: Int64
    /// The timeouts unless told: also those after which the retention run
    /// removes a session nobody came back to (`Accounts.ended`).
    public static let defaultIdleTimeoutSeconds: Int64 = 30 * 60
    public static let defaultAbsoluteTimeoutSeconds: Int64 = 12 * 3600
    /// Whether accounts flagged `is_demo` may sign in. A server started
    /// without demo mode refuses them, so a database once seeded for a demo
    /// cannot be entered with the well-known demo password in production.
    public let demoAccountsEnabled: Bool

    public init(store: Store, clock: any Clock = SystemClock(), hasher: PasswordHasher = PasswordHasher(),
                idleTimeoutSeconds: Int64 = defaultIdleTimeoutSeconds,
                absoluteTimeoutSeconds: Int64 = defaultAbsoluteTimeoutSeconds,
                demoAccountsEnabled: Bool = true) {
        self.demoAccountsEnabled = demoAccountsEnabled
        self.store = store
        self.clock = clock
        self.hasher = hasher
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.absoluteTimeoutSeconds = absoluteTimeoutSeconds
    }

    @discardableResult
    public func create(username: String, displayName: String, password: String, role: Account.Role,
                       officeIds: Set<OfficeID> = [], municipalityIds: Set<MunicipalityID> = [], isDemo: Bool = false) throws -> Int64 {
        let hash = try hasher.hash(password)
        let now = clock.now().secondsSinceEpoch
        return try store.write { db in
            try Self.insert(db, username: username, displayName: displayName, passwordHash: hash, role: role,
                            officeIds: officeIds, municipalityIds: municipalityIds, isDemo: isDemo, by: nil, now: now)
        }
    }

    /// Writes one account, its scopes and its line in the audit trail
    /// inside the caller's transaction; `madeBy` is the admin, nil on the
    /// command line.
    static func insert(_ db: Connection, username: String, displayName: String, passwordHash: String, role: Account.Role,
                       officeIds: Set<OfficeID>, municipalityIds: Set<MunicipalityID>, isDemo: Bool, by madeBy: String?,
                       now: Int64) throws -> Int64 {
        try db.run("""
            INSERT INTO accounts(username, display_name, password_hash, role, is_demo, created_at) VALUES (?, ?, ?, ?, ?, ?)
            """, [username, displayName, passwordHash, role.rawValue, isDemo, now])
        let id = db.lastInsertRowID
        for office in officeIds.sorted() {
            try db.run("INSERT INTO account_scopes(account_id, office_id) VALUES (?, ?)", [id, office])
        }
        for municipality in municipalityIds.sorted() {
            try db.run("INSERT INTO account_scopes(account_id, municipality_id) VALUES (?, ?)", [id, municipality])
        }
        try AccountEvent.record(.created, of: id, by: madeBy, at: now, in: db)
        return id
    }

    /// The account if the password is right and the account is not
    /// disabled. The hash is computed even for unknown names, so the time
    /// taken does not tell which names exist.
    /// Throws `PasswordHasher.Busy` when too many checks run at once.
    public func verify(username: String, password: String) throws -> Account? {
        let row = try store.read { db in
            try db.queryOne("SELECT id, password_hash, is_demo, disabled_at FROM accounts WHERE username = ?", [username])
        }
        guard let row else {
            _ = try hasher.verify(password, against: decoyHash)
            return nil
        }
        guard try hasher.verify(password, against: try row["password_hash"]) else { return nil }
        let isDemo: Bool = try row["is_demo"]
        let disabledAt: Int64? = try row["disabled_at"]
        guard demoAccountsEnabled || !isDemo, disabledAt == nil else { return nil }
        return try account(id: try row["id"])
    }

    public func account(id: Int64) throws -> Account? {
        try store.read { db in try Self.load(db, id: id) }
    }

    public func all() throws -> [Account] {
        try store.read { db in
            try db.query("SELECT id FROM accounts ORDER BY username").compactMap { try Self.load(db, id: try $0["id"]) }
        }
    }

    static func load(_ db: Connection, id: Int64) throws -> Account? {
        guard let row = try db.queryOne("SELECT * FROM accounts WHERE id = ?", [id]),
              let role = Account.Role(rawValue: try row["role"]) else { return nil }
        var offices: Set<OfficeID> = []
        var municipalities: Set<MunicipalityID> = []
        for scope in try db.query("SELECT office_id, municipality_id FROM account_scopes WHERE account_id = ?", [id]) {
            if let office: OfficeID = try scope["office_id"] { offices.insert(office) }
            if let municipality: MunicipalityID = try scope["municipality_id"] { municipalities.insert(municipality) }
        }
        let disabledAt: Int64? = try row["disabled_at"]
        return Account(id: id, username: try row["username"], displayName: try row["display_name"], role: role,
                       officeIds: offices, municipalityIds: municipalities, isDisabled: disabledAt != nil)
    }

    /// A well-formed hash of a password nobody has, at this hasher's cost,
    /// for unknown usernames.
    var decoyHash: String {
        "scrypt$\(hasher.logN)$\(hasher.r)$\(hasher.p)$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    }
}
