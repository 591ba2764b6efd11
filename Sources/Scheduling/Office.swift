/// A city or district (Kommune / Mandant). A call centre may answer for
/// several, so every office names the municipality it belongs to.
public struct Municipality: Hashable, Codable, Sendable, Identifiable {
    /// Personal data of an appointment is kept this many days after it unless told otherwise.
    public static let defaultRetentionDays = 14

    public var id: MunicipalityID
    public var name: String
    /// Days after an appointment its personal data is kept (the retention issue deletes it then).
    public var retentionDays: Int
    /// Who runs the service, for the legal pages; nil until the municipality says.
    public var contact: MunicipalityContact?

    public init(id: MunicipalityID, name: String, retentionDays: Int = Municipality.defaultRetentionDays,
                contact: MunicipalityContact? = nil) {
        self.id = id
        self.name = name
        self.retentionDays = retentionDays
        self.contact = contact
    }
}

/// What an office does; drives which services it usually offers and how it is
/// listed, never how capacity is counted.
public enum OfficeKind: String, CaseIterable, Codable, Sendable {
    case citizensOffice
    case vehicleRegistration
    case drivingLicence
    /// A "Bürgerbüro-Mobil": a van or temporary desk, with its own rules.
    case mobile
}

public struct Address: Hashable, Codable, Sendable {
    public var street: String
    public var postalCode: String
    public var city: String

    public init(street: String, postalCode: String, city: String) {
        self.street = street
        self.postalCode = postalCode
        self.city = city
    }

    /// One line for lists, exports and calendar entries.
    public var singleLine: String { "\(street), \(postalCode) \(city)" }
}

/// A place with counters (Standort).
public struct Office: Hashable, Codable, Sendable, Identifiable {
    public var id: OfficeID
    public var name: String
    public var kind: OfficeKind
    public var municipalityId: MunicipalityID
    public var address: Address
    /// The Land decides which public holidays close the office.
    public var land: Land
    /// IANA name of the office's zone; only zones `TimeZoneRules` knows work.
    public var timeZoneId: String
    /// The e-mail address of the office's own mailbox, where callbacks for it are sent; nil for none.
    public var mailbox: String?

    public init(id: OfficeID, name: String, kind: OfficeKind, municipalityId: MunicipalityID,
                address: Address, land: Land, timeZoneId: String = "Europe/Berlin", mailbox: String? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.municipalityId = municipalityId
        self.address = address
        self.land = land
        self.timeZoneId = timeZoneId
        self.mailbox = mailbox
    }

    public var timeZone: TimeZoneRules? { TimeZoneRules(identifier: timeZoneId) }

    /// The office's own place, where its bands are unless a rule says otherwise.
    public var location: Location { Location(name: name, address: address) }
}
