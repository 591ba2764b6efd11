import Scheduling
import Templating

/// Utilisation by weekday (rows) and hour (columns): each cell is shaded by
/// its share and carries the share as text, so neither colour nor hover is
/// needed to read it; hours without opening stay blank.
struct HeatMap {
    struct Cell {
        let row: Int
        let column: Int
        /// 0…1; nil for a cell with nothing bookable.
        let share: Double?
        let text: String
    }

    let id: String
    let title: String
    let description: String
    let rowLabels: [String]
    let columnLabels: [String]
    let cells: [Cell]

    static let labelWidth = 110.0, cellWidth = 46.0, cellHeight = 30.0, headerHeight = 24.0

    func svg() -> TemplateValue {
        let width = Self.labelWidth + Double(columnLabels.count) * Self.cellWidth + 4
        let height = Self.headerHeight + Double(rowLabels.count) * Self.cellHeight + 4
        var writer = SVGWriter(id: id, width: Int(width.rounded(.up)), height: Int(height.rounded(.up)),
                               title: title, description: description)
        for (column, label) in columnLabels.enumerated() {
            writer.label(label, x: Self.labelWidth + (Double(column) + 0.5) * Self.cellWidth, y: 16, anchor: .middle, size: 12)
        }
        for (row, label) in rowLabels.enumerated() {
            writer.label(label, x: Self.labelWidth - 8, y: Self.headerHeight + Double(row) * Self.cellHeight + 20, anchor: .end)
        }
        for cell in cells {
            let x = Self.labelWidth + Double(cell.column) * Self.cellWidth
            let y = Self.headerHeight + Double(cell.row) * Self.cellHeight
            let share = min(1, max(0, cell.share ?? 0))
            writer.rect(x: x + 1, y: y + 1, width: Self.cellWidth - 2, height: Self.cellHeight - 2, fill: Self.shade(share))
            // Dark text on light cells, white on dark ones: contrast ≥ 4.5:1 either way.
            writer.label(cell.text, x: x + Self.cellWidth / 2, y: y + 20, anchor: .middle,
                         fill: share > 0.55 ? "#ffffff" : "#0b0c0c", size: 12)
        }
        return writer.finished()
    }

    /// From a pale to a deep blue in six steps.
    static func shade(_ share: Double) -> String {
        let palette = ["#f3f7fb", "#d2e2f1", "#a6c6e3", "#6f9fd0", "#2f6fb0", "#0b3d73"]
        return palette[min(palette.count - 1, Int(share * Double(palette.count - 1) + 0.5))]
    }
}
