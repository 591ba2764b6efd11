import Core
import HTTPServer
import Scheduling

/// `GET /api/v1/offices/{officeId}/statistics` and `statistics.csv`
///: staff of the office and admins.
extension API {
    func registerStatistics(on routes: APIRoutes) {
        routes.get("/api/v1/offices/:officeId/statistics", Self.dayRoles) { request in
            try BookingProblems.answer {
                let figures = try statisticsFigures(request)
                return .json(Representations.statistics(figures), reservingCapacity: 8192)
            }
        }
        routes.get("/api/v1/offices/:officeId/statistics.csv", Self.dayRoles) { request in
            try BookingProblems.answer {
                let figures = try statisticsFigures(request)  // who asks is checked first
                var query = QueryParameters(request.http)
                let excel = query.flag("excel")
                try query.check()
                return StatisticsCSV.response(figures, excel: excel)
            }
        }
    }

    private func statisticsFigures(_ request: SignedInRequest) throws -> OfficeStatistics {
        let officeId = try staffOffice(request)
        var query = QueryParameters(request.http)
        let from = query.date("from", required: false)
        let to = query.date("to", required: false)
        try query.check()
        let period = try statistics.defaultPeriod(office: officeId)
        // Four weeks unless told: back from `to`, on from `from`, or up to today.
        let first = from ?? (to.map { $0.adding(days: -27) } ?? period.from)
        let last = to ?? (from.map { $0.adding(days: 27) } ?? period.through)
        let issues = Statistics.issues(from: first, through: last)
        if !issues.isEmpty { throw Problem.invalidValues(issues.map { FieldError(field: $0.field, message: $0.message) }) }
        return try statistics.figures(office: officeId, from: first, through: last)
    }
}
