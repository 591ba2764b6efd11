import Core
import HTTPServer
import Scheduling

/// The catalogue for administrators (docs/api.md, "The catalogue"): the
/// whole of it as a catalogue file, and municipalities, services, offices,
/// opening rules and closures one by one. Each route calls
/// `CatalogueAdministration` once; what an admin reaches, what a change may
/// do and what it strands are its questions. Every change may be asked
/// first with `?preview=true`: the same route, body and checks, answered
/// 200 with what it would do, and nothing written.
extension API {
    /// Up to 1 MiB for a whole catalogue: the demo's is some 40 KiB.
    static let catalogueFileOptions = RouteOptions(maxBodyBytes: 1024 * 1024)

    func registerCatalogueAdministration(on routes: APIRoutes) {
        let admins = Audience.allowed(to: .administerCatalogue)
        routes.get("/api/v1/admin/catalogue", admins) { request in
            try CatalogueAdministrationProblems.answer {
                let document = try catalogueAdministration.catalogue(for: request.account)
                return .json(CatalogueFile.json(document.sorted), reservingCapacity: 64 * 1024)
            }
        }
        routes.put("/api/v1/admin/catalogue", admins, options: Self.catalogueFileOptions) { request in
            try CatalogueAdministrationProblems.answer {
                let document = try request.http.decodeJSON(CatalogueFile.document)
                return try change(.replace(document), request)
            }
        }
        for resource in CatalogueResource.all { registerCatalogueItems(resource, on: routes, for: admins) }
    }

    /// The five routes of one kind of item: list, add, read, change, remove.
    private func registerCatalogueItems(_ resource: CatalogueResource, on routes: APIRoutes, for admins: Audience) {
        let item = resource.path + "/:" + resource.idParameter
        routes.get(resource.path, admins) { request in
            try CatalogueAdministrationProblems.answer {
                let items = try items(resource, request)
                return .json([resource.collection: .array(items.map(CatalogueItemBodies.json))], reservingCapacity: 1024 * max(1, items.count))
            }
        }
        routes.post(resource.path, admins) { request in
            try CatalogueAdministrationProblems.answer {
                let added = try request.http.decodeJSON(resource.read(resource.office(of: request.http)))
                return try change(.add(added), request, item: added, location: request.http.path + "/" + added.reference.id)
            }
        }
        routes.get(item, admins) { request in
            try CatalogueAdministrationProblems.answer {
                let id = request.http.parameter(resource.idParameter) ?? ""
                guard let found = try items(resource, request).first(where: { $0.reference.id == id }) else {
                    throw Problem.notFound("There is no such item that you administer.")
                }
                return .json(CatalogueItemBodies.json(found))
            }
        }
        routes.put(item, admins) { request in
            try CatalogueAdministrationProblems.answer {
                let id = request.http.parameter(resource.idParameter) ?? ""
                let changed = try request.http.decodeJSON { body in
                    let item = resource.read(resource.office(of: request.http))(body)
                    if !body.hasErrors, item.reference.id != id { body.fail("id", "must be \(id), the id in the address") }
                    return item
                }
                return try change(.change(changed), request, item: changed)
            }
        }
        routes.delete(item, admins) { request in
            try CatalogueAdministrationProblems.answer {
                let id = request.http.parameter(resource.idParameter) ?? ""
                return try change(.remove(resource.reference(id, resource.office(of: request.http))), request)
            }
        }
    }

    /// The items of `resource` the admin reaches (at the address's office); 404 for an office it does not.
    private func items(_ resource: CatalogueResource, _ request: SignedInRequest) throws -> [CatalogueEdit.Item] {
        let document = try catalogueAdministration.catalogue(for: request.account)
        guard let items = resource.items(document, resource.office(of: request.http)) else {
            throw Problem.notFound("There is no such office that you administer.")
        }
        return items
    }

    /// Previews or saves `edit`: with `?preview=true` 200 and what it would
    /// do; else the saved item (201 at `location` for a new one), the
    /// revision, its changes and the bookings it put on the "to contact" list.
    private func change(_ edit: CatalogueEdit, _ request: SignedInRequest, item: CatalogueEdit.Item? = nil,
                        location: String? = nil) throws -> HTTPResponse {
        var query = QueryParameters(request.http)
        let isPreview = query.flag("preview")
        let weekFrom = query.date("weekFrom", required: false)
        try query.check()
        if isPreview {
            let preview = try catalogueAdministration.preview(edit, by: request.account, weekFrom: weekFrom)
            return .json(try Representations.preview(preview, zone: zone), reservingCapacity: 4096)
        }
        let idempotency = try Self.idempotencyKey(of: request.http, account: request.account,
                                                  operation: "\(request.http.method) \(request.http.path)")
        let outcome = try catalogueAdministration.save(edit, by: request.account, idempotency: idempotency).value
        var answer = try Representations.outcome(outcome, zone: zone)
        answer.set("item", ifPresent: item.map(CatalogueItemBodies.json))
        guard let location else { return .json(.object(answer), reservingCapacity: 4096) }
        return .json(.object(answer), status: .created, headers: ["Location": location], reservingCapacity: 4096)
    }
}

/// How `CatalogueAdministration.Refusal` reads as a problem: outside the
/// admin's reach 403, unknown (or beyond reach) 404, an id taken 409, what
/// bookings or accounts still name 409, a catalogue it would break 422
/// with every problem by its field (the edited item's relative to it, the
/// rest by their path in the catalogue file).
enum CatalogueAdministrationProblems {
    static func answer(_ body: () throws -> HTTPResponse) throws -> HTTPResponse {
        do {
            return try body()
        } catch let refusal as CatalogueAdministration.Refusal {
            switch refusal {
            case .forbidden:
                throw Problem.forbidden("Your account may not make this change: it concerns what lies outside your municipalities.")
            case .mismatch(.notFound(let reference)): throw Problem.notFound("There is no \(reference) that you administer.")
            case .mismatch(.exists(let reference)): throw Problem.conflict("There is already a \(reference).")
            case .stillNamed(let names):
                throw Problem.conflict("Still named by bookings or accounts, so not removed: " + names.joined(separator: "; ") + ".")
            case .invalid(let problems):
                throw Problem.invalidValues((problems.item + problems.elsewhere).map { FieldError(field: $0.path, message: $0.message) },
                                            detail: "The catalogue would not be valid with this change; see errors.")
            }
        } catch let error as BookingError {
            throw BookingProblems.problem(for: error)  // an Idempotency-Key used for another body
        }
    }
}
