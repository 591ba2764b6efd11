import Scheduling
import SQLite

/// One change of an account in the audit trail: who changed which account,
/// when, and how. Written by `record` in the change's own transaction, so
/// no change is made without its line and no line without its change.
public struct AccountEvent: Sendable, Hashable {
    public enum Action: String, Sendable, CaseIterable {
        case created, disabled, enabled, passwordChanged
    }

    public let id: Int64
    public let madeAt: Instant
    /// The admin's username; nil for `terminbuch user` on the command line.
    public let madeBy: String?
    /// The account changed, as it is now.
    public let account: Account
    public let action: Action

    /// Writes the line for `action` on account `accountId`, inside the
    /// caller's transaction: the one place account changes are recorded.
    static func record(_ action: Action, of accountId: Int64, by madeBy: String?, at now: Int64, in db: Connection) throws {
        try db.run("INSERT INTO account_events(made_at, made_by, account_id, action) VALUES (?, ?, ?, ?)",
                   [now, madeBy, accountId, action.rawValue])
    }
}

extension Accounts {
    /// The audit trail of accounts, latest first: the changes of the
    /// accounts `admin` administers (`administered(by:)`), at most `limit`.
    /// The admin pages and `GET /api/v1/admin/audit` read it; a scoped
    /// admin sees the lines of its municipalities' accounts only.
    public func events(for admin: Account, limit: Int = 200) throws -> [AccountEvent] {
        let reached = Dictionary(uniqueKeysWithValues: try administered(by: admin).map { ($0.id, $0) })
        return try store.read { db in
            try db.query("SELECT id, made_at, made_by, account_id, action FROM account_events ORDER BY id DESC").lazy
                .compactMap { row -> AccountEvent? in
                    guard let account = reached[try row["account_id"]] else { return nil }
                    let action: String = try row["action"]
                    guard let action = AccountEvent.Action(rawValue: action) else {
                        throw CatalogueRows.Invalid(description: "account event: action \(action)")
                    }
                    return AccountEvent(id: try row["id"], madeAt: try OccupationRows.instant(row, "made_at"), madeBy: try row["made_by"],
                                        account: account, action: action)
                }
                .prefix(limit).map { $0 }
        }
    }
}
