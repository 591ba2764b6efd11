import Scheduling

/// What an import adds, changes and removes, one line per item
/// (`office buergerbuero-mitte`), each list sorted: the dry run's report.
public struct CatalogueChanges: Hashable, Sendable {
    public var added: [String] = []
    public var changed: [String] = []
    public var removed: [String] = []

    public var isEmpty: Bool { added.isEmpty && changed.isEmpty && removed.isEmpty }

    /// The difference from `old` to `new`, item by item by id.
    init(from old: CatalogueDocument, to new: CatalogueDocument) {
        compare("municipality", old.municipalities, new.municipalities) { $0.id.rawValue }
        compare("service", old.services, new.services) { $0.id.rawValue }
        let outer: (CatalogueDocument.OfficeEntry) -> CatalogueDocument.OfficeEntry = { entry in
            var entry = entry
            entry.offerings = []
            entry.rules = []
            entry.closures = []
            return entry
        }
        compare("office", old.offices.map(outer), new.offices.map(outer)) { $0.office.id.rawValue }
        compare("offering", old.offices.flatMap(Self.offerings), new.offices.flatMap(Self.offerings)) { $0.key }
        compare("opening rule", old.offices.flatMap(\.rules), new.offices.flatMap(\.rules)) { $0.id }
        compare("closure", old.offices.flatMap(\.closures), new.offices.flatMap(\.closures)) { $0.id }
        added.sort()
        changed.sort()
        removed.sort()
    }

    /// An offering keyed by office and service, for comparing.
    private struct Offered: Equatable {
        let key: String
        let channels: Set<Channel>
    }

    private static func offerings(_ entry: CatalogueDocument.OfficeEntry) -> [Offered] {
        entry.offerings.map { Offered(key: "\(entry.office.id)/\($0.serviceId)", channels: $0.channels) }
    }

    private mutating func compare<T>(_ kind: String, _ old: [T], _ new: [T], id: (T) -> String) where T: Equatable {
        var before: [String: T] = [:]
        for item in old { before[id(item)] = item }
        var seen: Set<String> = []
        for item in new {
            let key = id(item)
            seen.insert(key)
            if let previous = before[key] {
                if previous != item { changed.append("\(kind) \(key)") }
            } else {
                added.append("\(kind) \(key)")
            }
        }
        for key in before.keys where !seen.contains(key) { removed.append("\(kind) \(key)") }
    }
}
