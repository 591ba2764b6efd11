/// The sixteen German states. Public holidays differ by Land, so every office
/// names its Land. Raw values are the official two-letter codes (ISO 3166-2:DE
/// without the `DE-` prefix).
public enum Land: String, CaseIterable, Codable, Sendable {
    case badenWuerttemberg = "BW"
    case bayern = "BY"
    case berlin = "BE"
    case brandenburg = "BB"
    case bremen = "HB"
    case hamburg = "HH"
    case hessen = "HE"
    case mecklenburgVorpommern = "MV"
    case niedersachsen = "NI"
    case nordrheinWestfalen = "NW"
    case rheinlandPfalz = "RP"
    case saarland = "SL"
    case sachsen = "SN"
    case sachsenAnhalt = "ST"
    case schleswigHolstein = "SH"
    case thueringen = "TH"

    public var code: String { rawValue }

    public var germanName: String {
        switch self {
        case .badenWuerttemberg: "Baden-Württemberg"
        case .bayern: "Bayern"
        case .berlin: "Berlin"
        case .brandenburg: "Brandenburg"
        case .bremen: "Bremen"
        case .hamburg: "Hamburg"
        case .hessen: "Hessen"
        case .mecklenburgVorpommern: "Mecklenburg-Vorpommern"
        case .niedersachsen: "Niedersachsen"
        case .nordrheinWestfalen: "Nordrhein-Westfalen"
        case .rheinlandPfalz: "Rheinland-Pfalz"
        case .saarland: "Saarland"
        case .sachsen: "Sachsen"
        case .sachsenAnhalt: "Sachsen-Anhalt"
        case .schleswigHolstein: "Schleswig-Holstein"
        case .thueringen: "Thüringen"
        }
    }
}
