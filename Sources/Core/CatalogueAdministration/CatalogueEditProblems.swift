import Scheduling

/// An edit refused for what it would make of the catalogue: the problems
/// of the edited item by field, relative to it (`band`, `walkInReserve`,
/// `""` for the item as a whole), so a form can put each next to its
/// field; and those it would cause elsewhere (a rule that still names a
/// removed service), by their full path in the catalogue.
public struct CatalogueEditProblems: Error, Sendable, Hashable, CustomStringConvertible {
    public let item: [CatalogueProblem]
    public let elsewhere: [CatalogueProblem]

    /// Sorts `problems` of `document` (the catalogue with the edit made)
    /// into the edited item's and the rest.
    init(_ problems: [CatalogueProblem], of reference: CatalogueEdit.Reference?, in document: CatalogueDocument) {
        guard let prefix = reference.flatMap(document.path) else {
            item = []
            elsewhere = problems
            return
        }
        var item: [CatalogueProblem] = []
        var elsewhere: [CatalogueProblem] = []
        for problem in problems {
            if problem.path == prefix {
                item.append(CatalogueProblem(path: "", message: problem.message))
            } else if problem.path.hasPrefix(prefix + ".") {
                item.append(CatalogueProblem(path: String(problem.path.dropFirst(prefix.count + 1)), message: problem.message))
            } else {
                elsewhere.append(problem)
            }
        }
        self.item = item
        self.elsewhere = elsewhere
    }

    /// Problems of the edited item alone, found before the edit is made.
    init(item: [CatalogueProblem]) {
        self.item = item
        elsewhere = []
    }

    public var description: String { (item + elsewhere).map(\.description).joined(separator: "\n") }
}

extension CatalogueDocument {
    /// Where an item is in the document, as a problem's path names it
    /// (`offices[2].rules[0]`); nil when it is not there.
    func path(of reference: CatalogueEdit.Reference) -> String? {
        func index<T>(_ list: [T], _ matches: (T) -> Bool) -> Int? { list.firstIndex(where: matches) }
        switch reference {
        case .municipality(let id): return index(municipalities) { $0.id == id }.map { "municipalities[\($0)]" }
        case .service(let id): return index(services) { $0.id == id }.map { "services[\($0)]" }
        case .office(let id): return index(offices) { $0.office.id == id }.map { "offices[\($0)]" }
        case .rule(let id, let officeId):
            guard let office = index(offices, { $0.office.id == officeId }),
                  let rule = index(offices[office].rules, { $0.id == id }) else { return nil }
            return "offices[\(office)].rules[\(rule)]"
        case .closure(let id, let officeId):
            guard let office = index(offices, { $0.office.id == officeId }),
                  let closure = index(offices[office].closures, { $0.id == id }) else { return nil }
            return "offices[\(office)].closures[\(closure)]"
        }
    }
}
