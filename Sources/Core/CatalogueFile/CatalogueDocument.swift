import Scheduling

/// The whole catalogue as one value, shaped like the catalogue file
/// (docs/catalogue.md): what `terminbuch catalogue export` writes and
/// `import` applies. Opening rules, closures and offerings sit inside their
/// office, so the file never repeats an office id. Capacity changes are
/// the day's operations, not the catalogue, and are not part of it.
public struct CatalogueDocument: Hashable, Sendable {
    /// One office with everything that belongs to it alone.
    public struct OfficeEntry: Hashable, Sendable {
        public var office: Office
        public var policy: BookingPolicy
        public var observesPublicHolidays: Bool
        public var offerings: [ServiceOffering]
        public var rules: [OpeningRule]
        public var closures: [Closure]

        public init(office: Office, policy: BookingPolicy, observesPublicHolidays: Bool, offerings: [ServiceOffering],
                    rules: [OpeningRule], closures: [Closure]) {
            self.office = office
            self.policy = policy
            self.observesPublicHolidays = observesPublicHolidays
            self.offerings = offerings
            self.rules = rules
            self.closures = closures
        }
    }

    public var municipalities: [Municipality]
    public var services: [Service]
    public var offices: [OfficeEntry]

    public init(municipalities: [Municipality], services: [Service], offices: [OfficeEntry]) {
        self.municipalities = municipalities
        self.services = services
        self.offices = offices
    }

    /// Every list sorted by id: the order export writes, so the same
    /// catalogue is always the same bytes whatever order it was read in.
    public var sorted: CatalogueDocument {
        CatalogueDocument(
            municipalities: municipalities.sorted { $0.id < $1.id },
            services: services.sorted { $0.id < $1.id },
            offices: offices.map { entry in
                var entry = entry
                entry.offerings.sort { $0.serviceId < $1.serviceId }
                entry.rules.sort { $0.id < $1.id }
                entry.closures.sort { $0.id < $1.id }
                return entry
            }.sorted { $0.office.id < $1.office.id })
    }
}

extension CatalogueDocument {
    /// The catalogue as the store serves it.
    init(_ catalogue: Catalogue) {
        self.init(
            municipalities: catalogue.municipalities, services: catalogue.services,
            offices: catalogue.offices.compactMap { office in
                catalogue.setup(office.id).map { setup in
                    OfficeEntry(office: office, policy: setup.policy, observesPublicHolidays: setup.observesPublicHolidays,
                                offerings: setup.offerings, rules: setup.rules, closures: setup.closures)
                }
            })
        self = sorted
    }
}
