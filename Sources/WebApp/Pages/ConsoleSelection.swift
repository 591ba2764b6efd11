import Core
import HTTPServer
import Scheduling
import Templating

/// What a caller asks for, as the console's forms carry it: the caller's
/// municipality, one or more services, and for how many persons or
/// vehicles. Read afresh from the query (GET) or the form (POST) every time;
/// a municipality the agent does not serve is refused with the 403 page.
struct ConsoleSelection {
    var municipality: Municipality?
    var services: [Service] = []
    var quantity = 1

    init(_ page: PageRequest, account: Account, municipalities: [Municipality], catalogue: Catalogue) throws {
        let fields = page.isPost ? page.formFields : page.http.head.query.map { FormDecoding.pairs($0) } ?? []
        if let id: MunicipalityID = page.fieldID("municipality") {
            guard catalogue.municipalities.contains(where: { $0.id == id }) else { throw PageFailure.notFound }
            guard let served = municipalities.first(where: { $0.id == id }) else { throw PageFailure.forbidden }
            municipality = served
        } else if municipalities.count == 1 {
            municipality = municipalities[0]
        }
        var seen: Set<String> = []
        for (name, value) in fields where name == "services" && seen.insert(value).inserted {
            if let service = catalogue.service(ServiceID(value)) { services.append(service) }
        }
        services = Array(services.prefix(10))
        if let text = page.field("quantity"), let value = Int(text), (1...maxQuantity).contains(value) { quantity = value }
    }

    /// The most persons or vehicles every chosen service takes.
    var maxQuantity: Int { max(1, services.map(\.maxQuantity).min() ?? 1) }

    var isComplete: Bool { municipality != nil && !services.isEmpty }

    var requested: [RequestedService] { services.map { RequestedService(serviceId: $0.id, quantity: quantity) } }

    /// The offices of the municipality where the phone channel books every chosen service.
    func offices(_ catalogue: Catalogue) -> [Office] {
        guard let municipality else { return [] }
        return catalogue.offices(in: municipality.id).filter { office in
            guard let setup = catalogue.setup(office.id) else { return false }
            return services.allSatisfy { setup.channels(for: $0.id).contains(.phone) }
        }
    }

    /// The selection as query pairs (links) and hidden fields (forms).
    var pairs: [(String, String?)] {
        [("municipality", municipality?.id.rawValue)] + services.map { ("services", $0.id.rawValue) } + [("quantity", String(quantity))]
    }

    var hiddenFields: [TemplateValue] {
        pairs.compactMap { name, value in value.map { ["name": .string(name), "value": .string($0)] } }
    }

    /// "Personalausweis, Reisepass (für 2)".
    func summary(_ page: PageRequest) -> String {
        let names = services.map { $0.texts(in: page.language).name }.joined(separator: ", ")
        return quantity > 1 ? page.texts.format("appointment.serviceTimes", ["service": names, "count": String(quantity)]) : names
    }
}
