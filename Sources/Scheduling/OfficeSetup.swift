/// Everything the allocator needs to know about one office: its catalogue,
/// opening rules, closures and policy. Booking assembles it from the store;
/// Scheduling never loads anything itself.
public struct OfficeSetup: Sendable {
    public let office: Office
    public let timeZone: TimeZoneRules
    /// The catalogue entries this office offers (others are ignored).
    public let services: [Service]
    public let offerings: [ServiceOffering]
    /// Rules of this office only; rules naming another office are dropped.
    public let rules: [OpeningRule]
    /// Closures of this office only.
    public let closures: [Closure]
    /// Changed counters of single dates, of this office only.
    public let capacityChanges: [CapacityChange]
    public let policy: BookingPolicy
    /// Public holidays of the office's Land close it unless this is false
    /// (e.g. a mobile office at a holiday market).
    public let observesPublicHolidays: Bool
    /// Differs between two setups whose plans may differ: a cache of plans
    /// keyed by it can never hand out a plan of an older setup.
    public let revision: Int

    private let servicesById: [ServiceID: Service]
    private let channelsByService: [ServiceID: Set<Channel>]

    public enum SetupError: Error, Hashable, Sendable {
        case unknownTimeZone(String)
        /// An offering names a service missing from `services`.
        case unknownService(ServiceID)
    }

    public init(office: Office, services: [Service], offerings: [ServiceOffering], rules: [OpeningRule],
                closures: [Closure] = [], policy: BookingPolicy = BookingPolicy(),
                observesPublicHolidays: Bool = true, capacityChanges: [CapacityChange] = []) throws(SetupError) {
        guard let zone = office.timeZone else { throw .unknownTimeZone(office.timeZoneId) }
        var byId: [ServiceID: Service] = [:]
        for service in services { byId[service.id] = service }
        var channels: [ServiceID: Set<Channel>] = [:]
        for offering in offerings {
            guard byId[offering.serviceId] != nil else { throw .unknownService(offering.serviceId) }
            channels[offering.serviceId, default: []].formUnion(offering.channels)
        }
        self.office = office
        self.timeZone = zone
        self.services = services.filter { channels[$0.id] != nil }
        self.offerings = offerings
        // Sorted by id so that every derived plan is independent of the order
        // in which the store returned the rows.
        self.rules = rules.filter { $0.officeId == office.id }.sorted { $0.id < $1.id }
        self.closures = closures.filter { $0.officeId == office.id }.sorted { $0.id < $1.id }
        self.capacityChanges = capacityChanges.filter { $0.officeId == office.id }.sorted { $0.id < $1.id }
        self.policy = policy
        self.observesPublicHolidays = observesPublicHolidays
        var hasher = Hasher()
        hasher.combine(office)
        hasher.combine(self.rules)
        hasher.combine(self.closures)
        hasher.combine(self.capacityChanges)
        hasher.combine(observesPublicHolidays)
        self.revision = hasher.finalize()
        self.servicesById = byId.filter { channels[$0.key] != nil }
        self.channelsByService = channels
    }

    /// The offered service with this id.
    public func service(_ id: ServiceID) -> Service? { servicesById[id] }

    /// Channels through which a service can be booked here (empty if not offered).
    public func channels(for serviceId: ServiceID) -> Set<Channel> { channelsByService[serviceId] ?? [] }

    /// Ids of the offered services, sorted (the API's `Office.services`).
    public var offeredServiceIds: [ServiceID] { channelsByService.keys.sorted() }
}
