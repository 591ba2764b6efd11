import Core
import Foundation
import Scheduling

/// What only the test suite may ask of the executable. Each request needs
/// `TERMINBUCH_TEST_MODE=1` in the environment besides its own flag, so no
/// single setting, mistyped or inherited, weakens a production server.
enum TestMode {
    static let environmentName = "TERMINBUCH_TEST_MODE"

    static var isOn: Bool { ProcessInfo.processInfo.environment[environmentName] == "1" }

    /// The switch (or `TERMINBUCH_TEST_PASSWORD_COST=1`) that asks for the test cost.
    static let passwordCostSwitch = "test-password-cost"

    /// The switch that lets the test move a `--now` clock through standard input.
    static let clockSwitch = "test-clock-on-stdin"

    /// The option that lets the database file grow by only so many pages.
    static let databaseGrowthOption = "test-database-growth-pages"

    /// With `--test-database-growth-pages N`, the disk is "full" N pages
    /// from now: a write needing more fails with a real SQLITE_FULL
    /// (`PRAGMA max_page_count`), the portable way to test a full disk.
    static func limitDatabaseGrowth(_ store: Store, options: Options) throws {
        guard let text = options.optionalString(databaseGrowthOption) else { return }
        try require(databaseGrowthOption)
        guard let pages = Int(text), pages >= 0 else {
            throw Options.UsageError(description: "--\(databaseGrowthOption) must be a number of pages, 0 or more")
        }
        try store.limitGrowth(toPages: pages)
    }

    /// Refuses `--name` outside test mode.
    static func require(_ name: String) throws {
        guard isOn else {
            throw Options.UsageError(description: "--\(name) is for the test suite only: it needs TERMINBUCH_TEST_MODE=1")
        }
    }

    /// Production-strength scrypt unless `--test-password-cost` (`switchGiven`)
    /// or its variable asks for the test cost in test mode; asked for outside
    /// test mode, a usage error.
    static func passwordHasher(switchGiven: Bool = false) throws -> PasswordHasher {
        guard switchGiven || Options.environmentFlag(passwordCostSwitch) else { return PasswordHasher() }
        try require(passwordCostSwitch)
        return PasswordHasher(testCost: 10)
    }

    /// Sets `clock` to each RFC 3339 instant read as a line from standard
    /// input and answers `terminbuch: clock set to <line>` once it holds, so
    /// a test of a rule that depends on time passing moves the clock instead
    /// of waiting for it. `moved` hears each move before the line is said
    /// (the delivery worker's bell: what became due goes out).
    static func followClockLines(_ clock: AdjustableClock, moved: @escaping @Sendable () -> Void,
                                 say: @escaping @Sendable (String) -> Void) {
        let reader = Thread {
            while let line = readLine() {
                guard let instant = RFC3339.parse(line) else {
                    say("terminbuch: not an instant: \(line)")
                    continue
                }
                clock.set(instant)
                moved()
                say("terminbuch: clock set to \(line)")
            }
        }
        reader.start()
    }
}
