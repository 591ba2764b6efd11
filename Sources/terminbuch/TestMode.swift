import Booking
import Foundation

/// What only the test suite may ask of the executable. Each request needs
/// `TERMINBUCH_TEST_MODE=1` in the environment besides its own flag, so no
/// single setting, mistyped or inherited, weakens a production server.
enum TestMode {
    static var isOn: Bool { ProcessInfo.processInfo.environment["TERMINBUCH_TEST_MODE"] == "1" }

    /// The switch (or `TERMINBUCH_TEST_PASSWORD_COST=1`) that asks for the test cost.
    static let passwordCostSwitch = "test-password-cost"

    /// Production-strength scrypt unless `--test-password-cost` (`switchGiven`)
    /// or its variable asks for the test cost in test mode; asked for outside
    /// test mode, a usage error.
    static func passwordHasher(switchGiven: Bool = false) throws -> PasswordHasher {
        guard switchGiven || Options.environmentFlag(passwordCostSwitch) else { return PasswordHasher() }
        guard isOn else {
            throw Options.UsageError(description: "--\(passwordCostSwitch) is for the test suite only: it needs TERMINBUCH_TEST_MODE=1")
        }
        return PasswordHasher(testCost: 10)
    }
}
