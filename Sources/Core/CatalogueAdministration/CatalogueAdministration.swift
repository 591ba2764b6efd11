import Scheduling
import SQLite

/// What administrators do with the catalogue from the pages and the API:
/// see it, preview an edit (the resulting week and the bookings it would
/// strand), save it, and read the audit trail. Every edit is made on the
/// catalogue as the write transaction sees it and saved as one revision,
/// exactly as an import is (`CatalogueRevision`).
///
/// Reach: an unscoped admin changes everything; an admin scoped to
/// municipalities changes only what concerns those alone — their offices
/// with everything in them, services offered only there, their own
/// contact details — never adds or removes a municipality nor changes a
/// service shared with another one (`CatalogueChanges.Item.municipalityId`
/// is nil for those). What lies outside its reach it is told does not
/// exist, as with accounts.
public struct CatalogueAdministration: UseCase {
    let store: Store
    let clock: any Clock

    public enum Refusal: Error, Sendable, Hashable {
        /// Not an admin, or a change outside the admin's reach.
        case forbidden
        case mismatch(CatalogueEdit.Mismatch)
        case invalid(CatalogueEditProblems)
        /// Removing what bookings, accounts or other records still name.
        case stillNamed([String])
    }

    /// What an edit would do, worked out in a transaction that is rolled back.
    public struct Preview: Sendable, Hashable {
        public let outcome: CatalogueOutcome
        /// The week of the office the edit concerns under the new setup,
        /// from the date asked for; nil for an edit of no one office.
        public let week: WeekPreview?
    }

    /// The part of the catalogue `admin` administers: for an unscoped admin
    /// all of it; for a scoped one its municipalities, their offices, and
    /// the services those offer (shared ones included, to be seen, not
    /// changed: `mayChange`).
    public func catalogue(for admin: Account) throws -> CatalogueDocument {
        guard admin.may(.administerCatalogue) else { throw Refusal.forbidden }
        return CatalogueDocument(try store.catalogue()).visible(to: admin)
    }

    /// Whether `admin` may change (or remove) the item as it is now. A
    /// form offers its buttons by this; saving checks every item again.
    public func mayChange(_ reference: CatalogueEdit.Reference, by admin: Account) throws -> Bool {
        guard admin.may(.administerCatalogue) else { return false }
        if admin.reach(.administerCatalogue) == .everywhere { return true }
        let document = CatalogueDocument(try store.catalogue())
        guard document.contains(reference) else { return false }
        guard case .municipality = reference else {
            var without = document
            without.remove(reference)
            return CatalogueChanges(from: document, to: without).items.allSatisfy { admin.mayChange($0) }
        }
        return document.visible(to: admin).contains(reference)
    }

    /// What `edit` would do, and the week of its office from `weekFrom`
    /// (default: today there), without saving anything.
    public func preview(_ edit: CatalogueEdit, by admin: Account, weekFrom: LocalDate? = nil) throws -> Preview {
        let now = clock.now()
        do {
            return try store.rehearseCatalogueChange { writer in
                let outcome = try Self.make(edit, by: admin, with: writer, now: now, store: store)
                var week: WeekPreview?
                if let officeId = edit.officeId, let setup = try CatalogueRows.load(writer.db).setup(officeId) {
                    week = WeekPreview(setup, from: weekFrom ?? setup.timeZone.localDate(of: now))
                }
                return Preview(outcome: outcome, week: week)
            }
        } catch let named as CatalogueRevision.StillNamed {
            throw Refusal.stillNamed(named.items)
        }
    }

    /// Saves `edit` as one revision, once per idempotency key: a retry
    /// answers the outcome of the first time.
    @discardableResult
    public func save(_ edit: CatalogueEdit, by admin: Account, idempotency: IdempotencyKey?) throws -> Idempotent<CatalogueOutcome> {
        let saved: Idempotent<Int64>
        do {
            saved = try store.changeCatalogue(idempotency: idempotency, clock: clock) { writer, now in
                try Self.make(edit, by: admin, with: writer, now: now, store: store).revisionId ?? 0
            }
        } catch let named as CatalogueRevision.StillNamed {
            throw Refusal.stillNamed(named.items)
        }
        let outcome = try CatalogueTrail(store: store, clock: clock).outcome(of: saved.value)
        return saved.isReplayed ? .replayed(outcome) : .made(outcome)
    }

