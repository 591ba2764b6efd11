import Core
import HTTPServer
import Scheduling
import Templating

/// The forms of `CallbackPages.swift`, filled in again after a problem:
/// the offices of the agent's municipalities, the services, and for a
/// callback the window in which the caller would like to be called.
extension Pages {
    func callbackForm(_ page: PageRequest, account: Account, errors: FormErrors) throws -> HTTPResponse {
        let catalogue = try catalogue()
        let window = CallbackWindow(page)
        // The days are the chosen office's (else the first offered one's): its today, its calendar.
        let offices = municipalities(of: account, catalogue: catalogue).flatMap { catalogue.offices(in: $0.id) }
        let office = offices.first { $0.id == page.fieldID("office") } ?? offices.first
        let today = try office.map { try time.today(office: $0.id) }
        let format = try office.map { page.format(in: try zone($0.id)) }
        var values = noteFormValues(page, account: account, catalogue: catalogue)
        values.set("services", TemplateValue(catalogue.services) { service in
            ["id": .string(service.id), "name": .string(service.texts(in: page.language).name),
             "selected": .bool(service.id == page.fieldID("service"))]
        })
        let days = today.map { today in (0..<CallbackWindow.daysAhead).map { today.adding(days: $0) } } ?? []
        values.set("days", TemplateValue(days) { date in
            ["value": .string(date.description), "label": .string(format?.date(date) ?? date.description),
             "selected": .bool(date == window.day)]
        })
        values.set("fromTimes", CallbackWindow.timeOptions(selected: window.from))
        values.set("toTimes", CallbackWindow.timeOptions(selected: window.to))
        return try render("pages/console-callback", values, page, status: errors.isEmpty ? .ok : .unprocessableContent,
                          errors: errors, here: Self.callbackFormPath)
    }

    func memoForm(_ page: PageRequest, account: Account, errors: FormErrors) throws -> HTTPResponse {
        let values = noteFormValues(page, account: account, catalogue: try catalogue())
        return try render("pages/console-memo", values, page, status: errors.isEmpty ? .ok : .unprocessableContent,
                          errors: errors, here: Self.memoFormPath)
    }

    /// What both forms share: the offices to choose from, what was typed
    /// (after a problem), the confirmation of the one just filed.
    private func noteFormValues(_ page: PageRequest, account: Account, catalogue: Catalogue) -> TemplateValue {
        let offices = municipalities(of: account, catalogue: catalogue).flatMap { catalogue.offices(in: $0.id) }
        let filed = page.isPost ? nil : page.fieldID("angelegt").flatMap { (id: OfficeID) in offices.first { $0.id == id } }
        // After a problem the form shows what was typed; after filing, it is empty for the next call.
        let typed: (String) -> TemplateValue = { name in .string(page.isPost ? (page.form[name] ?? "") : "") }
        return [
            "filed": TemplateValue(filed?.name),
            "offices": TemplateValue(offices) { office in
                ["id": .string(office.id), "name": .string(office.name),
                 "selected": .bool(page.isPost && office.id == page.fieldID("office"))]
            },
            "values": ["name": typed("name"), "phone": typed("phone"), "topic": typed("topic"), "note": typed("note"),
                       "subject": typed("subject"), "text": typed("text"), "contact": typed("contact")],
            "idempotencyKey": .string(Crypto.base64URL(Crypto.randomBytes(18))),
            "consoleHref": .string(Self.consolePath),
        ]
    }
}

/// When the caller would like to be called back: a day and a time band,
/// chosen from lists (no typing of dates on the phone), in the offices'
/// office's local time. No day and no times means no preference.
struct CallbackWindow {
    static let daysAhead = 14
    let day: LocalDate?
    let from: LocalTime?
    let to: LocalTime?

    init(_ page: PageRequest) {
        day = page.field("windowDay").flatMap(LocalDate.init)
        from = page.field("windowFrom").flatMap(LocalTime.init)
        to = page.field("windowTo").flatMap(LocalTime.init)
    }

    /// The text key of what is wrong, or nil.
    var problem: String? {
        let given = [day != nil, from != nil, to != nil]
        return given.contains(true) && given.contains(false) ? "notes.error.windowIncomplete" : nil
    }

    /// The window as instants, read in the zone of the office that calls back.
    func preferredTime(in zone: TimeZoneRules) -> PreferredTime? {
        guard let day, let from, let to, let start = zone.instant(on: day, at: from),
              let end = zone.instant(on: day, at: to) else { return nil }
        return PreferredTime(from: start, to: end)
    }

    /// Half hours from 7:00 to 19:00, when offices call back.
    static func timeOptions(selected: LocalTime?) -> TemplateValue {
        TemplateValue(stride(from: 7 * 60, through: 19 * 60, by: 30).compactMap(LocalTime.init(minutesSinceMidnight:))) { time in
             ["value": .string(time.description), "label": .string(Pages.timeOfDay(time)), "selected": .bool(time == selected)]
        }
    }
}
