/// The statutory public holidays of every German Land.
///
/// Scope and deliberate simplifications (the lead's decisions to revisit):
/// - Rules are today's (from 1995, when Buß- und Bettag stopped being
///   nationwide); earlier years are computed with the same rules.
/// - Holidays that only some municipalities of a Land keep are decided per
///   Land: Mariä Himmelfahrt counts for all of Bayern (it is a holiday in
///   most Bavarian municipalities, incl. all larger cities); Fronleichnam is
///   not applied in Sachsen and Thüringen (only a few Catholic municipalities
///   there keep it); the Augsburger Friedensfest (city of Augsburg only) is
///   left out. An office in such a place adds a `Closure`.
/// - Ostersonntag and Pfingstsonntag are statutory in Brandenburg and Hessen.
/// - One-off holidays are included: Reformationstag 2017 everywhere,
///   Tag der Befreiung (8 May) in Berlin in 2020 and 2025.
public enum PublicHolidays {
    /// Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    public static func easterSunday(year: Int) -> LocalDate {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(year: year, month: month, day: day)!
    }

    /// The holidays of one Land in one year, in date order.
    public static func holidays(year: Int, land: Land) -> [PublicHoliday] {
        Holiday.allCases
            .filter { lands(observing: $0, year: year).contains(land) }
            .compactMap { holiday in holiday.date(in: year).map { PublicHoliday(holiday: holiday, date: $0) } }
            .sorted { $0.date < $1.date }
    }

    /// The holiday on `date` in `land`, if any.
    public static func holiday(on date: LocalDate, in land: Land) -> PublicHoliday? {
        for holiday in Holiday.allCases where holiday.date(in: date.year) == date {
            if lands(observing: holiday, year: date.year).contains(land) {
                return PublicHoliday(holiday: holiday, date: date)
            }
        }
        return nil
    }

    /// Where a holiday is statutory in a given year (empty when not at all).
    public static func lands(observing holiday: Holiday, year: Int) -> Set<Land> {
        let everywhere = Set(Land.allCases)
        switch holiday {
        case .neujahr, .karfreitag, .ostermontag, .tagDerArbeit, .christiHimmelfahrt,
             .pfingstmontag, .tagDerDeutschenEinheit, .ersterWeihnachtstag, .zweiterWeihnachtstag:
            return everywhere
        case .heiligeDreiKoenige:
            return [.badenWuerttemberg, .bayern, .sachsenAnhalt]
        case .internationalerFrauentag:
            var lands: Set<Land> = []
            if year >= 2019 { lands.insert(.berlin) }
            if year >= 2023 { lands.insert(.mecklenburgVorpommern) }
            return lands
        case .ostersonntag, .pfingstsonntag:
            return [.brandenburg, .hessen]
        case .tagDerBefreiung:
            return year == 2020 || year == 2025 ? [.berlin] : []
        case .fronleichnam:
            return [.badenWuerttemberg, .bayern, .hessen, .nordrheinWestfalen, .rheinlandPfalz, .saarland]
        case .mariaeHimmelfahrt:
            return [.saarland, .bayern]
        case .weltkindertag:
            return year >= 2019 ? [.thueringen] : []
        case .reformationstag:
            if year == 2017 { return everywhere }
            var lands: Set<Land> = [.brandenburg, .mecklenburgVorpommern, .sachsen, .sachsenAnhalt, .thueringen]
            if year >= 2018 { lands.formUnion([.bremen, .hamburg, .niedersachsen, .schleswigHolstein]) }
            return lands
        case .allerheiligen:
            return [.badenWuerttemberg, .bayern, .nordrheinWestfalen, .rheinlandPfalz, .saarland]
        case .bussUndBettag:
            return [.sachsen]
        }
    }
}

/// A holiday by its German name; `date(in:)` knows how each one falls.
public enum Holiday: String, CaseIterable, Codable, Sendable {
    case neujahr, heiligeDreiKoenige, internationalerFrauentag, karfreitag, ostersonntag, ostermontag
    case tagDerArbeit, tagDerBefreiung, christiHimmelfahrt, pfingstsonntag, pfingstmontag, fronleichnam
    case mariaeHimmelfahrt, weltkindertag, tagDerDeutschenEinheit, reformationstag, allerheiligen
    case bussUndBettag, ersterWeihnachtstag, zweiterWeihnachtstag

    public var germanName: String {
        switch self {
        case .neujahr: "Neujahr"
        case .heiligeDreiKoenige: "Heilige Drei Könige"
        case .internationalerFrauentag: "Internationaler Frauentag"
        case .karfreitag: "Karfreitag"
        case .ostersonntag: "Ostersonntag"
        case .ostermontag: "Ostermontag"
        case .tagDerArbeit: "Tag der Arbeit"
        case .tagDerBefreiung: "Tag der Befreiung"
        case .christiHimmelfahrt: "Christi Himmelfahrt"
        case .pfingstsonntag: "Pfingstsonntag"
        case .pfingstmontag: "Pfingstmontag"
        case .fronleichnam: "Fronleichnam"
        case .mariaeHimmelfahrt: "Mariä Himmelfahrt"
        case .weltkindertag: "Weltkindertag"
        case .tagDerDeutschenEinheit: "Tag der Deutschen Einheit"
        case .reformationstag: "Reformationstag"
        case .allerheiligen: "Allerheiligen"
        case .bussUndBettag: "Buß- und Bettag"
        case .ersterWeihnachtstag: "1. Weihnachtstag"
        case .zweiterWeihnachtstag: "2. Weihnachtstag"
        }
    }

    /// The date in a year (nil outside 1…9999).
    public func date(in year: Int) -> LocalDate? {
        guard (1...9999).contains(year) else { return nil }
        func fixed(_ month: Int, _ day: Int) -> LocalDate { LocalDate(year: year, month: month, day: day)! }
        func easter(_ offset: Int) -> LocalDate { PublicHolidays.easterSunday(year: year).adding(days: offset) }
        switch self {
        case .neujahr: return fixed(1, 1)
        case .heiligeDreiKoenige: return fixed(1, 6)
        case .internationalerFrauentag: return fixed(3, 8)
        case .karfreitag: return easter(-2)
        case .ostersonntag: return easter(0)
        case .ostermontag: return easter(1)
        case .tagDerArbeit: return fixed(5, 1)
        case .tagDerBefreiung: return fixed(5, 8)
        case .christiHimmelfahrt: return easter(39)
        case .pfingstsonntag: return easter(49)
        case .pfingstmontag: return easter(50)
        case .fronleichnam: return easter(60)
        case .mariaeHimmelfahrt: return fixed(8, 15)
        case .weltkindertag: return fixed(9, 20)
        case .tagDerDeutschenEinheit: return fixed(10, 3)
        case .reformationstag: return fixed(10, 31)
        case .allerheiligen: return fixed(11, 1)
        case .bussUndBettag:
            // The Wednesday before 23 November: between 16 and 22 November.
            let day22 = fixed(11, 22)
            return day22.adding(days: -((day22.weekday.isoNumber - Weekday.wednesday.isoNumber + 7) % 7))
        case .ersterWeihnachtstag: return fixed(12, 25)
        case .zweiterWeihnachtstag: return fixed(12, 26)
        }
    }
}

public struct PublicHoliday: Hashable, Sendable {
    public let holiday: Holiday
    public let date: LocalDate
    public var name: String { holiday.germanName }
}
