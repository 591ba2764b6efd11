import Scheduling

/// One change an administrator makes to the catalogue, from a page or the
/// API: add, change or remove one item. It is applied to the catalogue as
/// it is inside the write transaction, and the result replaces the
/// catalogue as an import does (`CatalogueRevision`): one set of checks,
/// one audit trail, one "to contact" list, whichever way a city sets up.
public enum CatalogueEdit: Sendable, Hashable {
    case add(Item)
    case change(Item)
    case remove(Reference)
    /// The whole catalogue at once, as the file's import (unscoped admins).
    case replace(CatalogueDocument)

    /// An item as the admin means it to be.
    public enum Item: Sendable, Hashable {
        case municipality(Municipality)
        /// A service with the offices that offer it and through which
        /// channels: its offerings everywhere are replaced by these.
        case service(Service, offeredAt: [OfficeID: Set<Channel>])
        /// An office's own fields and policy. Its offerings, rules and
        /// closures stay as they are (a new office starts with the entry's).
        case office(CatalogueDocument.OfficeEntry)
        case rule(OpeningRule, at: OfficeID)
        case closure(Closure, at: OfficeID)
    }

    /// An item by its id.
    public enum Reference: Sendable, Hashable, CustomStringConvertible {
        case municipality(MunicipalityID)
        case service(ServiceID)
        case office(OfficeID)
        case rule(String, at: OfficeID)
        case closure(String, at: OfficeID)

        /// The office a rule or closure belongs to; nil for the other items.
        public var office: Reference? {
            switch self {
            case .rule(_, let officeId), .closure(_, let officeId): .office(officeId)
            case .municipality, .service, .office: nil
            }
        }

        public var description: String {
            switch self {
            case .municipality(let id): "municipality \(id)"
            case .service(let id): "service \(id)"
            case .office(let id): "office \(id)"
            case .rule(let id, _): "opening rule \(id)"
            case .closure(let id, _): "closure \(id)"
            }
        }
    }

    /// Why an edit does not apply to the catalogue as it is.
    public enum Mismatch: Error, Sendable, Hashable {
        /// Changing or removing what does not exist (or lies outside the admin's reach).
        case notFound(Reference)
        /// Adding what exists already.
        case exists(Reference)
    }

    /// The item this edit is about, when it is about one.
    public var reference: Reference? {
        switch self {
        case .add(let item), .change(let item): item.reference
        case .remove(let reference): reference
        case .replace: nil
        }
    }

    /// The catalogue with this edit made.
    public func applied(to document: CatalogueDocument) throws(Mismatch) -> CatalogueDocument {
        var document = document
        switch self {
        case .replace(let new):
            return new.sorted
        case .add(let item):
            guard !document.contains(item.reference) else { throw .exists(item.reference) }
            if let office = item.reference.office, !document.contains(office) { throw .notFound(office) }
            document.put(item)
        case .change(let item):
            guard document.contains(item.reference) else { throw .notFound(item.reference) }
            document.put(item)
        case .remove(let reference):
            guard document.contains(reference) else { throw .notFound(reference) }
            document.remove(reference)
        }
        return document.sorted
    }
}

extension CatalogueEdit.Item {
    public var reference: CatalogueEdit.Reference {
        switch self {
        case .municipality(let municipality): .municipality(municipality.id)
        case .service(let service, _): .service(service.id)
        case .office(let entry): .office(entry.office.id)
        case .rule(let rule, let officeId): .rule(rule.id, at: officeId)
        case .closure(let closure, let officeId): .closure(closure.id, at: officeId)
        }
    }
}

extension CatalogueDocument {
    /// Whether the item exists; a rule or closure only at its own office.
    func contains(_ reference: CatalogueEdit.Reference) -> Bool {
        switch reference {
        case .municipality(let id): municipalities.contains { $0.id == id }
        case .service(let id): services.contains { $0.id == id }
        case .office(let id): offices.contains { $0.office.id == id }
        case .rule(let id, let officeId): entry(officeId)?.rules.contains { $0.id == id } ?? false
        case .closure(let id, let officeId): entry(officeId)?.closures.contains { $0.id == id } ?? false
        }
    }

    func entry(_ officeId: OfficeID) -> OfficeEntry? { offices.first { $0.office.id == officeId } }

    /// Adds the item or puts it in the place of the one with its id.
    mutating func put(_ item: CatalogueEdit.Item) {
        switch item {
        case .municipality(let municipality):
            municipalities.removeAll { $0.id == municipality.id }
            municipalities.append(municipality)
        case .service(let service, let offeredAt):
            services.removeAll { $0.id == service.id }
            services.append(service)
            for index in offices.indices {
                offices[index].offerings.removeAll { $0.serviceId == service.id }
                if let channels = offeredAt[offices[index].office.id] {
                    offices[index].offerings.append(ServiceOffering(serviceId: service.id, channels: channels))
                }
            }
        case .office(var entry):
            if let old = self.entry(entry.office.id) {
                entry.offerings = old.offerings
                entry.rules = old.rules
                entry.closures = old.closures
            }
            offices.removeAll { $0.office.id == entry.office.id }
            offices.append(entry)
        case .rule(let rule, let officeId):
            guard let index = offices.firstIndex(where: { $0.office.id == officeId }) else { return }
            offices[index].rules.removeAll { $0.id == rule.id }
            offices[index].rules.append(rule)
        case .closure(let closure, let officeId):
            guard let index = offices.firstIndex(where: { $0.office.id == officeId }) else { return }
            offices[index].closures.removeAll { $0.id == closure.id }
            offices[index].closures.append(closure)
        }
    }

    mutating func remove(_ reference: CatalogueEdit.Reference) {
        switch reference {
        case .municipality(let id): municipalities.removeAll { $0.id == id }
        case .service(let id):
            services.removeAll { $0.id == id }
            for index in offices.indices { offices[index].offerings.removeAll { $0.serviceId == id } }
        case .office(let id): offices.removeAll { $0.office.id == id }
        case .rule(let id, let officeId):
            for index in offices.indices where offices[index].office.id == officeId { offices[index].rules.removeAll { $0.id == id } }
        case .closure(let id, let officeId):
            for index in offices.indices where offices[index].office.id == officeId { offices[index].closures.removeAll { $0.id == id } }
        }
    }
}
