import Scheduling

/// Everything citizens choose from, read once and shared: municipalities,
/// offices, services, and each office's setup for the allocator. Rebuilt
/// after a change to any of it (rare: a closure, a new rule).
public struct Catalogue: Sendable {
    public let municipalities: [Municipality]
    public let offices: [Office]
    public let services: [Service]
    private let setups: [OfficeID: OfficeSetup]
    private let servicesById: [ServiceID: Service]

    init(municipalities: [Municipality], offices: [Office], services: [Service], setups: [OfficeID: OfficeSetup]) {
        self.municipalities = municipalities
        self.offices = offices
        self.services = services
        self.setups = setups
        servicesById = Dictionary(uniqueKeysWithValues: services.map { ($0.id, $0) })
    }

    public func office(_ id: OfficeID) -> Office? { setups[id]?.office }
    public func setup(_ officeId: OfficeID) -> OfficeSetup? { setups[officeId] }
    public func service(_ id: ServiceID) -> Service? { servicesById[id] }

    /// Offices offering a service, in catalogue order.
    public func offices(offering serviceId: ServiceID) -> [Office] {
        offices.filter { setups[$0.id]?.service(serviceId) != nil }
    }

    public func offices(in municipalityId: MunicipalityID) -> [Office] {
        offices.filter { $0.municipalityId == municipalityId }
    }

    /// What to bring for a set of services, in `language` (German unless
    /// told): their documents in order, each once.
    public func documents(for serviceIds: [ServiceID], in language: String = Service.catalogueLanguage) -> [String] {
        var seen: Set<String> = []
        return serviceIds.flatMap { servicesById[$0]?.texts(in: language).documents ?? [] }.filter { seen.insert($0).inserted }
    }
}
