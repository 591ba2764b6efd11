import Templating

/// Writes the SVG of a chart: an `<svg role="img">` named by its `<title>`
/// and `<desc>` (`aria-labelledby`), every text escaped. Colours are
/// presentation attributes, not `style`: the CSP forbids inline styles, and
/// the chart stays legible when the stylesheet does not load.
struct SVGWriter {
    private(set) var text = ""
    let id: String

    /// - Parameter id: unique on the page; prefixes the ids of title and desc.
    init(id: String, width: Int, height: Int, title: String, description: String) {
        self.id = id
        text = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" id=\"\(id)\""
            + " viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\""
            + " aria-labelledby=\"\(id)-title \(id)-desc\">"
            + "<title id=\"\(id)-title\">\(Self.escape(title))</title>"
            + "<desc id=\"\(id)-desc\">\(Self.escape(description))</desc>"
    }

    enum Anchor: String { case start, middle, end }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String) {
        text += "<rect x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(max(0, width)))\""
            + " height=\"\(Self.number(height))\" fill=\"\(fill)\"/>"
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double) {
        text += "<line x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" y2=\"\(Self.number(y2))\""
            + " stroke=\"#505a5f\" stroke-width=\"1\"/>"
    }

    mutating func label(_ content: String, x: Double, y: Double, anchor: Anchor = .start, fill: String = "#0b0c0c",
                        size: Int = 13) {
        text += "<text x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" text-anchor=\"\(anchor.rawValue)\""
            + " font-size=\"\(size)\" font-family=\"sans-serif\" fill=\"\(fill)\">\(Self.escape(content))</text>"
    }

    /// The finished SVG, for `{{{chart}}}` in a template.
    func finished() -> TemplateValue { .html(text + "</svg>") }

    static func escape(_ text: String) -> String { HTML.escape(text) }

    /// Coordinates with at most one decimal, never in exponent notation.
    static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(abs(tenths % 10))"
    }
}
