import Core
import Scheduling

/// Where citizens are sent, as the pages say it: the office and its
/// address, or the office and the place its band is held at (a mobile
/// office in a library branch). The place itself is Scheduling's answer
/// (`OfficeSetup.location(at:)`, `Booking.location`); this only words it.
extension Pages {
    /// "Bürgerbüro Mitte, Hinrich-Schmalfeldt-Straße 42, 27576 Bremerhaven", or
    /// "Mobiler Bürgerservice, Stadtbibliothek Leherheide, Am Leher Markt 1, 27578 Bremerhaven".
    static func place(_ office: Office, at location: Location) -> String {
        office.name + ", " + address(office, at: location)
    }

    /// The address alone at the office's own place, else the place's name
    /// and address (the office's name is shown next to it).
    static func address(_ office: Office, at location: Location) -> String {
        location == office.location ? office.address.singleLine : location.singleLine
    }

    /// The places of a day, in its order ("; " between two): the office's
    /// own on a day it is not open.
    static func place(_ office: Office, on date: LocalDate, setup: OfficeSetup?) -> String {
        let locations = setup?.locations(on: date) ?? []
        guard !locations.isEmpty else { return place(office, at: office.location) }
        return office.name + ", " + locations.map { address(office, at: $0) }.joined(separator: "; ")
    }

    /// Each start's place, on a day held at more than one; nil on the
    /// others, whose one place the page says above the times.
    static func startPlaces(_ office: Office, on date: LocalDate, setup: OfficeSetup?) -> ((Instant) -> String)? {
        guard let setup, setup.locations(on: date).count > 1 else { return nil }
        return { start in address(office, at: setup.location(at: start)) }
    }

    /// Each listed day's place, for an office that holds bands elsewhere;
    /// nil for the others, whose every day is at the address above the list.
    static func dayPlaces(_ office: Office, setup: OfficeSetup?) -> ((LocalDate) -> String)? {
        guard let setup, setup.holdsBandsElsewhere else { return nil }
        return { date in setup.locations(on: date).map { address(office, at: $0) }.joined(separator: "; ") }
    }
}
