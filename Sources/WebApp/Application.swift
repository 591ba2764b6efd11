import Core
import HTTPServer
import Scheduling
import Synchronization

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
        /// How e-mail is sent; nil sends none (`--no-mail`): the outbox keeps every message pending.
        public var mail: MailSettings?

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
    private let configuration: Configuration
    /// Its templates and texts write the e-mails too.
    private let pages: Pages
    private let delivery = Mutex<MailDelivery?>(nil)
    private let lapses = Mutex<UnconfirmedLapses?>(nil)
    private let retention = Mutex<RetentionSchedule?>(nil)
    /// Shared by the API and the sign-in page; the retention runs forget its old entries.
    private let throttle: SignInThrottle

    public init(_ configuration: Configuration) throws {
        self.configuration = configuration
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
        HealthRoutes(store: store, outbox: configuration.mail == nil ? nil : useCases.outbox).register(on: builder)
        throttle = SignInThrottle(clock: configuration.clock)
        let links = AbsoluteLinks(publicURL: configuration.publicURL)
        pages = try Pages(useCases: useCases, throttle: throttle, links: links,
                          templatesDirectory: configuration.templatesDirectory
                              ?? configuration.publicDirectory + "/../Templates")
        apiRoutes = try API(useCases: useCases, throttle: throttle, links: links, translations: pages.translations,
                            publicDirectory: configuration.publicDirectory)
            .register(on: builder)
        pages.register(on: builder)
        DeskPages(pages: pages).register(on: builder)
        builder.unknownPath(pages.unknownPath)
        router = builder.build()
        requestMetrics = RequestMetrics(router: router)
    }

    /// Starts delivering the outbox's messages, when the configuration
    /// sends mail, with links to `--public-url` or else to `listening`, the
    /// server's own address (known only once it listens, for `--port 0`).
    public func startMailDelivery(listening: PublicURL) {
        guard let mail = configuration.mail else { return }
        let composer = MailComposer(templates: pages.templates, translations: pages.translations, sender: mail.sender,
                                    publicURL: configuration.publicURL ?? listening,
                                    catalogue: { [useCases] in try useCases.catalogue() })
        let worker = MailDelivery(outbox: useCases.outbox, composer: composer, transport: mail.transport,
                                  clock: configuration.clock, log: mail.log)
        delivery.withLock { running in
            guard running == nil else { return }
            running = worker
            worker.start()
        }
    }

    /// Lapses unconfirmed bookings as their time runs out (`UnconfirmedLapses`):
    /// the server's choice, so tests and commands that open an application start no thread.
    public func startLapsingUnconfirmed(log: @escaping @Sendable (String) -> Void) {
        lapses.withLock { running in
            guard running == nil else { return }
            let sweep = UnconfirmedLapses(bookings: useCases.bookings, clock: configuration.clock, log: log)
            running = sweep
            sweep.start()
        }
    }

    /// Erases what is due now and then daily at `time`, Europe/Berlin
    /// (`RetentionSchedule`), forgetting after each run the throttles'
    /// entries outside their windows; `told` hears each run's outcome. The
    /// server's choice, as the lapses are.
    public func startRetention(at time: LocalTime,
                               told: @escaping @Sendable (RetentionTrigger, Result<RetentionReport, any Error>) -> Void) {
        retention.withLock { running in
            guard running == nil else { return }
            let (retention, throttle, outbox) = (useCases.retention, self.throttle, useCases.outbox)
            let schedule = RetentionSchedule(time: time, clock: configuration.clock,
                                             run: { try retention.run($0, until: $1) },
                                             afterRun: {
                                                 throttle.forgetExpired()
                                                 outbox.forgetOldLinkRequests()
                                             },
                                             told: told)
            running = schedule
            schedule.start()
        }
    }

    /// The clock jumped (a test moved it): what waits for a time looks again.
    public func clockMoved() {
        useCases.outbox.bell.ring()
        lapses.withLock { $0?.wake() }
        retention.withLock { $0?.wake() }
    }

    /// Stops the delivery worker (its message in flight finished), the
    /// lapses and the retention runs (one in progress finished) before the
    /// store closes.
    public func close() {
        delivery.withLock { $0.take() }?.stop()
        lapses.withLock { $0.take() }?.stop()
        retention.withLock { $0.take() }?.stop()
        store.close()
    }
}
