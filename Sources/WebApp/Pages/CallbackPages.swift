import Core
import HTTPServer
import Scheduling
import Templating

/// The agent's forms "Rückruf anlegen" and "Vermerk anlegen": when a
/// caller needs the office itself, the agent leaves a callback request or a
/// memo for one office of the municipalities they serve
/// (`CallCentre.requestCallback` / `leaveMemo`, the same use cases as the
/// API). After the POST the form comes back empty with a confirmation
/// (post/redirect/get), ready for the next call.
extension Pages {
    static let callbackFormPath = "/konsole/rueckruf"
    static let memoFormPath = "/konsole/vermerk"

    func registerCallCentreNotes(on builder: RouterBuilder) {
        get(builder, Self.callbackFormPath, roles: Self.consoleRoles) { page, account in
            try callbackForm(page, account: account, errors: FormErrors())
        }
        post(builder, Self.callbackFormPath, roles: Self.consoleRoles) { page, account in
            let window = CallbackWindow(page)
            var errors = FormErrors()
            if let problem = window.problem { errors.add("window", anchor: "window-day", page.texts.text(problem)) }
            let order = CallbackOrder(officeId: page.fieldID("office") ?? "", serviceId: page.fieldID("service"),
                                      name: page.field("name") ?? "", phone: page.field("phone") ?? "",
                                      topic: page.field("topic") ?? "", note: page.isPost ? (page.form["note"] ?? "") : "",
                                      preferredTime: try page.fieldID("office").map { try zone($0) }.flatMap(window.preferredTime))
            return try fileNote(page, account: account, errors: errors, form: { try callbackForm(page, account: account, errors: $0) }) {
                try callCentre.requestCallback(order, by: account, idempotency: page.idempotencyKey)
            }
        }
        get(builder, Self.memoFormPath, roles: Self.consoleRoles) { page, account in
            try memoForm(page, account: account, errors: FormErrors())
        }
        post(builder, Self.memoFormPath, roles: Self.consoleRoles) { page, account in
            let order = MemoOrder(officeId: page.fieldID("office") ?? "", subject: page.field("subject") ?? "",
                                  text: page.form["text"] ?? "", contact: page.field("contact"))
            return try fileNote(page, account: account, errors: FormErrors(), form: { try memoForm(page, account: account, errors: $0) }) {
                try callCentre.leaveMemo(order, by: account, idempotency: page.idempotencyKey)
            }
        }
    }

    /// Files a callback or memo through `file`, or shows the form again with
    /// every problem next to its field. The office is checked first: one the
    /// agent does not serve is the 403 page, not a message.
    private func fileNote(_ page: PageRequest, account: Account, errors: FormErrors,
                          form: (FormErrors) throws -> HTTPResponse,
                          file: () throws -> Void) throws -> HTTPResponse {
        var errors = errors
        let catalogue = try catalogue()
        if let officeId: OfficeID = page.fieldID("office") {
            try requireServes(account, officeId, catalogue: catalogue)
        } else {
            errors.add("office", page.texts.text("notes.error.office"))
        }
        guard errors.isEmpty else { return try form(errors) }
        do {
            try file()
        } catch CallCentreError.invalid(let problems) {
            for problem in problems {
                let field = Self.noteField(problem.field)
                errors.add(field, anchor: field == "window" ? "window-day" : field, page.texts.text("notes.error.\(field)"))
            }
            return try form(errors)
        } catch CallCentreError.notAllowed {
            throw PageFailure.forbidden
        } catch BookingError.idempotencyKeyReused {
            errors.add("office", page.texts.text("console.error.resubmitted"))
            return try form(errors)
        }
        return redirect(PageLink.make(String(page.http.path), [("angelegt", page.field("office"))]))
    }

    /// The form field a use case's field path belongs to.
    private static func noteField(_ path: String) -> String {
        switch path {
        case "serviceId": "service"
        case let path where path.hasPrefix("preferredTime"): "window"
        default: path
        }
    }
}
