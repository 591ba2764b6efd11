import Core
import Scheduling
import Templating

/// The opening rules of an office in the admin's pages: every field of
/// the rule object of the catalogue file, the optional location of a
/// mobile office's hours included. A walk-in share is typed in percent.
enum RuleForm: OfficeItemKind {
    static let segment = "zeiten"
    static let name = "rule"
    static let inputs: [(name: String, type: String)] = [("id", "text"), ("start", "time"), ("end", "time"), ("validFrom", "date"), ("validUntil", "date"),
                         ("repeatEveryWeeks", "number"), ("counters", "number"), ("slotMinutes", "number"),
                         ("walkInShare", "number"), ("walkInCounters", "number"), ("phoneReserve", "number"),
                         ("locationName", "text"), ("street", "text"), ("postalCode", "text"), ("city", "text")]
    static let hinted: Set<String> = ["id", "validFrom", "validUntil", "repeatEveryWeeks", "slotMinutes", "walkInShare", "phoneReserve"]

    static func values(of entry: CatalogueDocument.OfficeEntry) -> [OpeningRule] { entry.rules }
    static func id(of rule: OpeningRule) -> String { rule.id }
    static func reference(_ id: String, at officeId: OfficeID) -> CatalogueEdit.Reference { .rule(id, at: officeId) }

    static func form(_ rule: OpeningRule) -> OfficeItemForm {
        var fields: [(String, String)] = [("id", rule.id)]
        fields += Weekday.allCases.filter(rule.weekdays.contains).map { ("weekday", $0.rawValue) }
        fields += [("start", rule.band.start.description), ("end", rule.band.end.description),
                   ("validFrom", rule.validFrom?.description ?? ""), ("validUntil", rule.validUntil?.description ?? ""),
                   ("repeatEveryWeeks", String(rule.repeatEveryWeeks)), ("counters", String(rule.counters)),
                   ("slotMinutes", String(rule.slotMinutes)), ("phoneReserve", String(rule.phoneReserve)),
                   ("kind", rule.kind.rawValue)]
        switch rule.walkInReserve {
        case .share(let share): fields += [("walkIn", "share"), ("walkInShare", percent(share))]
        case .counters(let counters): fields += [("walkIn", "counters"), ("walkInCounters", String(counters))]
        }
        fields += (rule.serviceIds ?? []).sorted().map { ("service", $0.rawValue) }
        if let location = rule.location {
            fields += [("locationName", location.name), ("street", location.address.street),
                       ("postalCode", location.address.postalCode), ("city", location.address.city)]
        }
        return OfficeItemForm(fields)
    }

    static func object(_ form: OfficeItemForm) -> JSONValue {
        var object: JSONObject = [
            "id": .string(form.value("id")),
            "weekdays": .array(form.values("weekday").map(JSONValue.string)),
            "band": .object(["start": .string(form.value("start")), "end": .string(form.value("end"))]),
            "counters": OfficeItemForm.number(form.value("counters")),
            "slotMinutes": OfficeItemForm.number(form.value("slotMinutes")),
            "kind": .string(form.value("kind").isEmpty ? OpeningRule.Kind.mixed.rawValue : form.value("kind")),
        ]
        for name in ["validFrom", "validUntil"] where !form.value(name).isEmpty { object.append(name, .string(form.value(name))) }
        for name in ["repeatEveryWeeks", "phoneReserve"] where !form.value(name).isEmpty {
            object.append(name, OfficeItemForm.number(form.value(name)))
        }
        if form.value("walkIn") == "share", !form.value("walkInShare").isEmpty {
            let text = form.value("walkInShare").replacingComma
            object.append("walkInReserve", .object(["share": Double(text).map { .double($0 / 100) } ?? .string(text)]))
        } else if form.value("walkIn") == "counters", !form.value("walkInCounters").isEmpty {
            object.append("walkInReserve", .object(["counters": OfficeItemForm.number(form.value("walkInCounters"))]))
        }
        let services = form.values("service")
        if !services.isEmpty { object.append("services", .array(services.map(JSONValue.string))) }
        let place = ["locationName", "street", "postalCode", "city"].map(form.value)
        if place.contains(where: { !$0.isEmpty }) {
            object.append("location", .object(["name": .string(place[0]),
                                               "address": .object(["street": .string(place[1]), "postalCode": .string(place[2]),
                                                                   "city": .string(place[3])])]))
        }
        return .object(object)
    }

    static func item(_ fields: JSONFields, office: OfficeID) -> CatalogueEdit.Item {
        .rule(CatalogueFile.rule(fields, office: office), at: office)
    }

