import Core
import HTTPServer
import Scheduling

/// The web application: the store, the use cases, the static files and
/// every route, wired once at start into a frozen router.
public final class Application: Sendable {
    public struct Configuration: Sendable {
        public var databasePath: String
        public var publicDirectory: String
        /// Seed a new, empty database with the demo offices and accounts.
        public var seedDemoData = true
        public var demoPassword = "demo"
        public var clock: any Clock = SystemClock()
        public var passwordHasher = PasswordHasher()
        /// The page templates and catalogues; `Templates/` beside `Public/` unless set.
        public var templatesDirectory: String?
        /// The demo's catalogue file, imported into a new database in demo
        /// mode; `Examples/demo/catalogue.json` beside `Public/` unless set.
        public var demoCatalogue: String?
        /// Where the store tells a storage fault's start and end; standard error unless set.
        public var storeLog: (@Sendable (String) -> Void)?
        /// Where citizens reach the service (`--public-url`); nil for a
        /// server on loopback, whose links then name its own address.
        public var publicURL: PublicURL?

        /// Where the demo's catalogue lies in the repository, beside `Public/`.
        public static let demoCatalogueInRepository = "Examples/demo/catalogue.json"

        public init(databasePath: String, publicDirectory: String) {
            self.databasePath = databasePath
            self.publicDirectory = publicDirectory
        }
    }

    public let store: Store
    public let useCases: UseCases
    public let router: Router
    /// Requests by route, status and latency: `ServerConfiguration.exchangeObserver`
    /// is its `observe`, the metrics page writes it.
    public let requestMetrics: RequestMetrics
    /// The writer's commits, timed (`Database.Configuration.commitObserver`).
    let commitLatency = LatencyHistogram()
    /// Every API route with the roles it declares (for the route-table test).
    let apiRoutes: [APIRoutes.Declaration]

    public init(_ configuration: Configuration) throws {
        let commitLatency = self.commitLatency
        store = try Store(path: configuration.databasePath,
                          configuration: .init(maximumReaderCount: 8, maximumBatchSize: 64,
                                               checkpointInterval: .milliseconds(200),
                                               commitObserver: { commitLatency.observe($0) }),
                          log: configuration.storeLog)
        useCases = UseCases(store: store, clock: configuration.clock, passwordHasher: configuration.passwordHasher,
                            demoAccountsEnabled: configuration.seedDemoData)
        if configuration.seedDemoData, try !DemoData.isSeeded(store: store) {
            let demo = try CatalogueFile.read(contentsOf: configuration.demoCatalogue
                ?? configuration.publicDirectory + "/../" + Configuration.demoCatalogueInRepository)
            try DemoData.seed(store: store, accounts: useCases.accounts, catalogue: demo, password: configuration.demoPassword)
        }
        let files = try StaticFiles(directory: configuration.publicDirectory)
        let builder = RouterBuilder()
        builder.use(SecurityHeaders.middleware(publicURL: configuration.publicURL))
        builder.use(APICaching.middleware)
        builder.use(APIProblems.middleware)
        files.register(on: builder)
        HealthRoutes(store: store, outbox: useCases.outbox).register(on: builder)
        let throttle = SignInThrottle(clock: configuration.clock)
        let links = AbsoluteLinks(publicURL: configuration.publicURL)
        let pages = try Pages(useCases: useCases, throttle: throttle, links: links,
                              templatesDirectory: configuration.templatesDirectory
                                  ?? configuration.publicDirectory + "/../Templates")
        apiRoutes = try API(useCases: useCases, throttle: throttle, links: links, translations: pages.translations,
                            publicDirectory: configuration.publicDirectory)
            .register(on: builder)
        pages.register(on: builder)
        DeskPages(pages: pages).register(on: builder)
        router = builder.build()
        requestMetrics = RequestMetrics(router: router)
    }

    public func close() {
        store.close()
    }
}
