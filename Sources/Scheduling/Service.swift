/// Something a citizen comes for (Dienstleistung), e.g. a passport.
public struct Service: Hashable, Codable, Sendable, Identifiable {
    public var id: ServiceID
    public var name: String
    public var description: String
    /// Minutes for the first person or vehicle.
    public var baseMinutes: Int
    /// Minutes for each further person or vehicle.
    public var minutesPerExtraUnit: Int
    /// The most persons or vehicles one booking may bring for this service.
    public var maxQuantity: Int
    /// Fee in euro cents; integers, because money is never a Double.
    public var feeCents: Int
    /// What to bring, shown on the confirmation page and in the e-mail.
    public var documents: [String]
    /// Name, description and documents in other languages, by language
    /// code (`en`); the texts above are the German ones.
    public var translations: [String: ServiceTranslation]
    /// The service's 14-digit key in the FIM/LeiKa catalogue, by which
    /// other systems (ZMS, the portals) name the same service; nil for none.
    public var leikaKey: String?

    public init(id: ServiceID, name: String, description: String = "", baseMinutes: Int,
                minutesPerExtraUnit: Int = 0, maxQuantity: Int = 1, feeCents: Int = 0, documents: [String] = [],
                translations: [String: ServiceTranslation] = [:], leikaKey: String? = nil) {
        self.id = id
        self.name = name
        self.description = description
        self.baseMinutes = baseMinutes
        self.minutesPerExtraUnit = minutesPerExtraUnit
        self.maxQuantity = maxQuantity
        self.feeCents = feeCents
        self.documents = documents
        self.translations = translations
        self.leikaKey = leikaKey
    }

    public var allowedQuantities: ClosedRange<Int> { 1...max(1, maxQuantity) }

    /// `base + (quantity − 1) · perExtra`.
    public func minutes(quantity: Int) -> Int {
        baseMinutes + (quantity - 1) * minutesPerExtraUnit
    }
}

/// That an office offers a service, and through which channels; e.g. a
/// vehicle registration may be bookable by phone and desk only.
public struct ServiceOffering: Hashable, Codable, Sendable {
    public var serviceId: ServiceID
    public var channels: Set<Channel>

    public init(serviceId: ServiceID, channels: Set<Channel> = Set(Channel.allCases)) {
        self.serviceId = serviceId
        self.channels = channels
    }
}

/// One line of a request: a service and how many persons or vehicles. The API
/// applies one `quantity` to every listed service; the domain allows each its own.
public struct RequestedService: Hashable, Codable, Sendable {
    public var serviceId: ServiceID
    public var quantity: Int

    public init(serviceId: ServiceID, quantity: Int = 1) {
        self.serviceId = serviceId
        self.quantity = quantity
    }
}
