import Scheduling

/// What a catalogue change adds, changes and removes, item by item: the
/// dry run's report, the preview's summary and the audit trail's lines.
public struct CatalogueChanges: Hashable, Sendable {
    /// One municipality, service, office, offering, rule or closure that
    /// was added, changed or removed.
    public struct Item: Hashable, Sendable {
        public enum Action: String, Sendable, CaseIterable { case added, changed, removed }
        public enum Subject: String, Sendable, CaseIterable {
            case municipality, service, office, offering
            case rule = "opening rule"
            case closure
        }

        public let action: Action
        public let subject: Subject
        /// The item's id; an offering's is `office/service`.
        public let id: String
        /// The office it belongs to (an office's own id for an office).
        public let officeId: OfficeID?
        /// The one municipality it concerns, before and after; nil for a
        /// service offered in several, and for adding or removing a
        /// municipality: changes only an unscoped admin may make.
        public let municipalityId: MunicipalityID?
        /// The names of the fields that differ, for a changed item.
        public let fields: [String]

        /// `office buergerbuero-mitte`: how the command line and the trail name it.
        public var name: String { "\(subject.rawValue) \(id)" }
    }

    public private(set) var items: [Item] = []

    public var isEmpty: Bool { items.isEmpty }
    public var added: [String] { names(.added) }
    public var changed: [String] { names(.changed) }
    public var removed: [String] { names(.removed) }

    private func names(_ action: Item.Action) -> [String] { items.filter { $0.action == action }.map(\.name) }

    /// The items as a revision recorded them.
    init(items: [Item] = []) { self.items = items }

    /// The difference from `old` to `new`, item by item by id.
    public init(from old: CatalogueDocument, to new: CatalogueDocument) {
        let scope = MunicipalityScope(old, new)
        compare(.municipality, old.municipalities, new.municipalities, id: \.id.rawValue) { municipality, action in
            (nil, action == .changed ? municipality.id : nil)
        }
        compare(.service, old.services, new.services, id: \.id.rawValue) { service, _ in (nil, scope.of(service.id)) }
        let outer: (CatalogueDocument.OfficeEntry) -> CatalogueDocument.OfficeEntry = { entry in
            var entry = entry
            entry.offerings = []
            entry.rules = []
            entry.closures = []
            return entry
        }
        compare(.office, old.offices.map(outer), new.offices.map(outer), id: \.office.id.rawValue) { entry, _ in
            (entry.office.id, scope.of(entry.office.id))
        }
        compare(.offering, old.offices.flatMap(Offered.all), new.offices.flatMap(Offered.all), id: \.key) { offered, _ in
            (offered.officeId, scope.of(offered.officeId))
        }
        let rules = { (document: CatalogueDocument) in document.offices.flatMap { OfficeOwned.all($0, \.rules) } }
        compare(.rule, rules(old), rules(new), id: \.value.id, fields: OfficeOwned.fields) { owned, _ in
            (owned.officeId, scope.of(owned.officeId))
        }
        let closures = { (document: CatalogueDocument) in document.offices.flatMap { OfficeOwned.all($0, \.closures) } }
        compare(.closure, closures(old), closures(new), id: \.value.id, fields: OfficeOwned.fields) { owned, _ in
            (owned.officeId, scope.of(owned.officeId))
        }
        items.sort { ($0.action.rawValue, $0.name) < ($1.action.rawValue, $1.name) }
    }

    /// Which municipality an office or service belongs to, before or after.
    private struct MunicipalityScope {
        var offices: [OfficeID: Set<MunicipalityID>] = [:]
        var services: [ServiceID: Set<MunicipalityID>] = [:]

        init(_ documents: CatalogueDocument...) {
            for document in documents {
                for entry in document.offices {
                    offices[entry.office.id, default: []].insert(entry.office.municipalityId)
                    for offering in entry.offerings { services[offering.serviceId, default: []].insert(entry.office.municipalityId) }
                }
            }
        }

        func of(_ officeId: OfficeID) -> MunicipalityID? { Self.single(offices[officeId]) }
        func of(_ serviceId: ServiceID) -> MunicipalityID? { Self.single(services[serviceId]) }

        private static func single(_ ids: Set<MunicipalityID>?) -> MunicipalityID? {
            guard let ids, ids.count == 1 else { return nil }
            return ids.first
        }
    }

    /// An offering keyed by office and service, for comparing.
    private struct Offered: Equatable {
        let officeId: OfficeID
        let key: String
        let channels: Set<Channel>

        static func all(_ entry: CatalogueDocument.OfficeEntry) -> [Offered] {
            entry.offerings.map { Offered(officeId: entry.office.id, key: "\(entry.office.id)/\($0.serviceId)", channels: $0.channels) }
        }
    }

    /// A rule or closure with the office it belongs to.
    private struct OfficeOwned<Value: Hashable>: Equatable {
        let officeId: OfficeID
        let value: Value

        static func all(_ entry: CatalogueDocument.OfficeEntry, _ values: KeyPath<CatalogueDocument.OfficeEntry, [Value]>) -> [Self] {
            entry[keyPath: values].map { Self(officeId: entry.office.id, value: $0) }
        }

        static func fields(_ old: Self, _ new: Self) -> [String] { CatalogueChanges.fields(of: old.value, differingIn: new.value) }
    }

    private mutating func compare<T: Equatable>(_ subject: Item.Subject, _ old: [T], _ new: [T], id: (T) -> String,
                                                fields: (T, T) -> [String] = { fields(of: $0, differingIn: $1) },
                                                scope: (T, Item.Action) -> (OfficeID?, MunicipalityID?)) {
        var before: [String: T] = [:]
        for item in old { before[id(item)] = item }
        var seen: Set<String> = []
        func add(_ action: Item.Action, _ item: T, fields: [String] = []) {
            let (officeId, municipalityId) = scope(item, action)
            items.append(Item(action: action, subject: subject, id: id(item), officeId: officeId,
                              municipalityId: municipalityId, fields: fields))
        }
        for item in new {
            seen.insert(id(item))
            if let previous = before[id(item)] {
                if previous != item { add(.changed, item, fields: fields(previous, item)) }
            } else {
                add(.added, item)
            }
        }
        for (key, item) in before where !seen.contains(key) { add(.removed, item) }
    }

    /// The stored properties of two values of one type that differ, by
    /// name, and one level into a struct, as `office.name` or `band.end`
    /// (an office entry's office, a rule's band): deeper names say more
    /// about the code than the change. Only structs are looked into: an
    /// enum's or an optional's change is the change of the field holding
    /// it. Every catalogue value is Hashable to its leaves, so each is
    /// compared as itself.
    static func fields(of old: Any, differingIn new: Any, prefix: String = "") -> [String] {
        let before = Mirror(reflecting: old)
        let after = Mirror(reflecting: new)
        guard before.displayStyle == .struct, after.displayStyle == .struct, before.children.count == after.children.count else {
            return []
        }
        return zip(before.children, after.children).flatMap { pair -> [String] in
            guard let label = pair.0.label, label == pair.1.label else { return [] }
            let name = prefix + label
            guard let a = pair.0.value as? AnyHashable, let b = pair.1.value as? AnyHashable, a != b else { return [] }
            guard prefix.isEmpty else { return [name] }
            let nested = fields(of: pair.0.value, differingIn: pair.1.value, prefix: name + ".")
            return nested.isEmpty || nested.count > 3 ? [name] : nested
        }
    }
}
