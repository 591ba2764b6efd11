import Core
import Scheduling

/// The bodies of `/api/v1/admin/…` (docs/api.md, "The catalogue"): each
/// item is exactly its object in the catalogue file, read by the file's
/// own readers (`CatalogueFile`), so the API, the pages and the file share
/// one set of types, ranges and unknown keys. Two differences, both for
/// what has an address of its own: a service carries its offerings as
/// `offices: [{office, channels}]`, and an office refuses `services`,
/// `rules` and `closures` (its offerings are the services', its rules and
/// closures have their own routes).
enum CatalogueItemBodies {
    static func municipality(_ body: JSONFields) -> CatalogueEdit.Item {
        .municipality(CatalogueFile.municipality(body))
    }

    static func service(_ body: JSONFields) -> CatalogueEdit.Item {
        let service = CatalogueFile.service(body.without(["offices"]))
        var offeredAt: [OfficeID: Set<Channel>] = [:]
        for (office, channels) in body.array("offices", required: false, offering) {
            if offeredAt[office] != nil { body.fail("offices", "names office \"\(office)\" twice") }
            offeredAt[office] = channels
        }
        return .service(service, offeredAt: offeredAt)
    }

    static func office(_ body: JSONFields) -> CatalogueEdit.Item {
        for (member, route) in [("services", "/api/v1/admin/services"), ("rules", "/api/v1/admin/offices/{id}/rules"),
                                ("closures", "/api/v1/admin/offices/{id}/closures")] where body.has(member) {
            body.fail(member, "is not changed with the office: use \(route)")
        }
        return .office(CatalogueFile.office(body.without(["services", "rules", "closures"])))
    }

    static func rule(at office: OfficeID) -> (JSONFields) -> CatalogueEdit.Item {
        { body in .rule(CatalogueFile.rule(body, office: office), at: office) }
    }

    static func closure(at office: OfficeID) -> (JSONFields) -> CatalogueEdit.Item {
        { body in .closure(CatalogueFile.closure(body, office: office), at: office) }
    }

    /// One office of a service's `offices`: the file's offering, whose
    /// channels the file's reader reads, with the office named in place of
    /// the service (the reader is given a stand-in service id it does not keep).
    private static func offering(_ fields: JSONFields) -> (OfficeID, Set<Channel>) {
        let office = OfficeID(fields.string("office", format: .identifier))
        let channels = CatalogueFile.offering(fields.without(["office"]).adding("service", .string("service"))).channels
        return (office, channels)
    }

    /// The item as the file writes it, so a saved item reads back as sent.
    static func json(_ item: CatalogueEdit.Item) -> JSONValue {
        switch item {
        case .municipality(let municipality):
            CatalogueFile.json(CatalogueDocument(municipalities: [municipality], services: [], offices: []))
                .objectValue?["municipalities"]?.arrayValue?.first ?? .null
        case .service(let service, let offeredAt):
            Self.service(service, offeredAt: offeredAt)
        case .office(let entry):
            Self.office(entry)
        case .rule(let rule, _): CatalogueFile.json(rule)
        case .closure(let closure, _): CatalogueFile.json(closure)
        }
    }

    static func service(_ service: Service, offeredAt: [OfficeID: Set<Channel>]) -> JSONValue {
        var object = CatalogueFile.json(service).objectValue ?? [:]
        object["offices"] = .array(offeredAt.sorted { $0.key < $1.key }.map { office, channels in
            .object(["office": .string(office.rawValue), "channels": .array(channels.map(\.rawValue).sorted().map(JSONValue.string))])
        })
        return .object(object)
    }

    /// An office's own fields and policy, without what has routes of its own.
    static func office(_ entry: CatalogueDocument.OfficeEntry) -> JSONValue {
        var object = CatalogueFile.json(entry).objectValue ?? [:]
        for member in ["services", "rules", "closures"] { object[member] = nil }
        return .object(object)
    }
}

extension JSONFields {
    /// A reader of this object without `members`, reporting into the same
    /// errors at the same paths: for a file reader that would call them unknown.
    func without(_ members: Set<String>) -> JSONFields {
        JSONFields(object: JSONObject(object.filter { !members.contains($0.key) }.map { ($0.key, $0.value) }),
                   path: path, sink: sink, muted: muted)
    }

    /// This object with one member more.
    func adding(_ name: String, _ value: JSONValue) -> JSONFields {
        var object = object
        object[name] = value
        return JSONFields(object: object, path: path, sink: sink, muted: muted)
    }
}
