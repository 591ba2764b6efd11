import Scheduling
import SQLite

/// Reads the catalogue out as a document and applies a document to the
/// database in one write transaction: what `terminbuch catalogue export`
/// and `import` run. Afterwards this store's catalogue, plans and cached
/// answers are thrown away, as after any office change.
public struct CatalogueImport: UseCase {
    let store: Store
    let clock: any Clock

    /// Why an import that is valid on its own cannot be applied here.
    public enum Conflict: Error, Sendable, CustomStringConvertible {
        /// Offices, services or municipalities the file leaves out that
        /// bookings (or accounts, tickets, …) still name.
        case stillBooked([String])

        public var description: String {
            switch self {
            case .stillBooked(let items):
                (["bookings still name what the file removes:"] + items).joined(separator: "\n")
            }
        }
    }

    /// The catalogue as it is now, sorted for a stable export.
    public func export() throws -> CatalogueDocument {
        CatalogueDocument(try store.catalogue())
    }

    /// Applies `document` as one catalogue revision (or with `dryRun` only
    /// works out what it would do, in a transaction that is rolled back):
    /// what changed, and the bookings it put on the "to contact" list.
    /// Refuses an invalid document whole, before touching the database.
    @discardableResult
    public func apply(_ document: CatalogueDocument, dryRun: Bool = false) throws -> CatalogueOutcome {
        let problems = document.problems
        guard problems.isEmpty else { throw InvalidCatalogue(problems) }
        let new = document.sorted
        let (now, store) = (clock.now(), self.store)
        do {
            let revision = { @Sendable (writer: CatalogueWriter) in
                try CatalogueRevision.make(new, with: writer, source: .import, by: nil, now: now, store: store)
            }
            return try dryRun ? store.rehearseCatalogueChange(revision) : store.changeCatalogue(revision)
        } catch let named as CatalogueRevision.StillNamed {
            throw Conflict.stillBooked(named.items)
        }
    }
}
