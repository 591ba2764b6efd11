import Core
import Templating

/// The citizen's details as typed: name, and an e-mail address or a phone
/// number. Checked here for the messages next to the fields; the booking
/// use case checks the contact again (`Contact.problem`) and has the last word.
struct ContactForm {
    var name = ""
    var email = ""
    var phone = ""

    init() {}

    /// The details of a form post; nil when it has none of the fields.
    init?(_ page: PageRequest) {
        guard page.form["name"] != nil || page.form["email"] != nil || page.form["phone"] != nil else { return nil }
        name = page.field("name") ?? ""
        email = page.field("email") ?? ""
        phone = page.field("phone") ?? ""
    }

    var contact: Contact {
        Contact(name: name, email: email.isEmpty ? nil : email, phone: phone.isEmpty ? nil : phone)
    }

    /// The same limits and formats as the JSON API's `contact`.
    func errors(_ texts: TextCatalogue) -> FormErrors {
        var errors = FormErrors()
        if name.isEmpty {
            errors.add("name", texts.text("details.error.nameMissing"))
        } else if name.unicodeScalars.count > 200 {
            errors.add("name", texts.text("details.error.nameTooLong"))
        } else if FieldText.problemInLine(name) != nil {
            errors.add("name", texts.text("details.error.nameInvalid"))
        }
        if !email.isEmpty, FieldText.problemInLine(email) != nil {
            errors.add("email", texts.text("details.error.emailInvisible"))
        } else if !email.isEmpty, email.unicodeScalars.count > 254 || !FieldFormat.email.matches(email)
            || Contact.emailKey(email) == nil {
            errors.add("email", texts.text("details.error.emailInvalid"))
        }
        if !phone.isEmpty, let problem = phone.unicodeScalars.count > 40 ? .tooLong : Contact.phoneProblem(phone) {
            errors.add("phone", texts.text("details.error.phone.\(problem.rawValue)"))
        }
        if email.isEmpty && phone.isEmpty {
            errors.add("email", texts.text("details.error.contactMissing"))
        }
        return errors
    }

    /// The details as hidden fields, to travel through the check page and
    /// back to the times: personal data is never put into an address.
    var hiddenFields: [TemplateValue] {
        [("name", name), ("email", email), ("phone", phone)].map { ["name": .string($0.0), "value": .string($0.1)] }
    }

    var templateValue: TemplateValue {
        ["name": .string(name), "email": .string(email), "phone": .string(phone)]
    }
}
