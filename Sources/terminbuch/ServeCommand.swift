import CLinux
import Foundation
import Glibc
import HTTPServer
import Scheduling
import Core
import WebApp

/// `terminbuch serve`: open (or create and migrate) the database, start the
/// server, and drain gracefully on SIGTERM or SIGINT. A catalogue another
/// process changes is seen the moment it commits; SIGHUP still reloads it.
enum ServeCommand {
    static let flags = FlagTable("serve", [
        .value("host", "127.0.0.1", "the address to listen on"),
        .value("port", "8080", "the port to listen on (0: any free one)"),
        .database,
        .value("workers", "N", "event loops (default: one per core)"),
        .value("blocking-threads", "N", "threads for handlers that wait on the database"),
        .value("header-timeout-ms", "10000", "how long a client may take to send a request's head"),
        .value("idle-timeout-ms", "15000", "how long a keep-alive connection may idle"),
        .value("public", "./Public", "the static files folder"),
        .onOff("no-access-log", "write no line per request"),
        .value("log-format", "plain|json", "plain lines (the default) or one JSON object per line"),
        .onOff("no-demo", "start without the demo catalogue and accounts"),
        .value("demo-password", "demo", "the demo accounts' password"),
        .value("demo-catalogue", "./Examples/demo/catalogue.json", "the catalogue a new demo database is seeded from"),
        .value("now", "2026-12-01T07:55:00+01:00", "run the clock from this instant (demos)"),
        .value("trusted-proxies", "CIDR[,CIDR…]", "proxies whose X-Forwarded-For and X-Forwarded-Proto are believed"),
        .value("connections-per-client", "64", "connections one TCP peer may hold at once"),
        .value("public-url", "https://termine.example.de", "the scheme and host of links and whether cookies are Secure"),
        .value("metrics-listen", "127.0.0.1:9464", "serve /metrics for Prometheus on this address, never on the public port"),
        .value("retention-time", "03:00", "erase the personal data that is due daily at this time, Europe/Berlin (and at start)"),
        .onOff(TestMode.passwordCostSwitch, "test suite only: cheap password hashes"),
        .onOff(TestMode.clockSwitch, "test suite only: move the --now clock by lines on standard input"),
        .value(TestMode.databaseGrowthOption, "N", "test suite only: the database may grow by N pages"),
    ] + mailFlags, note: """
        Every flag can also be set as an environment variable: TERMINBUCH_PORT, TERMINBUCH_DATABASE, …
        Another process's catalogue change (terminbuch catalogue import) is served at once; SIGHUP reloads
        the catalogue anyway; SIGTERM or SIGINT stops.
        """)

    static func run(arguments: [String]) throws {
        // Block the signals before any thread starts, so every thread
        // inherits the mask and they arrive only through the descriptor.
        let signals = clinux_signalfd_for(SIGTERM, SIGINT, SIGHUP)
        guard signals >= 0 else { throw Options.UsageError(description: "cannot set up signal handling") }

        let options = try Options(arguments: arguments, table: flags)
        try options.requireNoPositional()
        var configuration = ServerConfiguration()
        configuration.host = options.string("host", default: "127.0.0.1")
        configuration.port = try options.int("port", default: 8080)
        configuration.eventLoops = try options.int("workers", default: configuration.eventLoops)
        configuration.blockingThreads = try options.int("blocking-threads", default: configuration.blockingThreads)
        configuration.readHeaderTimeout = .milliseconds(try options.int("header-timeout-ms", default: 10_000))
        configuration.idleTimeout = .milliseconds(try options.int("idle-timeout-ms", default: 15_000))
        configuration.accessLog = !options.flag("no-access-log")
        let format = options.string("log-format", default: LogFormat.plain.rawValue)
        guard let logFormat = LogFormat(rawValue: format) else {
            throw options.usageError("--log-format must be plain or json, not \"\(format)\"")
        }
        configuration.logFormat = logFormat
        let log = ProcessLog(format: logFormat)
        do {
            configuration.trustedProxies = try TrustedProxies(parsing: options.string("trusted-proxies", default: ""))
        } catch {
            throw Options.UsageError(description: "--trusted-proxies: \(error.description); give CIDR ranges "
                                     + "like 10.0.0.0/8,fd00::/8, separated by commas")
        }
        configuration.connectionsPerClient = try options.int("connections-per-client", default: configuration.connectionsPerClient)
        guard configuration.connectionsPerClient > 0 else {
            throw Options.UsageError(description: "--connections-per-client must be at least 1")
        }
        let publicDirectory = options.string("public", default: "./Public")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: publicDirectory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Options.UsageError(description: "the static files folder \(publicDirectory) does not exist: "
                                     + "start from the repository's top folder, or pass --public")
        }
        let databasePath = options.databasePath
        let metricsAddress = try options.optionalString("metrics-listen").map(ListenAddress.init(parsing:))
        let retentionTime = try retentionTime(options)

