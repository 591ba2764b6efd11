import Scheduling
import SQLite

/// One revision of the catalogue as the audit trail shows it.
public struct CatalogueRevisionRecord: Sendable, Hashable {
    /// The command line's import, or an admin's edit in the pages or the API.
    public enum Source: String, Sendable { case `import`, admin }

    public let id: Int64
    public let madeAt: Instant
    /// The admin's username; nil for an import on the command line.
    public let madeBy: String?
    public let source: Source
    public let items: [CatalogueChanges.Item]
}

/// Reads the catalogue's audit trail: who changed what when.
struct CatalogueTrail: UseCase {
    let store: Store
    let clock: any Clock

    /// The latest revisions first, each with the items `admin` reaches (a
    /// scoped admin sees those of its municipalities only, and no revision
    /// that has none of them).
    func revisions(for admin: Account, limit: Int) throws -> [CatalogueRevisionRecord] {
        try store.read { db in
            try db.query("SELECT id, made_at, made_by, source FROM catalogue_revisions ORDER BY id DESC").lazy
                .compactMap { row -> CatalogueRevisionRecord? in
                    let record = try Self.record(row, db)
                    let items = record.items.filter { admin.mayChange($0) }
                    guard !items.isEmpty else { return nil }
                    return CatalogueRevisionRecord(id: record.id, madeAt: record.madeAt, madeBy: record.madeBy,
                                                   source: record.source, items: items)
                }
                .prefix(limit).map { $0 }
        }
    }

    /// What revision `id` did, as its save answered it; an empty outcome for 0 (nothing changed).
    func outcome(of id: Int64) throws -> CatalogueOutcome {
        try store.read { db in
            guard id != 0, let row = try db.query("SELECT id, made_at, made_by, source FROM catalogue_revisions WHERE id = ?", [id]).first else {
                return CatalogueOutcome(changes: CatalogueChanges(), stranded: [], revisionId: nil)
            }
            let record = try Self.record(row, db)
            let change = AffectedBooking.Change.catalogue(String(id))
            let stranded = try AffectedRows.rows(db, where: "a.change_kind = ? AND a.change_id = ?", [change.kind, change.id],
                                                 catalogue: try store.catalogue())
            return CatalogueOutcome(changes: CatalogueChanges(items: record.items), stranded: stranded, revisionId: id)
        }
    }

    private static func record(_ row: Row, _ db: Connection) throws -> CatalogueRevisionRecord {
        let id: Int64 = try row["id"]
        let sourceName: String = try row["source"]
        guard let source = CatalogueRevisionRecord.Source(rawValue: sourceName) else {
            throw CatalogueRows.Invalid(description: "catalogue revision \(id): source \(sourceName)")
        }
        let items = try db.query("""
            SELECT action, subject, subject_id, office_id, municipality_id, fields FROM catalogue_revision_items
            WHERE revision_id = ? ORDER BY position
            """, [id]).map { row in
            let action: String = try row["action"]
            let subject: String = try row["subject"]
            let fields: String = try row["fields"]
            guard let action = CatalogueChanges.Item.Action(rawValue: action),
                  let subject = CatalogueChanges.Item.Subject(rawValue: subject) else {
                throw CatalogueRows.Invalid(description: "catalogue revision \(id): \(action) \(subject)")
            }
            return CatalogueChanges.Item(action: action, subject: subject, id: try row["subject_id"], officeId: try row["office_id"],
                                         municipalityId: try row["municipality_id"],
                                         fields: fields.isEmpty ? [] : fields.split(separator: ",").map(String.init))
        }
        return CatalogueRevisionRecord(id: id, madeAt: try OccupationRows.instant(row, "made_at"), madeBy: try row["made_by"],
                                       source: source, items: items)
    }
}

extension CatalogueAdministration {
    /// The audit trail, latest first, as far as `admin` reaches.
    public func trail(for admin: Account, limit: Int = 200) throws -> [CatalogueRevisionRecord] {
        guard admin.may(.administerCatalogue) else { throw Refusal.forbidden }
        return try CatalogueTrail(store: store, clock: clock).revisions(for: admin, limit: limit)
    }
}
