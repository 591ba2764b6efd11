import Core
import HTTPServer
import Scheduling
import Templating

/// `/dienst/{officeId}/statistik`: the figures of a period as charts
/// drawn on the server (SVG, no script), each with its data as a table
/// below, and the same figures as a CSV download.
extension Pages {
    func registerStatisticsPages(on builder: RouterBuilder) {
        officeGet(builder, "statistik") { page, context in
            var errors = FormErrors()
            let period = try statisticsPeriod(page, context, errors: &errors)
            var values = officeValues(context, page, current: "statistik")
            values.set("values", ["from": .string(page.query["from"] ?? period.from.description),
                                  "to": .string(page.query["to"] ?? period.through.description)])
            values.set("action", .string(Self.officePath(context.office.id, "statistik")))
            guard errors.isEmpty else {
                return try render("pages/office-statistics", values, page, status: .unprocessableContent, errors: errors)
            }
            let figures = try statistics.figures(office: context.office.id, from: period.from, through: period.through)
            values.set("figures", StatisticsView(texts: page.texts, format: page.format(in: try zone(context.office.id)), figures: figures).templateValue)
            let csv = Self.officePath(context.office.id, "statistik.csv")
            let span: [(String, String?)] = [("from", period.from.description), ("to", period.through.description)]
            values.set("csvHref", .string(PageLink.make(csv, span)))
            values.set("excelHref", .string(PageLink.make(csv, span + [("excel", "1")])))
            return try render("pages/office-statistics", values, page)
        }
        officeGet(builder, "statistik.csv") { page, context in
            var errors = FormErrors()
            let period = try statisticsPeriod(page, context, errors: &errors)
            guard errors.isEmpty else { throw PageFailure.redirect(Self.officePath(context.office.id, "statistik")) }
            let figures = try statistics.figures(office: context.office.id, from: period.from, through: period.through)
            return StatisticsCSV.response(figures, excel: page.query["excel"] == "1")
        }
    }

    /// `from` and `to` of the query, four weeks up to today unless given.
    private func statisticsPeriod(_ page: PageRequest, _ context: OfficeContext,
                                  errors: inout FormErrors) throws -> (from: LocalDate, through: LocalDate) {
        let standard = try statistics.defaultPeriod(office: context.office.id)
        let from = dateField("from", page, required: false, errors: &errors)
        let to = dateField("to", page, required: false, errors: &errors)
        let first = from ?? to.map { $0.adding(days: -27) } ?? standard.from
        let last = to ?? from.map { $0.adding(days: 27) } ?? standard.through
        if errors.isEmpty, let issue = Statistics.issues(from: first, through: last).first {
            errors.add(issue.field, page.texts.text(last < first ? "officeChanges.error.throughBeforeFrom"
                                                                  : "officeChanges.error.periodTooLong"))
        }
        return (first, last)
    }
}