    static func field(of path: String, _ form: OfficeItemForm) -> (name: String, anchor: String)? {
        let head = path.prefix { $0 != "." && $0 != "[" }
        switch head {
        case "id", "validFrom", "validUntil", "repeatEveryWeeks", "counters", "slotMinutes", "phoneReserve":
            return (String(head), String(head))
        case "weekdays": return ("weekday", "weekday-monday")
        case "band": return path == "band.start" ? ("start", "start") : ("end", "end")
        case "walkInReserve":
            let input = form.value("walkIn") == "counters" ? "walkInCounters" : "walkInShare"
            return (input, input)
        case "kind": return ("kind", "kind-\(OpeningRule.Kind.mixed.rawValue)")
        case "services": return ("service", "service-" + (form.values("service").first ?? ""))
        case "location":
            switch path {
            case "location.address.street": return ("street", "street")
            case "location.address.postalCode": return ("postalCode", "postalCode")
            case "location.address.city": return ("city", "city")
            default: return ("locationName", "locationName")
            }
        default: return nil
        }
    }

    static func columns(_ page: PageRequest) -> [String] {
        ["field.id", "when", "valid", "capacity", "kindLegend", "services", "place"].map { page.texts.text("catalogue.rule.\($0)") }
    }

    static func cells(_ rule: OpeningRule, _ page: PageRequest) -> [String] {
        let format = page.format(in: .utc)
        let valid = [rule.validFrom.map { page.texts.format("catalogue.rule.validFromText", ["date": format.date($0)]) },
                     rule.validUntil.map { page.texts.format("catalogue.rule.validUntilText", ["date": format.date($0)]) }]
            .compactMap { $0 }
        let walkIn: String = switch rule.walkInReserve {
        case .share(let share): page.texts.format("catalogue.rule.walkInShareText", ["percent": percent(share)])
        case .counters(let counters): page.texts.format("catalogue.rule.walkInCountersText", ["counters": String(counters)])
        }
        let repeats = rule.repeatEveryWeeks == 1 ? page.texts.text("catalogue.rule.everyWeek")
            : page.texts.format("catalogue.rule.everyWeeks", ["weeks": String(rule.repeatEveryWeeks)])
        return [
            rule.id,
            Weekday.allCases.filter(rule.weekdays.contains).map(format.weekdayShort).joined(separator: ", ") + " "
                + page.texts.format("catalogue.week.band", ["from": rule.band.start.description, "to": rule.band.end.description]),
            (valid.isEmpty ? page.texts.text("catalogue.rule.always") : valid.joined(separator: ", ")) + ", " + repeats,
            page.texts.format("catalogue.rule.capacityText", ["counters": String(rule.counters), "slotMinutes": String(rule.slotMinutes),
                                                              "walkIn": walkIn, "phone": String(rule.phoneReserve)]),
            page.texts.text("catalogue.rule.kind.\(rule.kind.rawValue)"),
            rule.serviceIds.map { $0.sorted().map(\.rawValue).joined(separator: ", ") } ?? page.texts.text("catalogue.rule.allServices"),
            rule.location.map { "\($0.name), \($0.address.street), \($0.address.postalCode) \($0.address.city)" } ?? "",
        ]
    }

    static func choices(_ form: OfficeItemForm, entry: CatalogueDocument.OfficeEntry, catalogue: CatalogueDocument,
                        errors: FormErrors, _ page: PageRequest) -> TemplateValue {
        let format = page.format(in: .utc)
        let texts = { (key: String) in page.texts.text("catalogue.rule.\(key)") }
        return [
            "weekday": choiceGroup("weekday", legend: texts("weekdays"), errors: errors,
                                   options: Weekday.allCases.map { ($0.rawValue, format.weekday($0)) }, checked: Set(form.values("weekday"))),
            "walkIn": choiceGroup("walkIn", radio: true, legend: texts("walkIn"), errors: errors,
                                  options: [("share", texts("walkInByShare")), ("counters", texts("walkInByCounters"))],
                                  checked: [form.value("walkIn") == "counters" ? "counters" : "share"]),
            "kind": choiceGroup("kind", radio: true, legend: texts("kindLegend"), errors: errors,
                                options: OpeningRule.Kind.allCases.map { ($0.rawValue, texts("kind.\($0.rawValue)")) },
                                checked: [form.value("kind").isEmpty ? OpeningRule.Kind.mixed.rawValue : form.value("kind")]),
            "service": choiceGroup("service", legend: texts("services"), hint: texts("servicesHint"), errors: errors,
                                   options: entry.offerings.map(\.serviceId).sorted().map { id in
                                       (id.rawValue, catalogue.services.first { $0.id == id }?.texts(in: page.language).name ?? id.rawValue)
                                   }, checked: Set(form.values("service"))),
        ]
    }

    /// A share as the percent a form shows: `25`, `12.5`.
    private static func percent(_ share: Double) -> String {
        let percent = (share * 1000).rounded() / 10
        return percent == percent.rounded() ? String(Int(percent)) : String(percent)
    }
}

extension String {
    /// `12,5` as `12.5`: a German decimal comma.
    var replacingComma: String { String(map { $0 == "," ? "." : $0 }) }
}
