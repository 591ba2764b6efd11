import Booking
import HTTPServer
import Scheduling

/// Callback requests and memos (API.md "Call centre"): agents file them
/// for the offices of their municipalities, the offices' staff list and
/// close them. The rules of who may do what live in `CallCentre`.
extension API {
    func registerCallCentre(on builder: RouterBuilder) {
        builder.post("/api/v1/callbacks", options: Self.options) { request in
            try CallCentreProblems.answer {
                let account = try filer(request)
                let order = try request.decodeJSON(Self.readCallbackOrder)
                let idempotency = try Self.idempotencyKey(of: request, identity: try identity(request),
                                                          operation: "POST /api/v1/callbacks")
                let callback = try callCentre.requestCallback(order, by: account, idempotency: idempotency).value
                return .json(Representations.callback(callback), status: .created)
            }
        }
        builder.get("/api/v1/offices/:officeId/callbacks", options: Self.options) { request in
            try CallCentreProblems.answer {
                let officeId = try processableOffice(request)
                let found = try callCentre.callbacks(office: officeId, status: try Self.statusFilter(request))
                return .json(["callbacks": .array(found.map(Representations.callback))], reservingCapacity: 512 * max(1, found.count))
            }
        }
        builder.post("/api/v1/callbacks/:id/done", options: Self.options) { request in
            try CallCentreProblems.answer {
                let account = try processor(request)
                let note = try Self.readDoneNote(request)
                return .json(Representations.callback(try callCentre.markCallbackDone(id: try itemId(request), note: note, by: account)))
            }
        }
        builder.post("/api/v1/memos", options: Self.options) { request in
            try CallCentreProblems.answer {
                let account = try filer(request)
                let order = try request.decodeJSON(Self.readMemoOrder)
                let idempotency = try Self.idempotencyKey(of: request, identity: try identity(request),
                                                          operation: "POST /api/v1/memos")
                let memo = try callCentre.leaveMemo(order, by: account, idempotency: idempotency).value
                return .json(Representations.memo(memo), status: .created)
            }
        }
        builder.get("/api/v1/offices/:officeId/memos", options: Self.options) { request in
            try CallCentreProblems.answer {
                let officeId = try processableOffice(request)
                let found = try callCentre.memos(office: officeId, status: try Self.statusFilter(request))
                return .json(["memos": .array(found.map(Representations.memo))], reservingCapacity: 512 * max(1, found.count))
            }
        }
        builder.post("/api/v1/memos/:id/done", options: Self.options) { request in
            try CallCentreProblems.answer {
                let account = try processor(request)
                let note = try Self.readDoneNote(request)
                return .json(Representations.memo(try callCentre.markMemoDone(id: try itemId(request), note: note, by: account)))
            }
        }
    }

    /// An agent or admin (who file); 401 or 403 for anyone else. Whether
    /// the office is one of theirs is the use case's question.
    private func filer(_ request: HTTPRequest) throws -> Account {
        let account = try signedIn(request).account!
        guard account.role == .agent || account.role == .admin else {
            throw Problem.forbidden("Only call-centre agents file callbacks and memos.")
        }
        return account
    }

    /// Office staff or an admin (who process); 401 or 403 for anyone else.
    private func processor(_ request: HTTPRequest) throws -> Account {
        let account = try signedIn(request).account!
        guard account.role == .staff || account.role == .admin else {
            throw Problem.forbidden("Only office staff mark callbacks and memos done.")
        }
        return account
    }

    /// The `{officeId}` of the path if the caller may process its items.
    private func processableOffice(_ request: HTTPRequest) throws -> String {
        let account = try signedIn(request).account!
        let officeId = try office(request)
        guard account.runs(office: officeId) else {
            throw Problem.forbidden("Only the office's staff see its callbacks and memos.")
        }
        return officeId
    }

    /// A malformed id cannot name anything: simply not found.
    private func itemId(_ request: HTTPRequest) throws -> String {
        let id = request.parameter("id") ?? ""
        guard FieldFormat.opaqueId.matches(id) else { throw CallCentreError.notFound }
        return id
    }

    static func statusFilter(_ request: HTTPRequest) throws -> CallCentreItemStatus? {
        guard let text = request.queryParameters["status"] else { return nil }
        guard let status = CallCentreItemStatus(rawValue: text) else {
            throw Problem.invalidValue("status", "must be open or done")
        }
        return status
    }

    /// The optional `{"note"}` of a done request; an empty body is no note.
    static func readDoneNote(_ request: HTTPRequest) throws -> String? {
        if request.body.isEmpty { return nil }
        return try request.decodeJSON { body in body.optionalString("note", maxLength: 2000) }
    }

    static func readCallbackOrder(_ body: JSONFields) -> CallbackOrder {
        let officeId = body.string("officeId", format: .identifier)
        let serviceId = body.optionalString("serviceId", format: .identifier)
        let name = body.string("name", maxLength: 200)
        let phone = body.string("phone", maxLength: 40, format: .phone)
        let topic = body.string("topic", maxLength: 200)
        let note = body.string("note", minLength: 0, maxLength: 2000)
        let window = body.optionalObject("preferredTime") { window in
            (from: window.parsed("from", message: "must be a date-time like 2026-12-01T08:30:00+01:00", RFC3339.parse),
             to: window.parsed("to", message: "must be a date-time like 2026-12-01T08:30:00+01:00", RFC3339.parse))
        }
        var preferred: PreferredTime?
        if let window, let from = window.from, let to = window.to { preferred = PreferredTime(from: from, to: to) }
        return CallbackOrder(officeId: officeId, serviceId: serviceId, name: name, phone: phone, topic: topic, note: note,
                             preferredTime: preferred)
    }

    static func readMemoOrder(_ body: JSONFields) -> MemoOrder {
        MemoOrder(officeId: body.string("officeId", format: .identifier), subject: body.string("subject", maxLength: 200),
                  text: body.string("text", maxLength: 5000), contact: body.optionalString("contact", maxLength: 200))
    }
}

/// How the call centre's errors read as problems: the same 404 for an
/// unknown office as the booking endpoints, 403 for an office that is not
/// the caller's, 409 for closing twice, 422 with every wrong field.
enum CallCentreProblems {
    static func answer(_ body: () throws -> HTTPResponse) throws -> HTTPResponse {
        do {
            return try BookingProblems.answer(body)
        } catch let error as CallCentreError {
            switch error {
            case .notAllowed: throw Problem.forbidden("Your account does not serve this office.")
            case .notFound: throw Problem.notFound("There is no callback request or memo with this id.")
            case .alreadyDone(let doneBy): throw Problem.conflict("This was marked done already, by \(doneBy).")
            case .invalid(let problems):
                throw Problem.invalidValues(problems.map { FieldError(field: $0.field, message: $0.message) })
            }
        }
    }
}
