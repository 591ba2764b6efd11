import Core
import HTTPServer

/// The audit trail for administrators (docs/api.md, "Audit"): catalogue
/// revisions and account changes, newest first, as far as the admin
/// reaches; both use cases filter by that reach themselves.
extension API {
    /// At most this many lines of each kind.
    static let auditLimit = 200

    func registerAudit(on routes: APIRoutes) {
        routes.get("/api/v1/admin/audit", .allowed(to: .administerCatalogue)) { request in
            try CatalogueAdministrationProblems.answer {
                let revisions = try catalogueAdministration.trail(for: request.account, limit: Self.auditLimit)
                let events = try accounts.events(for: request.account, limit: Self.auditLimit)
                let entries = (revisions.map { ($0.madeAt, Representations.auditEntry($0)) } + events.map { ($0.madeAt, Representations.auditEntry($0)) })
                    .sorted { $0.0 > $1.0 }.prefix(Self.auditLimit).map(\.1)
                return .json(["entries": .array(entries)], reservingCapacity: 512 * max(1, entries.count))
            }
        }
    }
}
