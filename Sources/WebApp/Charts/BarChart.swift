import Templating

/// Horizontal bars, one per labelled value (bookings by channel, walk-ins):
/// the label at the left, the bar scaled to the largest value, the value as
/// text after the bar — the numbers are readable without judging lengths.
struct BarChart {
    struct Bar {
        let label: String
        let value: Double
        /// The value as shown ("12", "33 %").
        let valueText: String
    }

    let id: String
    let title: String
    let description: String
    let bars: [Bar]

    static let width = 560.0, labelWidth = 170.0, rowHeight = 30.0, barHeight = 20.0, valueWidth = 70.0

    func svg() -> TemplateValue {
        let height = Double(max(1, bars.count)) * Self.rowHeight + 10
        var writer = SVGWriter(id: id, width: Int(Self.width), height: Int(height), title: title, description: description)
        let largest = bars.map(\.value).max() ?? 0
        let room = Self.width - Self.labelWidth - Self.valueWidth
        for (index, bar) in bars.enumerated() {
            let top = 5 + Double(index) * Self.rowHeight
            let length = largest > 0 ? room * bar.value / largest : 0
            writer.label(bar.label, x: Self.labelWidth - 8, y: top + 15, anchor: .end)
            writer.rect(x: Self.labelWidth, y: top, width: length, height: Self.barHeight, fill: "#1d70b8")
            writer.label(bar.valueText, x: Self.labelWidth + length + 6, y: top + 15)
        }
        writer.line(x1: Self.labelWidth, y1: 0, x2: Self.labelWidth, y2: height)
        return writer.finished()
    }
}
