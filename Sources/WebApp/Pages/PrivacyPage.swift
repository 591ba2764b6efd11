import Core
import HTTPServer
import Scheduling
import Templating

/// The privacy statement (`/datenschutz`, Art. 13 DSGVO), from the
/// catalogue rather than fixed text, so it says what this deployment does:
/// for each municipality who operates the service and its data protection
/// officer, and how long it keeps an appointment's data (its
/// `retentionDays`); then what is stored and why, the fixed periods, and
/// the citizen's rights.
extension Pages {
    /// The periods the retention sweep keeps to whatever the municipality,
    /// as issue 15 sets them: the page states them, it decides nothing.
    enum FixedRetention {
        /// A callback or memo is erased at the latest this many days after it was filed.
        static let callCentreMaximumDays = 90
        static let idempotencyHours = 24
        static let sentMailDays = 7
    }

    func registerPrivacy(on builder: RouterBuilder) {
        get(builder, "/datenschutz") { page in try privacyPage(page) }
    }

    private func privacyPage(_ page: PageRequest) throws -> HTTPResponse {
        let texts = page.texts
        let municipalities = try catalogue().municipalities.sorted { $0.name < $1.name }
        let values: TemplateValue = [
            "municipalities": TemplateValue(municipalities) { municipality in
                let days = String(municipality.retentionDays)
                var values: TemplateValue = [
                    "id": .string(municipality.id),
                    "name": .string(municipality.name),
                    "bookingPeriod": .string(texts.format("privacy.bookingPeriod", ["days": days])),
                    "callCentrePeriod": .string(texts.format("privacy.callCentrePeriod", [
                        "days": days, "maxDays": String(FixedRetention.callCentreMaximumDays)])),
                ]
                if let contact = municipality.contact {
                    values.set("contact", [
                        "operator": .string(contact.operatorName),
                        "street": .string(contact.address.street),
                        "city": .string(contact.address.postalCode + " " + contact.address.city),
                        "email": .string(contact.email),
                        "officerName": TemplateValue(contact.privacyOfficer.name),
                        "officerEmail": .string(contact.privacyOfficer.email),
                    ])
                }
                return values
            },
            "idempotencyPeriod": .string(texts.format("privacy.period.idempotency", ["hours": String(FixedRetention.idempotencyHours)])),
            "mailPeriod": .string(texts.format("privacy.period.mail", ["days": String(FixedRetention.sentMailDays)])),
        ]
        return try render("pages/privacy", values, page)
    }
}
