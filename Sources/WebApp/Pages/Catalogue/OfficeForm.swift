import Core
import Scheduling
import Templating

/// An office on the admin pages: its own fields and its booking policy on
/// one form. Its offerings, rules and closures are kept as they are.
struct OfficeForm: CatalogueItemForm {
    static let segment = "standorte"
    static let texts = "catalogue.office"
    static let listKey = "offices"
    static let wholeItemField = "name"

    static func reference(_ id: String) -> CatalogueEdit.Reference { .office(OfficeID(id)) }

    static func groups(_ visible: CatalogueDocument, _ texts: TextCatalogue) -> [(legend: String?, fields: [CatalogueFormField])] {
        let municipalities = visible.municipalities.map { (value: $0.id.rawValue, label: $0.name) }
        let kinds = OfficeKind.allCases.map { (value: $0.rawValue, label: texts.text("catalogue.office.kinds.\($0.rawValue)")) }
        let lands = Land.allCases.map { (value: $0.rawValue, label: $0.germanName) }
        return [
            (nil, [
                CatalogueFormField("id", hint: true), CatalogueFormField("municipality", kind: .choice(municipalities)),
                CatalogueFormField("name"), CatalogueFormField("kind", kind: .choice(kinds)),
                CatalogueFormField("mailbox", kind: .text, hint: true),
            ]),
            ("catalogue.office.addressLegend", [
                CatalogueFormField("street", "address.street"), CatalogueFormField("postalCode", "address.postalCode"),
                CatalogueFormField("city", "address.city"),
            ]),
            ("catalogue.office.placeLegend", [
                CatalogueFormField("land", kind: .choice(lands), hint: true), CatalogueFormField("timeZone", hint: true),
                CatalogueFormField("observesPublicHolidays", kind: .flag),
            ]),
            ("catalogue.office.policyLegend", [
                "minNoticeMinutes", "horizonDays", "releaseTime", "holdMinutes", "cancelCooldownMinutes", "maxActiveBookingsPerContact",
                "phoneReleaseHours", "maxLiveHolds", "maxHoldsPerWindow", "holdWindowMinutes",
            ].map { CatalogueFormField($0, "policy." + $0, kind: $0 == "releaseTime" ? .requiredText : .number, hint: true) }),
            ("catalogue.office.messagesLegend", [
                CatalogueFormField("confirmationRequired", "policy.confirmationRequired", kind: .flag, hint: true),
                CatalogueFormField("confirmationMinutes", "policy.confirmationMinutes", kind: .number, hint: true),
                CatalogueFormField("reminderHours", "policy.reminderHours", kind: .number, hint: true),
            ]),
        ]
    }

    static func item(_ object: JSONValue, _ form: CatalogueFormValues, visible: CatalogueDocument) -> Result<CatalogueEdit.Item, FieldErrors> {
        JSONFields.decode(object) { CatalogueFile.office($0) }.map { .office($0) }
    }

    /// A new office's form: the policy every office starts with, public holidays observed.
    static func blank(fields: [CatalogueFormField]) -> CatalogueFormValues {
        let entry = CatalogueDocument.OfficeEntry(
            office: Office(id: "", name: "", kind: .citizensOffice, municipalityId: "", address: Address(street: "", postalCode: "", city: ""),
                           land: .bremen),
            policy: BookingPolicy(), observesPublicHolidays: true, offerings: [], rules: [], closures: [])
        return values(of: "", in: CatalogueDocument(municipalities: [], services: [], offices: [entry]), fields: fields) ?? CatalogueFormValues([])
    }
}
