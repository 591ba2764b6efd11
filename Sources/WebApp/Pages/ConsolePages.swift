import Core
import HTTPServer
import Scheduling
import Templating

/// The agent console: one screen for one call. The agent picks the
/// caller's municipality, the services and how many; the console shows the
/// next free times of every office of that municipality side by side (phone
/// channel: the phone reserve is open to it) and books one of them with the
/// caller's name and phone or e-mail (`ConsoleBooking.swift`). Plain GET
/// forms and one POST: it works without JavaScript.
extension Pages {
    static let consolePath = "/konsole"
    static let consoleRoles = Account.Role.allowed(to: .useConsole)
    /// Days with free times shown per office, and times per day.
    static let consoleDays = 2, consoleTimesPerDay = 8

    func registerConsole(on builder: RouterBuilder) {
        get(builder, Self.consolePath, roles: Self.consoleRoles) { page, account in
            try consolePage(page, account: account, contact: ContactForm(), errors: FormErrors())
        }
    }

    /// The console, with the times when the selection is complete, and
    /// `errors` of a refused booking next to their fields; `existingHref`,
    /// beside the contact's, the booking the caller already has then.
    func consolePage(_ page: PageRequest, account: Account, contact: ContactForm, errors: FormErrors,
                     status: HTTPStatus = .ok, chosen: String? = nil, existingHref: String? = nil) throws -> HTTPResponse {
        let catalogue = try catalogue()
        let served = municipalities(of: account, catalogue: catalogue)
        let selection = try ConsoleSelection(page, account: account, municipalities: served, catalogue: catalogue)
        let from = page.field("from").flatMap(LocalDate.init)
        var values: TemplateValue = [
            "municipalities": TemplateValue(served) { municipality in
                ["id": .string(municipality.id), "name": .string(municipality.name),
                 "selected": .bool(municipality.id == selection.municipality?.id)]
            },
            "services": TemplateValue(consoleServices(served, catalogue: catalogue)) { service in
                ["id": .string(service.id), "name": .string(service.texts(in: page.language).name),
                 "checked": .bool(selection.services.contains(service)),
                 "hint": .string(page.texts.format("console.serviceHint", [
                     "minutes": String(service.baseMinutes), "max": String(service.maxQuantity)]))]
            },
            "quantities": TemplateValue(Array(1...max(1, catalogue.services.map(\.maxQuantity).max() ?? 1))) { count in
                ["value": .string(String(count)), "selected": .bool(count == selection.quantity)]
            },
            "from": TemplateValue(from?.description),
            "searchAction": .string(Self.bookingsPath),
            "catalogueHref": .string(PageLink.make(Self.catalogueAnswersPath, [("service", selection.services.first?.id.rawValue)])),
            "callbackHref": .string(Self.callbackFormPath),
            "memoHref": .string(Self.memoFormPath),
            "existingHref": TemplateValue(existingHref),
        ]
        if selection.isComplete, let municipality = selection.municipality {
            let offices = try consoleOffices(selection, from: from, chosen: chosen, catalogue: catalogue, page: page)
            values.set("results", [
                "summary": .string(selection.summary(page)),
                "municipality": .string(municipality.name),
                "offices": .list(offices),
                "noOffices": .bool(offices.isEmpty),
                "action": .string(Self.consoleBookPath),
                "hidden": .list(selection.hiddenFields + (from.map { [["name": "from", "value": .string($0.description)]] } ?? [])),
                "contact": contact.templateValue,
                "idempotencyKey": .string(Crypto.base64URL(Crypto.randomBytes(18))),
            ])
        } else {
            values.set("results", .null)
        }
        return try render("pages/console", values, page, status: status, errors: errors,
                          here: PageLink.make(Self.consolePath, selection.pairs))
    }

    /// Services offered somewhere in the municipalities the agent serves.
    private func consoleServices(_ municipalities: [Municipality], catalogue: Catalogue) -> [Service] {
        let ids = Set(municipalities.flatMap { catalogue.offices(in: $0.id) }
            .flatMap { catalogue.setup($0.id)?.offeredServiceIds ?? [] })
        return catalogue.services.filter { ids.contains($0.id) }
    }

    /// One column per office: where it is, when it takes walk-ins, and its
    /// next free times for the phone channel as radios of one group `slot`,
    /// each office's days and times in its own zone.
    private func consoleOffices(_ selection: ConsoleSelection, from: LocalDate?, chosen: String?, catalogue: Catalogue,
                                page: PageRequest) throws -> [TemplateValue] {
        var columns: [TemplateValue] = []
        for office in selection.offices(catalogue) {
            let zone = try zone(office.id)
            let format = page.format(in: zone)
            let today = try time.today(office: office.id)
            let free: [DayAvailability]
            do {
                free = try availability.days(office: office.id, services: selection.requested, from: from, through: nil,
                                             caller: page.identity.caller).days
            } catch BookingError.refused {
                continue
            }
            let days = free.filter { !$0.freeStarts.isEmpty }.prefix(Self.consoleDays)
            columns.append([
                "id": .string(office.id),
                "name": .string(office.name),
                "address": .string(office.address.singleLine),
                "walkIn": .string(walkInHint(catalogue.setup(office.id), today: today, format: format)),
                "noTimes": .bool(days.isEmpty),
                "days": TemplateValue(Array(days)) { day in
                    [
                        "date": .string(format.date(day.date)),
                        "id": .string("\(office.id)-\(day.date)"),
                        "times": TemplateValue(Array(day.freeStarts.prefix(Self.consoleTimesPerDay))) { placement in
                            let value = Self.slotValue(office.id, placement.start, in: zone)
                            return ["value": .string(value), "label": .string(format.time(placement.start)),
                                    "id": .string("slot-\(office.id)-\(placement.start.secondsSinceEpoch)"),
                                    "checked": .bool(value == chosen)]
                        },
                    ]
                },
                "laterHref": .string(PageLink.make(Self.consolePath, selection.pairs
                    + [("from", days.last.map { $0.date.adding(days: 1).description })])),
            ])
        }
        return columns
    }

    /// A free time as one radio value: `officeId|2026-12-01T08:30:00+01:00`.
    static func slotValue(_ officeId: OfficeID, _ start: Instant, in zone: TimeZoneRules) -> String {
        officeId.rawValue + "|" + RFC3339.format(start, in: zone)
    }

    static func parseSlot(_ text: String?) -> (officeId: OfficeID, start: Instant)? {
        guard let text, let bar = text.firstIndex(of: "|"),
              let start = RFC3339.parse(String(text[text.index(after: bar)...])) else { return nil }
        return (OfficeID(String(text[..<bar])), start)
    }
}