        var app = Application.Configuration(databasePath: databasePath, publicDirectory: publicDirectory)
        app.storeLog = { log.tell($0, level: .error) }
        app.seedDemoData = !options.flag("no-demo")
        app.demoPassword = options.string("demo-password", default: "demo")
        app.demoCatalogue = options.optionalString("demo-catalogue")
        if let text = options.optionalString("public-url") {
            do { app.publicURL = try PublicURL(parsing: text) } catch { throw Options.UsageError(description: "--public-url: \(error)") }
        }
        let (mail, mailLine) = try mailSettings(options, publicURL: app.publicURL)
        app.mail = mail
        app.passwordHasher = try TestMode.passwordHasher(switchGiven: options.flag(TestMode.passwordCostSwitch))
        var startingClock: (AdjustableClock, Instant)?
        if let now = options.optionalString("now") {
            // Demos and tests: the clock reads this instant when the server
            // starts listening, and runs on from there.
            guard let start = RFC3339.parse(now) else {
                throw Options.UsageError(description: "--now must be a date-time like 2026-12-01T07:55:00+01:00")
            }
            let clock = AdjustableClock(startingAt: start)
            app.clock = clock
            startingClock = (clock, start)
        }
        if options.flag(TestMode.clockSwitch) {
            try TestMode.require(TestMode.clockSwitch)
            guard startingClock != nil else {
                throw Options.UsageError(description: "--\(TestMode.clockSwitch) moves the clock of --now: give --now too")
            }
        }
        raiseOpenFilesLimit(log)
        let application = try demoSeeded(app)
        try TestMode.limitDatabaseGrowth(application.store, options: options)
        watchForChangesElsewhere(application.store, log)
        // Seeding a new database hashes the demo passwords at full scrypt
        // cost; the first request should not find that time gone.
        if let (clock, start) = startingClock { clock.set(start) }
        if options.flag(TestMode.clockSwitch), let (clock, _) = startingClock {
            TestMode.followClockLines(clock, moved: application.clockMoved, say: { log.say($0) })
        }
        configuration.exchangeObserver = application.requestMetrics.observe
        let server = try HTTPServer.start(configuration: configuration, router: application.router)
        log.say("terminbuch listening on http://\(configuration.host):\(server.port) (database \(databasePath))")
        log.say(mailLine)
        application.startLapsingUnconfirmed(log: { log.tell($0, level: .error) })
        application.startRetention(at: retentionTime, told: log.retention)
        application.startMailDelivery(listening: try PublicURL(parsing: "http://\(urlHost(configuration.host)):\(server.port)"))
        let metricsServer = try metricsAddress.map { try startMetrics(on: $0, application: application, server: server, log: log) }

