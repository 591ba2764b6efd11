import Core
import HTTPServer
import Scheduling

/// The office's day: `GET /api/v1/offices/{officeId}/schedule` and its
/// exports as CSV and iCalendar (staff of the office, admins), and the
/// calendar feed's secret addresses.
extension API {
    func registerOffice(on routes: APIRoutes) {
        routes.get("/api/v1/offices/:officeId/schedule", Self.dayRoles) { request in
            try BookingProblems.answer {
                let officeId = try deskOffice(request)
                var query = QueryParameters(request.http)
                let asked = query.date("date", required: true)
                let date = try query.required(asked)
                let schedule = try frontDesk.schedule(office: officeId, date: date)
                return .json(Representations.schedule(schedule, in: try zone(officeId)), reservingCapacity: 4096)
            }
        }
        for format in [ScheduleExport.Format.csv, .ics] {
            routes.get("/api/v1/offices/:officeId/schedule." + format.rawValue, Self.dayRoles) { request in
                try BookingProblems.answer {
                    let officeId = try deskOffice(request)
                    var query = QueryParameters(request.http)
                    let asked = query.date("date", required: true)
                    let excel = query.flag("excel")
                    let date = try query.required(asked)
                    let file = try ScheduleExport.render(format, office: officeId, date: date, excel: excel, useCases: useCases)
                    return HTTPResponse(status: .ok, contentType: file.contentType, body: file.bytes,
                                        headers: ["Content-Disposition": "attachment; filename=\"\(file.filename)\""])
                }
            }
        }
        routes.post("/api/v1/offices/:officeId/feeds", Self.dayRoles) { request in
            try BookingProblems.answer {
                let officeId = try deskOffice(request)
                let new = try feeds.createToken(office: officeId, for: request.account)
                var headers = SecurityHeaders.forSecrets
                headers.set("Location", Self.feedPath(new.token))
                var body: JSONObject = [
                    "officeId": .string(officeId), "path": .string(Self.feedPath(new.token)),
                    "url": .string(links.link(Self.feedPath(new.token), answering: request.http)),
                    "expiresAt": Representations.instant(new.expiresAt, in: try zone(officeId)),
                ]
                body.set("webcalUrl", ifPresent: links.subscription(Self.feedPath(new.token), answering: request.http).map { .string($0) })
                return .json(.object(body), status: .created, headers: headers)
            }
        }
        routes.post("/api/v1/offices/:officeId/feeds/renew", Self.dayRoles) { request in
            try BookingProblems.answer {
                let renewed = try feeds.renewTokens(office: try deskOffice(request))
                return .json(["renewed": .number(renewed)])
            }
        }
        routes.delete("/api/v1/offices/:officeId/feeds", Self.dayRoles) { request in
            try BookingProblems.answer {
                try feeds.revokeTokens(office: try deskOffice(request))
                return HTTPResponse(status: .noContent)
            }
        }
        // The subscription itself: the token is the only credential, as
        // calendar programs cannot sign in. Unknown, revoked, expired and
        // a token whose account is gone look the same.
        routes.get("/feeds/:file", options: Self.feedOptions) { request in
            let file = request.http.parameter("file") ?? ""
            guard file.hasSuffix(".ics"), let officeId = try? feeds.office(token: String(file.dropLast(4))) else {
                return HTTPResponse(status: .notFound, contentType: "text/plain; charset=utf-8", body: Array("Not found.\n".utf8))
            }
            let today = try time.today(office: officeId)
            let list = try feeds.bookings(office: officeId, from: today.adding(days: -CalendarFeeds.daysBack),
                                                     through: today.adding(days: CalendarFeeds.daysAhead))
            let catalogue = try catalogue()
            let text = ScheduleExport.officeCalendar(name: catalogue.office(officeId)?.name ?? officeId.rawValue, list, catalogue: catalogue,
                                                     zone: try zone(officeId), stamp: time.now())
            var headers = SecurityHeaders.forSecrets
            headers.set("Cache-Control", "private, no-cache")
            return HTTPResponse(status: .ok, contentType: "text/calendar; charset=utf-8", body: Array(text.utf8), headers: headers)
        }
    }

    static func feedPath(_ token: String) -> String { "/feeds/\(token).ics" }

    /// The feed's token is its file name: never into a log.
    static let feedOptions = {
        var options = API.options
        options.secretParameters = ["file"]
        return options
    }()
}