    /// The edit made inside the write transaction, on the catalogue as it
    /// sees it, after every check: reach, existence, the catalogue's rules.
    private static func make(_ edit: CatalogueEdit, by admin: Account, with writer: CatalogueWriter,
                             now: Instant, store: Store) throws -> CatalogueOutcome {
        guard admin.may(.administerCatalogue) else { throw Refusal.forbidden }
        let old = CatalogueDocument(try CatalogueRows.load(writer.db))
        if case .replace = edit, admin.reach(.administerCatalogue) != .everywhere { throw Refusal.forbidden }
        // What is changed or removed outside the admin's reach does not
        // exist for it; an id taken outside it is still taken.
        if case .add = edit {} else if let reference = edit.reference, old.contains(reference),
                                       !old.visible(to: admin).contains(reference) {
            throw Refusal.mismatch(.notFound(reference))
        }
        // Nor does a rule's or closure's office outside it, even for a new one.
        if let office = edit.reference?.office, old.contains(office), !old.visible(to: admin).contains(office) {
            throw Refusal.mismatch(.notFound(office))
        }
        let new: CatalogueDocument
        do { new = try edit.applied(to: old) } catch { throw Refusal.mismatch(error) }
        // Reach before validity: what an admin may not change, it learns nothing about.
        guard CatalogueChanges(from: old, to: new).items.allSatisfy({ admin.mayChange($0) }) else { throw Refusal.forbidden }
        if let unknown = edit.unknownOffering(in: old) { throw Refusal.invalid(unknown) }
        let problems = new.problems
        guard problems.isEmpty else { throw Refusal.invalid(CatalogueEditProblems(problems, of: edit.reference, in: new)) }
        return try CatalogueRevision.make(new, with: writer, source: .admin, by: admin.username, now: now, store: store)
    }
}

extension CatalogueEdit {
    /// A service offered at offices that do not exist: the catalogue would
    /// silently lose those offerings, so the edit is refused naming them
    /// (`offices`, as the service's body has them). One outside a scoped
    /// admin's reach is refused before, as a change it may not make.
    func unknownOffering(in document: CatalogueDocument) -> CatalogueEditProblems? {
        let offeredAt: [OfficeID: Set<Channel>]
        switch self {
        case .add(.service(_, let offices)), .change(.service(_, let offices)): offeredAt = offices
        default: return nil
        }
        let unknown = offeredAt.keys.filter { !document.contains(.office($0)) }.sorted()
        guard !unknown.isEmpty else { return nil }
        return CatalogueEditProblems(item: unknown.map { CatalogueProblem(path: "offices", message: "there is no office \"\($0)\"") })
    }

    /// The office whose week the edit changes, if one.
    var officeId: OfficeID? {
        switch reference {
        case .office(let id), .rule(_, let id), .closure(_, let id): id
        case .municipality, .service, nil: nil
        }
    }
}

extension Account {
    /// Whether this admin may make a change of this item: everywhere when
    /// unscoped, else only in one of its own municipalities.
    func mayChange(_ item: CatalogueChanges.Item) -> Bool {
        switch reach(.administerCatalogue) {
        case .nowhere: false
        case .everywhere: true
        case .ownOffices: item.municipalityId.map(municipalityIds.contains) ?? false
        }
    }
}

extension CatalogueDocument {
    /// The part of the catalogue `admin` reaches: see `CatalogueAdministration.catalogue(for:)`.
    func visible(to admin: Account) -> CatalogueDocument {
        guard admin.reach(.administerCatalogue) != .everywhere else { return self }
        let offices = offices.filter { admin.municipalityIds.contains($0.office.municipalityId) }
        let offered = Set(offices.flatMap { $0.offerings.map(\.serviceId) })
        return CatalogueDocument(municipalities: municipalities.filter { admin.municipalityIds.contains($0.id) },
                                 services: services.filter { offered.contains($0.id) }, offices: offices)
    }
}
