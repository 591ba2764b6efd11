import Core
import Scheduling
import Templating

/// The statistics page's charts and tables: every chart from the same rows
/// its table shows, so the picture and the numbers cannot disagree.
struct StatisticsView {
    let texts: TextCatalogue
    let format: CitizenFormat
    let figures: OfficeStatistics

    func percent(_ share: Double?) -> String {
        guard let share else { return texts.text("statistics.none") }
        return texts.format("statistics.percent", ["value": String(Int((share * 100).rounded()))])
    }

    var templateValue: TemplateValue {
        let channels = Channel.allCases.map { channel in
            (texts.channelName(channel), figures.bookingsByChannel[channel] ?? 0)
        }
        let outcomes = [("statistics.outcome.attended", figures.attended), ("statistics.outcome.noShow", figures.noShows),
                        ("statistics.outcome.cancelled", figures.cancellations)].map { (texts.text($0.0), $0.1) }
        return [
            "period": .string(texts.format("statistics.period", ["from": format.date(figures.from), "to": format.date(figures.through)])),
            "bookings": .string(String(figures.bookings)),
            "noShowRate": .string(percent(figures.noShowRate)),
            "channelChart": bars("chart-channels", "statistics.channels.title", "statistics.channels.description", channels),
            "channelRows": rows(channels),
            "outcomeChart": bars("chart-outcomes", "statistics.outcomes.title", "statistics.outcomes.description", outcomes),
            "outcomeRows": rows(outcomes),
            "walkIns": walkIns,
            "utilisation": utilisation,
        ]
    }

    private func bars(_ id: String, _ title: String, _ description: String, _ data: [(String, Int)]) -> TemplateValue {
        let summary = data.map { "\($0.0): \($0.1)" }.joined(separator: ", ")
        return BarChart(id: id, title: texts.text(title), description: texts.format(description, ["values": summary]),
                        bars: data.map { BarChart.Bar(label: $0.0, value: Double($0.1), valueText: String($0.1)) }).svg()
    }

    private func rows(_ data: [(String, Int)]) -> TemplateValue {
        .list(data.map { ["label": .string($0.0), "value": .string(String($0.1))] })
    }

    /// Walk-ins from the front desk's tickets, with their waiting times.
    private var walkIns: TemplateValue {
        let walkIns = figures.walkIns
        let data = [(texts.text("statistics.walkIns.tickets"), walkIns.tickets), (texts.text("statistics.walkIns.called"), walkIns.called)]
        return [
            "chart": bars("chart-walk-ins", "statistics.walkIns.title", "statistics.walkIns.description", data),
            "rows": rows(data),
            "averageWait": .string(walkIns.averageWaitMinutes.map { texts.format("statistics.minutes", ["value": String(Int($0.rounded()))]) }
                ?? texts.text("statistics.none")),
            "longestWait": .string(walkIns.longestWaitMinutes.map { texts.format("statistics.minutes", ["value": String($0)]) }
                ?? texts.text("statistics.none")),
        ]
    }

    private var utilisation: TemplateValue {
        let cells = figures.utilisation
        guard !cells.isEmpty else { return .null }
        let weekdays = Weekday.allCases.filter { day in cells.contains { $0.weekday == day } }
        let hours = Array((cells.map(\.hour).min() ?? 0)...(cells.map(\.hour).max() ?? 0))
        let hourLabels = hours.map { StatisticsCSV.hour($0) }
        let map = HeatMap(
            id: "chart-utilisation", title: texts.text("statistics.utilisation.title"),
            description: texts.text("statistics.utilisation.description"),
            rowLabels: weekdays.map(format.weekday), columnLabels: hourLabels,
            cells: cells.compactMap { cell in
                guard let row = weekdays.firstIndex(of: cell.weekday), let column = hours.firstIndex(of: cell.hour) else { return nil }
                return HeatMap.Cell(row: row, column: column, share: cell.ratio, text: percent(cell.ratio))
            })
        return [
            "chart": map.svg(),
            "hours": .list(hourLabels.map { .string($0) }),
            "rows": .list(weekdays.map { day in
                [
                    "weekday": .string(format.weekday(day)),
                    "cells": .list(hours.map { hour in
                        guard let cell = cells.first(where: { $0.weekday == day && $0.hour == hour }) else { return ["text": "–"] }
                        return ["text": .string(texts.format("statistics.utilisation.cell", [
                            "percent": percent(cell.ratio), "booked": String(cell.booked), "bookable": String(cell.bookable),
                        ]))]
                    }),
                ]
            }),
        ]
    }
}
