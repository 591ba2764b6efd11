import Scheduling

/// The rules a callback or memo must follow before an office sees it. The
/// API checks types and lengths as its document says; these are the rules
/// of meaning that pages and API share: text that is more than spaces, the
/// characters `FieldText` allows in one line or several, a phone number that
/// can be dialled, a service the office offers, a sensible time window.
enum CallCentreValidation {
    static let shortTextLimit = 200
    /// A callback's note and a closing note; a memo's text may be longer.
    static let noteLimit = 2000
    static let memoTextLimit = 5000

    static func check(_ order: CallbackOrder, catalogue: Catalogue, now: Instant) throws {
        var problems: [FieldProblem] = []
        if let serviceId = order.serviceId {
            let offered = catalogue.setup(order.officeId)?.offeredServiceIds ?? []
            if !offered.contains(serviceId) {
                problems.append(FieldProblem(field: "serviceId", message: "is not a service of this office"))
            }
        }
        shortText(order.name, "name", into: &problems)
        if let problem = Contact.phoneProblem(order.phone) {
            problems.append(FieldProblem(field: "phone", message: problem.message))
        }
        shortText(order.topic, "topic", into: &problems)
        longText(order.note, "note", limit: noteLimit, mayBeEmpty: true, into: &problems)
        if let window = order.preferredTime {
            if window.to <= window.from {
                problems.append(FieldProblem(field: "preferredTime.to", message: "must be after preferredTime.from"))
            } else if window.to <= now {
                problems.append(FieldProblem(field: "preferredTime.to", message: "must lie in the future"))
            } else if window.to > now.adding(seconds: Int64(PreferredTime.maximumDaysAhead) * 86_400) {
                problems.append(FieldProblem(field: "preferredTime.to",
                                             message: "must be at most \(PreferredTime.maximumDaysAhead) days ahead"))
            }
        }
        if !problems.isEmpty { throw CallCentreError.invalid(problems) }
    }

    static func check(_ order: MemoOrder) throws {
        var problems: [FieldProblem] = []
        shortText(order.subject, "subject", into: &problems)
        longText(order.text, "text", limit: memoTextLimit, mayBeEmpty: false, into: &problems)
        if let contact = order.contact { shortText(contact, "contact", into: &problems) }
        if !problems.isEmpty { throw CallCentreError.invalid(problems) }
    }

    static func checkDoneNote(_ note: String?) throws {
        var problems: [FieldProblem] = []
        if let note { longText(note, "note", limit: noteLimit, mayBeEmpty: true, into: &problems) }
        if !problems.isEmpty { throw CallCentreError.invalid(problems) }
    }

    /// One line: a name, topic or subject.
    private static func shortText(_ text: String, _ field: String, into problems: inout [FieldProblem]) {
        if text.trimmingSpaces().isEmpty {
            problems.append(FieldProblem(field: field, message: "must not be empty or only spaces"))
        } else if text.unicodeScalars.count > shortTextLimit {
            problems.append(FieldProblem(field: field, message: "must be at most \(shortTextLimit) characters long"))
        } else if let message = FieldText.problemInLine(text) {
            problems.append(FieldProblem(field: field, message: message))
        }
    }

    /// Several lines: a note or a memo's text.
    private static func longText(_ text: String, _ field: String, limit: Int, mayBeEmpty: Bool,
                                 into problems: inout [FieldProblem]) {
        if !mayBeEmpty && text.trimmingSpaces().isEmpty {
            problems.append(FieldProblem(field: field, message: "must not be empty or only spaces"))
        } else if text.unicodeScalars.count > limit {
            problems.append(FieldProblem(field: field, message: "must be at most \(limit) characters long"))
        } else if let message = FieldText.problemInLines(text) {
            problems.append(FieldProblem(field: field, message: message))
        }
    }
}
