import Core
import Scheduling
import Templating

/// A service on the admin pages: its fields in German and English, and
/// which of the admin's offices offer it through which channels (a
/// checkbox per office and channel, `offer-<officeId>` = channel).
struct ServiceForm: CatalogueItemForm {
    static let segment = "dienstleistungen"
    static let texts = "catalogue.service"
    static let listKey = "services"
    /// "Offered by no office" is the item's problem as a whole.
    static let wholeItemField = "offers"

    static func reference(_ id: String) -> CatalogueEdit.Reference { .service(ServiceID(id)) }

    static func groups(_ visible: CatalogueDocument, _ texts: TextCatalogue) -> [(legend: String?, fields: [CatalogueFormField])] {
        [
            (nil, [
                CatalogueFormField("id", hint: true), CatalogueFormField("leikaKey", kind: .text, hint: true),
                CatalogueFormField("name"), CatalogueFormField("description", kind: .longText),
                CatalogueFormField("documents", kind: .lines, hint: true),
            ]),
            ("catalogue.service.timeLegend", [
                CatalogueFormField("baseMinutes", kind: .number, hint: true),
                CatalogueFormField("minutesPerExtraUnit", kind: .number, hint: true),
                CatalogueFormField("maxQuantity", kind: .number, hint: true),
                CatalogueFormField("fee", "feeCents", kind: .euros, hint: true),
            ]),
            ("catalogue.service.englishLegend", [
                CatalogueFormField("nameEn", "translations.en.name", kind: .text),
                CatalogueFormField("descriptionEn", "translations.en.description", kind: .optionalLongText),
                CatalogueFormField("documentsEn", "translations.en.documents", kind: .optionalLines, hint: true),
            ]),
        ]
    }

    static func item(_ object: JSONValue, _ form: CatalogueFormValues, visible: CatalogueDocument) -> Result<CatalogueEdit.Item, FieldErrors> {
        JSONFields.decode(object) { CatalogueFile.service($0) }.map { service in
            var offeredAt: [OfficeID: Set<Channel>] = [:]
            for entry in visible.offices {
                let channels = Set(form.all(offerField(entry.office.id)).compactMap(Channel.init(rawValue:)))
                if !channels.isEmpty { offeredAt[entry.office.id] = channels }
            }
            return .service(service, offeredAt: offeredAt)
        }
    }

    static func extraValues(_ id: String, in visible: CatalogueDocument) -> [(String, String)] {
        visible.offices.flatMap { entry in
            entry.offerings.filter { $0.serviceId.rawValue == id }.flatMap { offering in
                offering.channels.sorted().map { (offerField(entry.office.id), $0.rawValue) }
            }
        }
    }

    /// A checkbox per office the admin reaches and channel.
    static func extras(_ visible: CatalogueDocument, _ form: CatalogueFormValues, _ texts: TextCatalogue) -> TemplateValue {
        .list(visible.offices.map { entry in
            let name = offerField(entry.office.id)
            let chosen = Set(form.all(name))
            return [
                "office": .string(entry.office.name),
                "channels": .list(Channel.allCases.map { channel in
                    ["id": .string("\(name)-\(channel.rawValue)"), "name": .string(name), "value": .string(channel.rawValue),
                     "label": .string(texts.channelName(channel)),
                     "checked": .bool(chosen.contains(channel.rawValue))]
                }),
            ]
        })
    }

    private static func offerField(_ officeId: OfficeID) -> String { "offer-\(officeId)" }
}
