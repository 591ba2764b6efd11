import Scheduling

extension CatalogueDocument {
    /// What is wrong with the catalogue as a whole, beyond the types and
    /// ranges of single values (which the file's reader checks): ids that
    /// repeat, references to nothing, rules the planner would ignore. The
    /// rules of opening hours are Scheduling's (`OpeningRule.problems`).
    /// Paths index the lists in the order they were read.
    public var problems: [CatalogueProblem] {
        var found: [CatalogueProblem] = []
        func report(_ path: String, _ message: String) { found.append(CatalogueProblem(path: path, message: message)) }

        for (path, id) in Self.duplicates(municipalities.enumerated().map { ("municipalities[\($0)].id", $1.id.rawValue) }) {
            report(path, "repeats the id \"\(id)\"")
        }
        for (path, id) in Self.duplicates(services.enumerated().map { ("services[\($0)].id", $1.id.rawValue) }) {
            report(path, "repeats the id \"\(id)\"")
        }
        for (path, id) in Self.duplicates(offices.enumerated().map { ("offices[\($0)].id", $1.office.id.rawValue) }) {
            report(path, "repeats the id \"\(id)\"")
        }
        // Rule and closure ids are unique across offices: the database keys them alone.
        let ruleIds = offices.enumerated().flatMap { i, entry in
            entry.rules.enumerated().map { ("offices[\(i)].rules[\($0)].id", $1.id) }
        }
        for (path, id) in Self.duplicates(ruleIds) { report(path, "repeats the id \"\(id)\"") }
        let closureIds = offices.enumerated().flatMap { i, entry in
            entry.closures.enumerated().map { ("offices[\(i)].closures[\($0)].id", $1.id) }
        }
        for (path, id) in Self.duplicates(closureIds) { report(path, "repeats the id \"\(id)\"") }

        for (i, municipality) in municipalities.enumerated() {
            guard let contact = municipality.contact else { continue }
            let path = "municipalities[\(i)].contact"
            for (field, email) in [("email", contact.email), ("privacyOfficer.email", contact.privacyOfficer.email)] {
                if let message = Contact.emailProblem(email) { report("\(path).\(field)", message) }
            }
        }
        let municipalityIds = Set(municipalities.map(\.id))
        let serviceIds = Set(services.map(\.id))
        for (i, entry) in offices.enumerated() {
            let path = "offices[\(i)]"
            if !municipalityIds.contains(entry.office.municipalityId) {
                report(path + ".municipality", "names no municipality of the file (\"\(entry.office.municipalityId)\")")
            }
            if let mailbox = entry.office.mailbox, let message = Contact.emailProblem(mailbox) {
                report(path + ".mailbox", message)
            }
            if entry.office.timeZone == nil {
                report(path + ".timeZone", "is no time zone Terminbuch knows (\"\(entry.office.timeZoneId)\")")
            }
            var offered: Set<ServiceID> = []
            for (j, offering) in entry.offerings.enumerated() {
                if !serviceIds.contains(offering.serviceId) {
                    report("\(path).services[\(j)].service", "names no service of the file (\"\(offering.serviceId)\")")
                }
                if !offered.insert(offering.serviceId).inserted {
                    report("\(path).services[\(j)].service", "repeats the service \"\(offering.serviceId)\"")
                }
            }
            for (k, rule) in entry.rules.enumerated() {
                let served: [ServiceID] = rule.serviceIds?.sorted() ?? []
                for (m, serviceId) in served.enumerated() where !offered.contains(serviceId) {
                    report("\(path).rules[\(k)].services[\(m)]", "is not offered by this office (\"\(serviceId)\")")
                }
            }
            let ruleProblems = OpeningRule.problems(in: entry.rules)
            for (k, rule) in entry.rules.enumerated() {
                for problem in ruleProblems[rule.id] ?? [] {
                    report("\(path).rules[\(k)]" + (problem.field.map { "." + $0 } ?? ""), problem.message)
                }
            }
            for (k, closure) in entry.closures.enumerated() where closure.through < closure.from {
                report("\(path).closures[\(k)].through", "is before from")
            }
        }
        let offeredAnywhere = Set(offices.flatMap { $0.offerings.map(\.serviceId) })
        for (i, service) in services.enumerated() where !offeredAnywhere.contains(service.id) {
            report("services[\(i)]", "is offered by no office")
        }
        return found
    }

    /// The later occurrences of ids already seen, with their paths.
    private static func duplicates(_ paths: [(String, String)]) -> [(String, String)] {
        var seen: Set<String> = []
        return paths.filter { !seen.insert($0.1).inserted }
    }
}