        var info = signalfd_siginfo()
        while true {
            while read(signals, &info, MemoryLayout<signalfd_siginfo>.size) < 0 && errno == EINTR {}
            guard info.ssi_signo == UInt32(SIGHUP) else { break }
            // The operator's word, whatever the watch saw.
            application.store.reloadCatalogue()
            log.say("terminbuch: SIGHUP, reloaded the catalogue")
        }
        log.say("terminbuch: signal \(info.ssi_signo), finishing requests in flight")
        server.shutdown()
        metricsServer?.shutdown()
        server.wait()
        metricsServer?.wait()
        application.close()
        log.say("terminbuch: stopped")
    }

    /// `--retention-time`: a time of day, `HH:MM` from 00:00 to 23:59.
    static func retentionTime(_ options: Options) throws -> LocalTime {
        let text = options.string("retention-time", default: "03:00")
        guard let time = LocalTime(text), time < .endOfDay else {
            throw options.usageError("--retention-time must be a time of day like 03:00 (HH:MM, Europe/Berlin), not \"\(text)\"")
        }
        return time
    }

    /// The listening host as a URL writes it: an IPv6 address in brackets.
    static func urlHost(_ host: String) -> String { host.contains(":") ? "[\(host)]" : host }

    /// The application, which seeds a new database in demo mode from the
    /// demo's catalogue file: one it cannot read is a usage error (exit 64),
    /// as a missing `--public` is; one refused for what it holds exits 65
    /// with every problem, as `catalogue import` does.
    static func demoSeeded(_ configuration: Application.Configuration) throws -> Application {
        do { return try Application(configuration) } catch let error as CatalogueFile.Unusable {
            switch error {
            case .unreadable(let path):
                throw Options.UsageError(description: "the demo catalogue \(path) cannot be read: start from the repository's "
                                         + "top folder, pass --demo-catalogue, or run with --no-demo")
            case .refused:
                throw CatalogueCommand.Refused(description: "the demo catalogue " + error.description)
            }
        }
    }

    /// The metrics listener (`--metrics-listen`): a server of its own with
    /// `/metrics` alone, so the figures never reach the public port. One
    /// loop and one thread for the scrape; no access log, which a scrape
    /// every few seconds would fill.
    static func startMetrics(on address: ListenAddress, application: Application, server: HTTPServer,
                             log: ProcessLog) throws -> HTTPServer {
        var configuration = ServerConfiguration()
        configuration.host = address.host
        configuration.port = address.port
        configuration.eventLoops = 1
        configuration.blockingThreads = 1
        configuration.accessLog = false
        let metrics = try HTTPServer.start(configuration: configuration,
                                           router: MetricsPage(application: application, server: server).router())
        log.say("terminbuch metrics on http://\(address.host):\(metrics.port)/metrics")
        return metrics
    }

    /// Reloads the catalogue when `terminbuch catalogue import` (or another
    /// server) changes it, telling standard error. Without inotify (its
    /// limits reached) the server still runs, and says that SIGHUP is then
    /// the way.
    static func watchForChangesElsewhere(_ store: Store, _ log: ProcessLog) {
        do {
            try store.watchForChangesElsewhere(log: { log.tell($0, level: .info) })
        } catch {
            log.tell("terminbuch: \(error); another process's catalogue change is served only after SIGHUP")
        }
    }

    /// Every connection is a descriptor: a soft limit of 1024, the default of
    /// many systems, would let 1,000 slow clients take the server's last ones.
    /// The hard limit is the operator's word; the soft one is ours to raise.
    static func raiseOpenFilesLimit(_ log: ProcessLog) {
        do {
            if let change = try OpenFilesLimit.raiseToHardLimit() {
                log.say("terminbuch: raised the open-files limit from \(change.from) to \(change.to)")
            }
        } catch {
            log.say("terminbuch: \(error); connections beyond it will wait")
        }
        let limit = OpenFilesLimit.current
        if limit < 4096 {
            log.say("terminbuch: the open-files limit is \(limit), so at most about \(max(0, Int(limit) - 64)) connections "
                + "at once: raise the hard limit (ulimit -Hn, LimitNOFILE=) for more")
        }
    }
}
