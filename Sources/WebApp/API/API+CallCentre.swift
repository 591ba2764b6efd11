import Core
import HTTPServer
import Scheduling

/// Callback requests and memos (docs/api.md, "The operations"): agents file them
/// for the offices of their municipalities, the offices' staff list and
/// close them. The rules of who may do what live in `CallCentre`.
extension API {
    func registerCallCentre(on routes: APIRoutes) {
        // Filed by who answers calls, listed and closed by who runs the
        // office's day; whether the office is one of theirs is the use case's question.
        let filers = Audience.allowed(to: .answerCalls), processors = Audience.allowed(to: .runDay)
        routes.post("/api/v1/callbacks", filers) { request in
            try CallCentreProblems.answer {
                let order = try request.http.decodeJSON(Self.readCallbackOrder)
                let idempotency = try Self.idempotencyKey(of: request.http, account: request.account,
                                                          operation: "POST /api/v1/callbacks")
                let callback = try callCentre.requestCallback(order, by: request.account, idempotency: idempotency).value
                return .json(Representations.callback(callback, in: try zone(callback.officeId)), status: .created)
            }
        }
        routes.get("/api/v1/offices/:officeId/callbacks", processors) { request in
            try CallCentreProblems.answer {
                let officeId = try office(request.http)
                let found = try callCentre.callbacks(office: officeId, status: try Self.statusFilter(request.http), for: request.account)
                return .json(["callbacks": .array(try found.map { Representations.callback($0, in: try zone(officeId)) })], reservingCapacity: 512 * max(1, found.count))
            }
        }
        routes.post("/api/v1/callbacks/:id/done", processors) { request in
            try CallCentreProblems.answer {
                let note = try Self.readDoneNote(request.http)
                let callback = try callCentre.markCallbackDone(id: try itemId(request.http), note: note, by: request.account)
                return .json(Representations.callback(callback, in: try zone(callback.officeId)))
            }
        }
        routes.post("/api/v1/memos", filers) { request in
            try CallCentreProblems.answer {
                let order = try request.http.decodeJSON(Self.readMemoOrder)
                let idempotency = try Self.idempotencyKey(of: request.http, account: request.account,
                                                          operation: "POST /api/v1/memos")
                let memo = try callCentre.leaveMemo(order, by: request.account, idempotency: idempotency).value
                return .json(Representations.memo(memo, in: try zone(memo.officeId)), status: .created)
            }
        }
        routes.get("/api/v1/offices/:officeId/memos", processors) { request in
            try CallCentreProblems.answer {
                let officeId = try office(request.http)
                let found = try callCentre.memos(office: officeId, status: try Self.statusFilter(request.http), for: request.account)
                return .json(["memos": .array(try found.map { Representations.memo($0, in: try zone(officeId)) })], reservingCapacity: 512 * max(1, found.count))
            }
        }
        routes.post("/api/v1/memos/:id/done", processors) { request in
            try CallCentreProblems.answer {
                let note = try Self.readDoneNote(request.http)
                let memo = try callCentre.markMemoDone(id: try itemId(request.http), note: note, by: request.account)
                return .json(Representations.memo(memo, in: try zone(memo.officeId)))
            }
        }
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
        let officeId = OfficeID(body.string("officeId", format: .identifier))
        let serviceId = body.optionalString("serviceId", format: .identifier).map { ServiceID($0) }
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
        MemoOrder(officeId: OfficeID(body.string("officeId", format: .identifier)), subject: body.string("subject", maxLength: 200),
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
