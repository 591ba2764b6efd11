import Core
import HTTPServer
import Scheduling

/// Closures, changed counters and the "to contact" list of an office
///: staff of the office and admins only.
extension API {
    func registerOfficeChanges(on routes: APIRoutes) {
        routes.get("/api/v1/offices/:officeId/closures", Self.dayRoles) { request in
            try BookingProblems.answer {
                let officeId = try staffOffice(request)
                return .json(["officeId": .string(officeId),
                              "closures": .array(try officeChanges.closures(office: officeId).map(Representations.closure))])
            }
        }
        routes.post("/api/v1/offices/:officeId/closures", Self.dayRoles) { request in
            try BookingProblems.answer {
                let officeId = try staffOffice(request)
                let draft = try Self.readClosure(request.http, office: officeId, today: try officeChanges.today(at: officeId))
                let (closure, affected) = try officeChanges.addClosure(draft, by: request.account.username)
                return .json(["closure": Representations.closure(closure),
                              "affectedBookings": .array(try affected.map { Representations.affected($0, in: try zone(officeId)) })], status: .created)
            }
        }
        routes.delete("/api/v1/offices/:officeId/closures/:closureId", Self.dayRoles) { request in
            try BookingProblems.answer {
                let officeId = try staffOffice(request)
                try officeChanges.removeClosure(office: officeId, id: request.http.parameter("closureId") ?? "")
                return HTTPResponse(status: .noContent)
            }
        }
        routes.get("/api/v1/offices/:officeId/capacity-changes", Self.dayRoles) { request in
            try BookingProblems.answer {
                let officeId = try staffOffice(request)
                return .json(["officeId": .string(officeId),
                              "capacityChanges": .array(try officeChanges.capacityChanges(office: officeId).map(Representations.capacityChange))])
            }
        }
        routes.post("/api/v1/offices/:officeId/capacity-changes", Self.dayRoles) { request in
            try BookingProblems.answer {
                let officeId = try staffOffice(request)
                let draft = try Self.readCapacityChange(request.http, office: officeId, officeChanges: officeChanges)
                let (changes, affected) = try officeChanges.addCapacityChange(draft, by: request.account.username)
                // `capacityChange` is the first day's, as it was before ranges.
                return .json(["capacityChange": Representations.capacityChange(changes[0]),
                              "capacityChanges": .array(changes.map(Representations.capacityChange)),
                              "affectedBookings": .array(try affected.map { Representations.affected($0, in: try zone(officeId)) })], status: .created)
            }
        }
        routes.delete("/api/v1/offices/:officeId/capacity-changes/:changeId", Self.dayRoles) { request in
            try BookingProblems.answer {
                let officeId = try staffOffice(request)
                try officeChanges.removeCapacityChange(office: officeId, id: request.http.parameter("changeId") ?? "")
                return HTTPResponse(status: .noContent)
            }
        }
        routes.get("/api/v1/offices/:officeId/affected-bookings", Self.dayRoles) { request in
            try BookingProblems.answer {
                let officeId = try staffOffice(request)
                let affected = try officeChanges.affectedBookings(office: officeId)
                return .json(["officeId": .string(officeId), "affectedBookings": .array(try affected.map { Representations.affected($0, in: try zone(officeId)) })],
                             reservingCapacity: 1024 * max(1, affected.count))
            }
        }
        routes.post("/api/v1/offices/:officeId/affected-bookings/:code/handled", Self.dayRoles) { request in
            try BookingProblems.answer {
                let officeId = try staffOffice(request)
                try officeChanges.markHandled(office: officeId, code: try code(request.http), by: request.account.username)
                return HTTPResponse(status: .noContent)
            }
        }
    }

    /// Who may open an office's routes at all: those who run a day somewhere.
    static let dayRoles = Audience.allowed(to: .runDay)

    /// The path's office, for its own staff and admins: 403 for everyone
    /// else (asked first, so an office's existence is no answer to them),
    /// 404 for an office that does not exist.
    func staffOffice(_ request: SignedInRequest) throws -> OfficeID {
        guard request.account.runs(office: OfficeID(request.http.parameter("officeId") ?? ""), in: try catalogue()) else {
            throw Problem.forbidden("Only the office's staff may see or change this.")
        }
        return try office(request.http)
    }

    /// The body of a new closure; every wrong field is reported at once,
    /// the draft's own rules (dates in range, order) included.
    static func readClosure(_ request: HTTPRequest, office officeId: OfficeID, today: LocalDate) throws -> ClosureDraft {
        try request.decodeJSON { body -> ClosureDraft in
            var issues: [OfficeChangeIssue] = []
            let from = body.parsed("from", message: "must be a date like 2026-12-01", LocalDate.init)
            let through = body.parsed("through", required: false, message: "must be a date like 2026-12-01", LocalDate.init)
            let band = OfficeChangeIssue.band(from: body.optionalString("fromTime", maxLength: 5),
                                              to: body.optionalString("toTime", maxLength: 5), issues: &issues)
            let reason = body.string("reason", maxLength: OfficeChangeIssue.reasonMaxLength)
            let draft = ClosureDraft(officeId: officeId, from: from ?? today, through: through ?? from ?? today,
                                     band: band, reason: reason)
            // The reader already reported an empty or too long reason; a blank one is the draft's to say.
            let blank = !reason.isEmpty && reason.allSatisfy(\.isWhitespace)
            issues += draft.issues(today: today).filter { from != nil ? ($0.field != "reason" || blank) : ($0.field == "reason" && blank) }
            report(issues, to: body)
            return draft
        }
    }

    /// The body of a new capacity change: one `date`, or a range up to an
    /// optional `through`.
    static func readCapacityChange(_ request: HTTPRequest, office officeId: OfficeID,
                                   officeChanges: OfficeChanges) throws -> CapacityChangeDraft {
        let today = try officeChanges.today(at: officeId)
        return try request.decodeJSON { body -> CapacityChangeDraft in
            var issues: [OfficeChangeIssue] = []
            let date = body.parsed("date", message: "must be a date like 2026-12-01", LocalDate.init)
            let through = body.parsed("through", required: false, message: "must be a date like 2026-12-01", LocalDate.init)
            let band = OfficeChangeIssue.band(from: body.optionalString("fromTime", maxLength: 5),
                                              to: body.optionalString("toTime", maxLength: 5), issues: &issues)
            let counters = body.int("counters", range: OfficeChangeIssue.counterRange)
            let reason = body.optionalString("reason", maxLength: OfficeChangeIssue.reasonMaxLength) ?? ""
            let draft = CapacityChangeDraft(officeId: officeId, date: date ?? today, through: through ?? date ?? today, band: band,
                                            counters: counters, reason: reason)
            // A storage fault here leaves the check to `addCapacityChange`, which makes it again and reports the fault.
            if date != nil { issues += ((try? officeChanges.issues(of: draft)) ?? []).filter { $0.field == "date" || $0.field == "through" } }
            report(issues, to: body)
            return draft
        }
    }

    private static func report(_ issues: [OfficeChangeIssue], to body: JSONFields) {
        for issue in issues { body.fail(issue.field, issue.englishMessage) }
    }
}
