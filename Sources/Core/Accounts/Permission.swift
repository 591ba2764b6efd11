import Scheduling

/// What an account may do. Each case is one question the use cases, the
/// API's route guards and the pages ask of `Account.may`; none of them
/// compares roles itself, so a page and its endpoint cannot disagree.
public enum Permission: String, CaseIterable, Hashable, Sendable {
    /// The call centre's console: book for callers.
    case useConsole
    /// Find bookings by code, name, phone or e-mail, and open one for a caller.
    case lookUpBookings
    /// Book, move and cancel for a caller.
    case actForCallers
    /// File callback requests and memos for an office.
    case answerCalls
    /// Run an office's day: desk, walk-ins, queue, schedule and its exports,
    /// feeds, closures and counters, statistics, its callbacks and memos.
    case runDay
    /// See who created, moved and cancelled a booking, for whom.
    case seeHistory
    /// Create, disable and re-enable staff and agent accounts and set their
    /// passwords (`Account.mayAdminister`).
    case administerAccounts
    /// Set up municipalities, offices, services, opening rules, closures
    /// and booking policy, and read the catalogue's audit trail
    /// (`CatalogueAdministration`).
    case administerCatalogue
    /// Give a citizen at the desk the data stored about their booking, and
    /// erase it at their request (Art. 15, 17 DSGVO).
    case answerDataRequests
}

/// How far a role reaches with one permission.
public enum Reach: Sendable, Hashable {
    case nowhere
    /// At the account's own offices (staff) or the offices of its own
    /// municipalities (agents, scoped admins).
    case ownOffices
    case everywhere
}

extension Account.Role {
    /// The one place permissions are decided: agents answer the phone for
    /// their municipalities, staff run the day at their offices, and
    /// administrators may do everything everywhere (a scoped admin only in
    /// its municipalities: `Account.reach`).
    public func reach(_ permission: Permission) -> Reach {
        switch self {
        case .admin:
            return .everywhere
        case .agent:
            switch permission {
            case .useConsole, .lookUpBookings, .actForCallers, .answerCalls: return .ownOffices
            case .runDay, .seeHistory, .administerAccounts, .administerCatalogue, .answerDataRequests: return .nowhere
            }
        case .staff:
            switch permission {
            case .lookUpBookings, .actForCallers, .runDay, .seeHistory, .answerDataRequests: return .ownOffices
            case .useConsole, .answerCalls, .administerAccounts, .administerCatalogue: return .nowhere
            }
        }
    }

    /// The roles that may do `permission` somewhere: what a page or an API
    /// route declares as its guard.
    public static func allowed(to permission: Permission) -> Set<Account.Role> {
        Set(allCases.filter { $0.reach(permission) != .nowhere })
    }
}

extension Account {
    /// How far this account reaches with `permission`: as far as its role,
    /// except that an admin given municipalities (a scoped admin) reaches
    /// only their offices, as an agent does.
    public func reach(_ permission: Permission) -> Reach {
        let reach = role.reach(permission)
        return reach == .everywhere && !municipalityIds.isEmpty ? .ownOffices : reach
    }

    /// Whether the account may do `permission` at some office.
    public func may(_ permission: Permission) -> Bool {
        reach(permission) != .nowhere
    }

    /// Whether the account may do `permission` at `office`.
    public func may(_ permission: Permission, at office: Office) -> Bool {
        switch reach(permission) {
        case .nowhere: false
        case .ownOffices: officeIds.contains(office.id) || municipalityIds.contains(office.municipalityId)
        case .everywhere: true
        }
    }

    /// Whether the account may do `permission` at every office of
    /// `municipalityId` (the scope agents are given).
    public func may(_ permission: Permission, inMunicipality municipalityId: MunicipalityID) -> Bool {
        switch reach(permission) {
        case .nowhere: false
        case .ownOffices: municipalityIds.contains(municipalityId)
        case .everywhere: true
        }
    }

    /// Whether the account's role is one of `roles`: the question a page's
    /// or a route's declared guard asks.
    public func hasRole(in roles: Set<Role>) -> Bool { roles.contains(role) }

    /// Runs the day at `officeId`, for callers that hold only the id. An
    /// office the catalogue does not know is run by whoever runs days
    /// everywhere, so they hear "unknown office" rather than "forbidden".
    public func runs(office officeId: OfficeID, in catalogue: Catalogue) -> Bool {
        guard let office = catalogue.office(officeId) else { return reach(.runDay) == .everywhere }
        return may(.runDay, at: office)
    }

    /// Who the account is when it books or changes something: who runs
    /// offices works at the desk, everyone else answers the phone.
    public var caller: Caller {
        Caller(channel: may(.runDay) ? .desk : .phone, username: username, accountId: id)
    }

    /// The existing bookings the account opens without a manage token: all
    /// of them where it looks bookings up everywhere, else those of the
    /// offices it works at (staff), else those of its municipalities'
    /// offices (agents, scoped admins).
    public var access: Access {
        switch reach(.lookUpBookings) {
        case .everywhere: .anyOffice
        case .ownOffices: officeIds.isEmpty ? .municipalities(municipalityIds) : .offices(officeIds)
        case .nowhere: .offices([])
        }
    }
}

extension Account {
    /// Whether this account may disable, enable or set the password of
    /// `other`, or create it: an unscoped admin any account, a scoped admin
    /// the staff and agents whose every office and municipality is one of
    /// its municipalities (never an admin, nor an account of no scope).
    public func mayAdminister(_ other: Account, in catalogue: Catalogue) -> Bool {
        switch reach(.administerAccounts) {
        case .nowhere: return false
        case .everywhere: return true
        case .ownOffices:
            guard other.role != .admin, !(other.officeIds.isEmpty && other.municipalityIds.isEmpty) else { return false }
            return other.municipalityIds.isSubset(of: municipalityIds)
                && other.officeIds.allSatisfy { catalogue.office($0).map { municipalityIds.contains($0.municipalityId) } ?? false }
        }
    }
}

extension Catalogue {
    /// The office `officeId` if `account` may do `permission` there:
    /// `unknownOffice` when there is no such office, `forbidden` when it is
    /// not the account's.
    public func office(_ officeId: OfficeID, for account: Account, may permission: Permission) throws -> Office {
        guard let office = office(officeId) else { throw BookingError.unknownOffice(officeId) }
        guard account.may(permission, at: office) else { throw BookingError.forbidden(permission) }
        return office
    }
}
