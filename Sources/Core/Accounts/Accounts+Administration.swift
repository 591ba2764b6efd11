import Scheduling
import SQLite

/// What operators do with accounts (`terminbuch user add|passwd|list`):
/// every rule an account must follow is checked here, before anything is
/// written, so a later admin page cannot make an account the CLI would refuse.
extension Accounts {
    /// Why an account could not be added or changed.
    public enum AdministrationError: Error, Hashable, Sendable, CustomStringConvertible {
        case invalidUsername(String)
        /// The display name is empty or not one clean line (`FieldText`): staff pages show it.
        case invalidDisplayName(String, problem: String)
        case usernameTaken(String)
        case unknownUser(String)
        case passwordTooShort(minimum: Int)
        case unknownOffice(OfficeID)
        case unknownMunicipality(MunicipalityID)
        /// The scopes given do not fit the role (staff without an office, an agent with one …).
        case scopeDoesNotFitRole(String)
        /// The admin may not administer accounts, or not one of this scope.
        case forbidden
        /// An admin asked to disable its own account.
        case disablingYourself

        public var description: String {
            switch self {
            case .invalidUsername(let name):
                "the username \"\(name)\" must be 1 to 64 letters, digits, '.', '_' or '-'"
            case .invalidDisplayName(let name, let problem): "the name \(name.debugDescription) \(problem)"
            case .usernameTaken(let name): "there is already a user \"\(name)\""
            case .unknownUser(let name): "there is no user \"\(name)\""
            case .passwordTooShort(let minimum): "the password must be at least \(minimum) characters long"
            case .unknownOffice(let id): "there is no office \"\(id)\""
            case .unknownMunicipality(let id): "there is no municipality \"\(id)\""
            case .scopeDoesNotFitRole(let explanation): explanation
            case .forbidden: "your account may not administer this account"
            case .disablingYourself: "an admin does not disable its own account"
            }
        }
    }

    /// Long enough that guessing through the throttle is hopeless.
    public static let minimumPasswordLength = 10

    /// Adds an account after checking the username, the password's length,
    /// and that its offices and municipalities exist and fit its role:
    /// agents answer for municipalities, staff work at offices, admins work
    /// everywhere or, given municipalities, only there.
    @discardableResult
    public func add(username: String, displayName: String?, password: String, role: Account.Role,
                    officeIds: Set<OfficeID> = [], municipalityIds: Set<MunicipalityID> = []) throws -> Account {
        try check(username: username, displayName: displayName, password: password, role: role,
                  officeIds: officeIds, municipalityIds: municipalityIds, catalogue: try store.catalogue())
        guard try account(username: username) == nil else { throw AdministrationError.usernameTaken(username) }
        let id = try create(username: username, displayName: displayName ?? username, password: password, role: role,
                            officeIds: officeIds, municipalityIds: municipalityIds)
        guard let account = try account(id: id) else { throw AdministrationError.unknownUser(username) }
        return account
    }

    /// Every rule a new account must follow that needs no write, the first
    /// broken one thrown (`problems` has them all).
    func check(username: String, displayName: String?, password: String, role: Account.Role,
               officeIds: Set<OfficeID>, municipalityIds: Set<MunicipalityID>, catalogue: Catalogue) throws {
        if let first = Self.problems(username: username, displayName: displayName, password: password, role: role,
                                     officeIds: officeIds, municipalityIds: municipalityIds, catalogue: catalogue).first {
            throw first
        }
    }

    /// Every rule a new account breaks, in the order of its fields: the
    /// username's form, a clean display name, the password's length, scopes
    /// that exist and fit the role.
    static func problems(username: String, displayName: String?, password: String, role: Account.Role,
                         officeIds: Set<OfficeID>, municipalityIds: Set<MunicipalityID>, catalogue: Catalogue) -> [AdministrationError] {
        var problems: [AdministrationError] = []
        if !isValidUsername(username) { problems.append(.invalidUsername(username)) }
        if let displayName {
            if displayName.trimmingSpaces().isEmpty {
                problems.append(.invalidDisplayName(displayName, problem: "must not be empty or only spaces"))
            } else if let problem = FieldText.problemInLine(displayName) {
                problems.append(.invalidDisplayName(displayName, problem: problem))
            }
        }
        if password.unicodeScalars.count < minimumPasswordLength { problems.append(.passwordTooShort(minimum: minimumPasswordLength)) }
        for office in officeIds.sorted() where catalogue.office(office) == nil { problems.append(.unknownOffice(office)) }
        let known = Set(catalogue.municipalities.map(\.id))
        for municipality in municipalityIds.sorted() where !known.contains(municipality) {
            problems.append(.unknownMunicipality(municipality))
        }
        switch role {
        case .agent where !officeIds.isEmpty || municipalityIds.isEmpty:
            problems.append(.scopeDoesNotFitRole("an agent answers for one or more --municipality and has no --office"))
        case .staff where !municipalityIds.isEmpty || officeIds.isEmpty:
            problems.append(.scopeDoesNotFitRole("staff work at one or more --office and have no --municipality"))
        case .admin where !officeIds.isEmpty:
            problems.append(.scopeDoesNotFitRole("an admin works everywhere or in its --municipality, and takes no --office"))
        default: break
        }
        return problems
    }

    /// Sets a new password and ends every session of the account, so
    /// whoever knew the old one is signed out too.
    public func changePassword(username: String, to password: String) throws {
        guard let account = try account(username: username) else { throw AdministrationError.unknownUser(username) }
        try changePassword(of: account, to: password, by: nil)
    }

    /// The new password, the sessions ended and the line in the audit
    /// trail, in one transaction; `madeBy` is the admin, nil on the command line.
    func changePassword(of account: Account, to password: String, by madeBy: String?) throws {
        try Self.checkPassword(password)
        let hash = try hasher.hash(password)
        let now = clock.now().secondsSinceEpoch
        try store.write { db in
            try db.run("UPDATE accounts SET password_hash = ? WHERE id = ?", [hash, account.id])
            try db.run("DELETE FROM sessions WHERE account_id = ?", [account.id])
            try AccountEvent.record(.passwordChanged, of: account.id, by: madeBy, at: now, in: db)
        }
    }

    /// The account with this username (any case), or nil.
    public func account(username: String) throws -> Account? {
        try store.read { db in
            guard let id: Int64 = try db.scalar("SELECT id FROM accounts WHERE username = ?", [username], as: Int64?.self) else {
                return nil
            }
            return try Self.load(db, id: id)
        }
    }

    /// Whether the account is one of the demo accounts (signs in only in demo mode).
    public func isDemoAccount(_ account: Account) throws -> Bool { try isDemo(account.id) }

    static func isValidUsername(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count) && name.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }

    static func checkPassword(_ password: String) throws {
        guard password.unicodeScalars.count >= minimumPasswordLength else {
            throw AdministrationError.passwordTooShort(minimum: minimumPasswordLength)
        }
    }
}
