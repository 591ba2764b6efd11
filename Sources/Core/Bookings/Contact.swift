/// Who the appointment is for: a name and at least one way to reach them.
public struct Contact: Hashable, Sendable {
    public var name: String
    public var email: String?
    public var phone: String?

    public init(name: String, email: String? = nil, phone: String? = nil) {
        self.name = name
        self.email = email
        self.phone = phone
    }

    /// What is wrong with the contact, as (field, message), or nil: a name
    /// that is more than spaces and one clean line (`FieldText`: it is shown
    /// to staff, in exports and calendars), and a way to reach the person,
    /// each given one well formed (`Contact+Keys`).
    public var problem: (field: String, message: String)? {
        if name.trimmingSpaces().isEmpty { return ("contact.name", "must not be empty or only spaces") }
        if let message = FieldText.problemInLine(name) { return ("contact.name", message) }
        if let email, let message = Self.emailProblem(email) { return ("contact.email", message) }
        if let phone {
            if let message = FieldText.problemInLine(phone) { return ("contact.phone", message) }
            if let problem = Self.phoneProblem(phone) { return ("contact.phone", problem.message) }
        }
        if keys.isEmpty { return ("contact", "an e-mail address or a phone number is needed") }
        return nil
    }

    /// What is wrong with an e-mail address, or nil: one clean line that
    /// names a mailbox (`Contact+Keys`). The catalogue's addresses (an
    /// office's mailbox, a municipality's legal contact) are held to it too.
    public static func emailProblem(_ email: String) -> String? {
        if let message = FieldText.problemInLine(email) { return message }
        if emailKey(email) == nil { return "must be an e-mail address like name@example.de" }
        return nil
    }
}

extension String {
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
