import Core
import Foundation
import HTTPServer
import Scheduling
import Templating

/// The start page (choose or search a service, grouped by the kind of
/// office that offers it) and the page of one service (what it is, what to
/// bring, the fee, where it is offered).
extension Pages {
    /// The groups of the start page, in this order, by the kind of the first
    /// office offering a service.
    static let groupOrder: [OfficeKind] = [.citizensOffice, .vehicleRegistration, .drivingLicence, .mobile]

    func registerStart(on builder: RouterBuilder) {
        get(builder, "/") { page in try startPage(page) }
        get(builder, "/dienstleistungen/:serviceId") { page in try servicePage(page) }
    }

    func startPage(_ page: PageRequest) throws -> HTTPResponse {
        let catalogue = try catalogue()
        let search = page.field("q").map { String($0.prefix(100)) }
        let matching = catalogue.services.filter { service in
            guard let search else { return true }
            let texts = service.texts(in: page.language)
            return Self.matches(search, texts.name) || Self.matches(search, texts.description)
        }
        var groups: [TemplateValue] = []
        for kind in Self.groupOrder {
            let services = matching.filter { catalogue.offices(offering: $0.id).first?.kind == kind }
            guard !services.isEmpty else { continue }
            groups.append([
                "heading": .string(page.texts.text("start.group.\(kind.rawValue)")),
                "id": .string("group-\(kind.rawValue)"),
                "services": TemplateValue(services) { service in
                    let texts = service.texts(in: page.language)
                    return ["name": .string(texts.name), "href": .string("/dienstleistungen/\(service.id)"),
                            "summary": .string(Self.firstSentence(texts.description))]
                },
            ])
        }
        let values: TemplateValue = [
            "search": TemplateValue(search),
            "resultCount": search.map { .string(page.texts.format("start.results", ["count": String(matching.count), "query": $0])) }
                ?? .null,
            "groups": .list(groups),
            "noResults": .bool(groups.isEmpty),
        ]
        return try render("pages/start", values, page)
    }

    func servicePage(_ page: PageRequest) throws -> HTTPResponse {
        let catalogue = try catalogue()
        guard let service = catalogue.service(page.parameterID("serviceId")) else { throw PageFailure.notFound }
        let offices = catalogue.offices(offering: service.id)
        let online = Journey.offices(for: service.id, catalogue: catalogue)
        let texts = service.texts(in: page.language)
        let values: TemplateValue = [
            "service": ["name": .string(texts.name), "description": .string(texts.description)],
            "fee": .string(CitizenFormat.fee(cents: service.feeCents, page.texts)),
            "duration": .string(page.texts.format("service.durationValue", ["minutes": String(service.baseMinutes)])),
            "documents": TemplateValue(texts.documents) { .string($0) },
            "hasDocuments": .bool(!texts.documents.isEmpty),
            "offices": TemplateValue(offices) { office in
                ["name": .string(office.name), "address": .string(office.address.singleLine),
                 "online": .bool(online.contains(office))]
            },
            "startHref": online.isEmpty ? .null : .string(Journey.path(service.id, .office)),
        ]
        return try render("pages/service", values, page)
    }

    /// Case- and accent-blind, so "fuhrerschein" finds "Führerschein".
    static func matches(_ search: String, _ text: String) -> Bool {
        text.range(of: search, options: [.caseInsensitive, .diacriticInsensitive]) != nil
            || text.range(of: search.replacingOccurrences(of: "ue", with: "ü").replacingOccurrences(of: "ae", with: "ä")
                .replacingOccurrences(of: "oe", with: "ö"), options: [.caseInsensitive]) != nil
    }

    /// The description up to its first full stop: enough for a list.
    static func firstSentence(_ text: String) -> String {
        guard let end = text.range(of: ". ") else { return text }
        return String(text[..<end.lowerBound]) + "."
    }
}

/// The pages the footer links to on every page: legal notice and the
/// accessibility statement (BITV 2.0 requires one), texts from the
/// catalogues like everything else; privacy has a page of its own
/// (`registerPrivacy`), made from the catalogue.
extension Pages {
    static let informationPages = [("impressum", "imprint"), ("barrierefreiheit", "accessibility")]

    func registerInformation(on builder: RouterBuilder) {
        for (path, key) in Self.informationPages {
            get(builder, "/" + path) { page in
                let texts = page.texts
                let paragraphs = texts.keys.filter { $0.hasPrefix("info.\(key).paragraph") }.sorted()
                let values: TemplateValue = [
                    "heading": .string(texts.text("info.\(key).heading")),
                    "paragraphs": TemplateValue(paragraphs) { .string(texts.text($0)) },
                ]
                return try render("pages/information", values, page)
            }
        }
    }
}
