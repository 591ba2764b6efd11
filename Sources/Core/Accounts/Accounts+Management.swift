import Scheduling
import SQLite

/// What an administrator does with accounts from the pages and the API:
/// the same rules as `terminbuch user` (`check`), and on top of them the
/// admin's reach (`Account.mayAdminister`). An account outside that reach
/// is answered as one that does not exist, so a scoped admin learns
/// nothing of other municipalities' accounts.
extension Accounts {
    /// A staff or agent account an admin asks for.
    public struct Draft: Sendable, Hashable {
        public let username: String
        /// Nil for the username.
        public let displayName: String?
        public let password: String
        public let role: Account.Role
        public let officeIds: Set<OfficeID>
        public let municipalityIds: Set<MunicipalityID>

        public init(username: String, displayName: String?, password: String, role: Account.Role,
                    officeIds: Set<OfficeID>, municipalityIds: Set<MunicipalityID>) {
            self.username = username
            self.displayName = displayName
            self.password = password
            self.role = role
            self.officeIds = officeIds
            self.municipalityIds = municipalityIds
        }
    }

    /// The accounts `admin` may administer, by username.
    public func administered(by admin: Account) throws -> [Account] {
        guard admin.may(.administerAccounts) else { throw AdministrationError.forbidden }
        let catalogue = try store.catalogue()
        return try all().filter { admin.mayAdminister($0, in: catalogue) }
    }

    /// The account `username` if `admin` may administer it; `unknownUser`
    /// for one it may not, as for one that does not exist.
    public func administered(_ username: String, by admin: Account) throws -> Account {
        guard admin.may(.administerAccounts) else { throw AdministrationError.forbidden }
        guard let account = try account(username: username), admin.mayAdminister(account, in: try store.catalogue()) else {
            throw AdministrationError.unknownUser(username)
        }
        return account
    }

    /// Every rule of `check` that `draft` breaks, so a form or a body can
    /// name each wrong field at once; empty when only the write can refuse it.
    public func problems(in draft: Draft) throws -> [AdministrationError] {
        Self.problems(username: draft.username, displayName: draft.displayName, password: draft.password, role: draft.role,
                      officeIds: draft.officeIds, municipalityIds: draft.municipalityIds, catalogue: try store.catalogue())
    }

    /// Creates a staff or agent account for `admin`, once per idempotency
    /// key: a retry answers the account made the first time. Admins are
    /// made on the command line only. The password is hashed before the
    /// write, so the single writer never waits for scrypt.
    public func add(_ draft: Draft, by admin: Account, idempotency: IdempotencyKey?) throws -> Idempotent<Account> {
        guard admin.may(.administerAccounts) else { throw AdministrationError.forbidden }
        guard draft.role != .admin else {
            throw AdministrationError.scopeDoesNotFitRole("admins are added with `terminbuch user add`")
        }
        let catalogue = try store.catalogue()
        try check(username: draft.username, displayName: draft.displayName, password: draft.password, role: draft.role,
                  officeIds: draft.officeIds, municipalityIds: draft.municipalityIds, catalogue: catalogue)
        let proposed = Account(id: 0, username: draft.username, displayName: draft.displayName ?? draft.username, role: draft.role,
                               officeIds: draft.officeIds, municipalityIds: draft.municipalityIds, isDisabled: false)
        guard admin.mayAdminister(proposed, in: catalogue) else { throw AdministrationError.forbidden }
        let hash = try hasher.hash(draft.password)
        let made = try store.write(changing: nil, idempotency: idempotency, clock: clock) { db, now in
            guard try db.scalar("SELECT id FROM accounts WHERE username = ?", [draft.username], as: Int64?.self) == nil else {
                throw AdministrationError.usernameTaken(draft.username)
            }
            return try Self.insert(db, username: draft.username, displayName: draft.displayName ?? draft.username, passwordHash: hash,
                                   role: draft.role, officeIds: draft.officeIds, municipalityIds: draft.municipalityIds,
                                   isDemo: false, by: admin.username, now: now.secondsSinceEpoch)
        }
        guard let account = try account(id: made.value) else { throw AdministrationError.unknownUser(draft.username) }
        return made.isReplayed ? .replayed(account) : .made(account)
    }

    /// Disables the account and ends every session of it. An admin does
    /// not disable itself: nobody would be left to enable it.
    @discardableResult
    public func disable(_ username: String, by admin: Account) throws -> Account {
        let account = try administered(username, by: admin)
        guard account.id != admin.id else { throw AdministrationError.disablingYourself }
        let now = clock.now().secondsSinceEpoch
        try store.write { db in
            try db.run("UPDATE accounts SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL", [now, account.id])
            if db.changes > 0 { try AccountEvent.record(.disabled, of: account.id, by: admin.username, at: now, in: db) }
            try db.run("DELETE FROM sessions WHERE account_id = ?", [account.id])
        }
        return try reloaded(account)
    }

    /// Lets a disabled account sign in again (with its password as it was).
    @discardableResult
    public func enable(_ username: String, by admin: Account) throws -> Account {
        let account = try administered(username, by: admin)
        let now = clock.now().secondsSinceEpoch
        try store.write { db in
            try db.run("UPDATE accounts SET disabled_at = NULL WHERE id = ? AND disabled_at IS NOT NULL", [account.id])
            if db.changes > 0 { try AccountEvent.record(.enabled, of: account.id, by: admin.username, at: now, in: db) }
        }
        return try reloaded(account)
    }

    /// Sets a new password for an account `admin` administers; every
    /// session of it ends (`changePassword`).
    public func setPassword(_ username: String, to password: String, by admin: Account) throws {
        try changePassword(of: try administered(username, by: admin), to: password, by: admin.username)
    }

    private func reloaded(_ account: Account) throws -> Account {
        guard let reloaded = try self.account(id: account.id) else { throw AdministrationError.unknownUser(account.username) }
        return reloaded
    }
}
