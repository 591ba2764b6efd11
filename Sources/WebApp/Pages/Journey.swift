import Core
import Scheduling
import Templating

/// Where a citizen is in booking one service: what the address and the
/// hidden fields carry from step to step instead of a server session —
/// service (in the path), office, quantity, date, start, and the hold with
/// its expiry. Read afresh and checked against the catalogue on every step:
/// nothing in it is trusted, the use cases decide again.
struct Journey {
    /// The steps in the order a citizen takes them.
    enum Step: String, CaseIterable {
        case office = "standort", quantity = "anzahl", day = "tag", time = "zeit", details = "angaben", book = "buchen"

        /// The steps that come before this one.
        var earlier: [Step] { Array(Self.allCases.prefix { $0 != self }) }
    }

    let service: Service
    /// The service's name and documents in the page's language.
    let serviceTexts: ServiceTexts
    var office: Office?
    /// The chosen office's zone: the journey's start is written in it.
    var zone: TimeZoneRules?
    /// Nil until chosen, when the service allows more than one.
    var quantity: Int?
    var date: LocalDate?
    var start: Instant?
    var holdId: String?
    var holdExpires: Instant?

    static func path(_ serviceId: ServiceID, _ step: Step) -> String { "/termin/\(serviceId)/\(step.rawValue)" }

    /// The journey of this request: the service of the path (404 when there
    /// is none), and whatever else is there and valid.
    init(_ page: PageRequest, catalogue: Catalogue) throws {
        guard let service = catalogue.service(page.parameterID("serviceId")) else { throw PageFailure.notFound }
        self.service = service
        serviceTexts = service.texts(in: page.language)
        if let id: OfficeID = page.fieldID("office"), Self.isBookableOnline(service.id, at: id, catalogue: catalogue) {
            office = catalogue.office(id)
            zone = catalogue.setup(id)?.timeZone
        }
        if service.maxQuantity <= 1 {
            quantity = 1
        } else if let text = page.field("quantity"), let value = Int(text), service.allowedQuantities.contains(value) {
            quantity = value
        }
        date = page.field("date").flatMap(LocalDate.init)
        start = page.field("start").flatMap(RFC3339.parse)
        holdId = page.field("hold").flatMap { FieldFormat.opaqueId.matches($0) ? $0 : nil }
        holdExpires = page.field("expires").flatMap { Int64($0) }.map(Instant.init(secondsSinceEpoch:))
    }

    static func isBookableOnline(_ serviceId: ServiceID, at officeId: OfficeID, catalogue: Catalogue) -> Bool {
        catalogue.setup(officeId)?.channels(for: serviceId).contains(.online) ?? false
    }

    /// Offices where citizens can book this service online, in catalogue order.
    static func offices(for serviceId: ServiceID, catalogue: Catalogue) -> [Office] {
        catalogue.offices(offering: serviceId).filter { isBookableOnline(serviceId, at: $0.id, catalogue: catalogue) }
    }

    var asksQuantity: Bool { service.maxQuantity > 1 }

    var requested: [RequestedService] { [RequestedService(serviceId: service.id, quantity: quantity ?? 1)] }

    /// The parameters a step needs from the steps before it. The hold
    /// travels from the time onwards, also back to the day and the times,
    /// so that choosing again gives it back instead of competing with it.
    func pairs(for step: Step) -> [(String, String?)] {
        let index = step.earlier.count
        var pairs: [(String, String?)] = []
        if index > 0 { pairs.append(("office", office?.id.rawValue)) }
        if index > 1, asksQuantity { pairs.append(("quantity", quantity.map(String.init))) }
        if index > 2 { pairs.append(("date", date?.description)) }
        // Without an office (a hand-edited address, on its way back to the first step) the instant in UTC.
        if index > 3 { pairs.append(("start", start.map { RFC3339.format($0, in: zone ?? .utc) })) }
        if index > 1 { pairs.append(("hold", holdId)) }
        if index > 3 { pairs.append(("expires", holdExpires.map { String($0.secondsSinceEpoch) })) }
        return pairs
    }

    func link(_ step: Step, extra: [(String, String?)] = []) -> String {
        PageLink.make(Self.path(service.id, step), pairs(for: step) + extra)
    }

    /// The same parameters as hidden fields of a form that posts to `step`.
    func hiddenFields(for step: Step) -> [TemplateValue] {
        pairs(for: step).compactMap { name, value in value.map { ["name": .string(name), "value": .string($0)] } }
    }

    /// Throws a redirect to the first earlier step whose answer is missing,
    /// so a shortened or hand-edited address leads back into the journey.
    func require(_ step: Step) throws {
        for earlier in step.earlier {
            let missing: Bool
            switch earlier {
            case .office: missing = office == nil
            case .quantity: missing = quantity == nil
            case .day: missing = date == nil
            case .time: missing = start == nil
            case .details, .book: missing = false
            }
            if missing { throw PageFailure.redirect(link(earlier)) }
        }
    }

    /// The office and the day chosen before the time step; a journey
    /// without them goes back to the first step missing.
    /// The office, for the steps after it; back to the first step without one.
    func chosenOffice(for step: Step) throws -> Office {
        try require(step)
        guard let office else { throw PageFailure.redirect(link(.office)) }
        return office
    }

    /// The office and the start, for the steps after the time.
    func chosenStart(for step: Step) throws -> (office: Office, start: Instant) {
        let office = try chosenOffice(for: step)
        guard let start else { throw PageFailure.redirect(link(.time)) }
        return (office, start)
    }

    func chosenDay() throws -> (office: Office, date: LocalDate) {
        try require(.time)
        guard let office else { throw PageFailure.redirect(link(.office)) }
        guard let date else { throw PageFailure.redirect(link(.day)) }
        return (office, date)
    }
}
