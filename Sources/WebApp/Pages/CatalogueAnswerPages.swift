import Core
import HTTPServer
import Scheduling
import Templating

/// Answers to a caller's questions about a service, from the catalogue:
/// what it is, what to bring, what it costs, how long it takes, and for each
/// office of the agent's municipalities that offers it, the address, the
/// opening hours and when it takes visitors without an appointment.
extension Pages {
    static let catalogueAnswersPath = "/konsole/auskunft"

    func registerCatalogueAnswers(on builder: RouterBuilder) {
        get(builder, Self.catalogueAnswersPath, roles: Self.consoleRoles) { page, account in
            let catalogue = try catalogue()
            let served = municipalities(of: account, catalogue: catalogue)
            let offices = served.flatMap { catalogue.offices(in: $0.id) }
            let services = catalogue.services.filter { service in offices.contains { catalogue.setup($0.id)?.service(service.id) != nil } }
            let chosen = page.fieldID("service").flatMap { (id: ServiceID) in services.first { $0.id == id } }
            if page.field("service") != nil, chosen == nil { throw PageFailure.notFound }
            var values: TemplateValue = [
                "action": .string(Self.catalogueAnswersPath),
                "services": TemplateValue(services) { service in
                    ["id": .string(service.id), "name": .string(service.texts(in: page.language).name), "selected": .bool(service.id == chosen?.id)]
                },
                "consoleHref": .string(Self.consolePath),
            ]
            if let service = chosen {
                let offering = offices.filter { catalogue.setup($0.id)?.service(service.id) != nil }
                let texts = service.texts(in: page.language)
                values.set("service", [
                    "name": .string(texts.name),
                    "description": .string(texts.description),
                    "fee": .string(CitizenFormat.fee(cents: service.feeCents, page.texts)),
                    "duration": .string(page.texts.format("service.durationValue", ["minutes": String(service.baseMinutes)])),
                    "documents": TemplateValue(texts.documents) { .string($0) },
                    "hasDocuments": .bool(!texts.documents.isEmpty),
                    "offices": try TemplateValue(offering) { office in
                        // Each office's hours from its own today, in its own zone.
                        let today = try time.today(office: office.id)
                        let format = page.format(in: try zone(office.id))
                        let setup = catalogue.setup(office.id)
                        let rules = (setup?.rules ?? []).filter { rule in
                            rule.validUntil.map { $0 >= today } ?? true
                        }
                        let channels = setup?.channels(for: service.id) ?? []
                        return [
                            "id": .string("office-\(office.id)"),
                            "name": .string(office.name),
                            "municipality": .string(catalogue.municipalities.first { $0.id == office.municipalityId }?.name ?? ""),
                            "address": .string(office.address.singleLine),
                            "hours": TemplateValue(Self.bands(rules, format: format)) { .string($0) },
                            "walkIn": .string(walkInHint(setup, today: today, format: format)),
                            "byPhone": .string(page.texts.text(channels.contains(.phone) ? "catalogueAnswers.byPhone"
                                                               : "catalogueAnswers.notByPhone")),
                        ]
                    },
                ])
            } else {
                values.set("service", .null)
            }
            return try render("pages/console-catalogue", values, page)
        }
    }
}
