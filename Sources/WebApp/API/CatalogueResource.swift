import Core
import HTTPServer
import Scheduling

/// One kind of catalogue item under `/api/v1/admin/` (docs/api.md, "The
/// catalogue"): its address, how its body reads, how it is found in the
/// catalogue an admin reaches. The routes of every kind are the same five
/// (`API.registerCatalogueItems`), so the kinds differ only here.
struct CatalogueResource: Sendable {
    /// The collection's name in answers and addresses: `municipalities`, `rules`.
    let collection: String
    /// The collection's address; rules and closures are under their office's.
    let path: String
    /// The path parameter naming one item.
    let idParameter: String
    /// Whether the items belong to the office of the address (`:officeId`).
    let isPerOffice: Bool
    let read: @Sendable (OfficeID?) -> (JSONFields) -> CatalogueEdit.Item
    let reference: @Sendable (String, OfficeID?) -> CatalogueEdit.Reference
    /// The items in `document`; nil when the address's office is not in it.
    let items: @Sendable (CatalogueDocument, OfficeID?) -> [CatalogueEdit.Item]?

    /// The office of the request's address, for rules and closures.
    func office(of request: HTTPRequest) -> OfficeID? {
        isPerOffice ? request.parameter("officeId").map { OfficeID($0) } : nil
    }

    static let all: [CatalogueResource] = [municipalities, services, offices, rules, closures]

    static let municipalities = CatalogueResource(
        collection: "municipalities", path: "/api/v1/admin/municipalities", idParameter: "municipalityId", isPerOffice: false,
        read: { _ in CatalogueItemBodies.municipality }, reference: { id, _ in .municipality(MunicipalityID(id)) },
        items: { document, _ in document.municipalities.map { .municipality($0) } })

    static let services = CatalogueResource(
        collection: "services", path: "/api/v1/admin/services", idParameter: "serviceId", isPerOffice: false,
        read: { _ in CatalogueItemBodies.service }, reference: { id, _ in .service(ServiceID(id)) },
        items: { document, _ in
            document.services.map { service in
                .service(service, offeredAt: Dictionary(uniqueKeysWithValues: document.offices.compactMap { entry in
                    entry.offerings.first { $0.serviceId == service.id }.map { (entry.office.id, $0.channels) }
                }))
            }
        })

    static let offices = CatalogueResource(
        collection: "offices", path: "/api/v1/admin/offices", idParameter: "officeId", isPerOffice: false,
        read: { _ in CatalogueItemBodies.office }, reference: { id, _ in .office(OfficeID(id)) },
        items: { document, _ in document.offices.map { .office($0) } })

    static let rules = CatalogueResource(
        collection: "rules", path: "/api/v1/admin/offices/:officeId/rules", idParameter: "ruleId", isPerOffice: true,
        read: { office in CatalogueItemBodies.rule(at: office ?? "") }, reference: { id, office in .rule(id, at: office ?? "") },
        items: { document, office in
            document.offices.first { $0.office.id == office }.map { entry in entry.rules.map { .rule($0, at: entry.office.id) } }
        })

    static let closures = CatalogueResource(
        collection: "closures", path: "/api/v1/admin/offices/:officeId/closures", idParameter: "closureId", isPerOffice: true,
        read: { office in CatalogueItemBodies.closure(at: office ?? "") }, reference: { id, office in .closure(id, at: office ?? "") },
        items: { document, office in
            document.offices.first { $0.office.id == office }.map { entry in entry.closures.map { .closure($0, at: entry.office.id) } }
        })
}

extension CatalogueEdit.Reference {
    /// The item's own id, as its address and its body name it.
    var id: String {
        switch self {
        case .municipality(let id): id.rawValue
        case .service(let id): id.rawValue
        case .office(let id): id.rawValue
        case .rule(let id, _), .closure(let id, _): id
        }
    }
}
