import Core
import Foundation
import Scheduling

/// Lapses the bookings whose double opt-in ran out, when it runs out, so
/// the desk's schedule, exports and statistics say so too. Capacity does
/// not wait for it (a waiting booking stops counting at its time, and every
/// booking at its office lapses it first): this only makes it visible.
/// One thread, asleep until the next booking's `confirm_by`, and at most a
/// minute, so a booking that starts waiting meanwhile lapses at most a
/// minute late.
final class UnconfirmedLapses: Sendable {
    static let longestWaitSeconds = 60.0

    private let bookings: Bookings
    private let clock: any Clock
    private let log: @Sendable (String) -> Void
    private let loop = SleepingLoop(name: "terminbuch opt-in lapses")

    init(bookings: Bookings, clock: any Clock, log: @escaping @Sendable (String) -> Void) {
        self.bookings = bookings
        self.clock = clock
        self.log = log
    }

    func start() {
        loop.start { [self] in lapseDue() }
    }

    /// Looks again now (the clock moved).
    func wake() { loop.wake() }

    func stop() { loop.stop() }

    /// Lapses what is due; answers how long to sleep until the next is.
    private func lapseDue() -> Double {
        do {
            try bookings.lapseUnconfirmed()
            guard let next = try bookings.nextLapse() else { return Self.longestWaitSeconds }
            return min(Self.longestWaitSeconds, Double(max(1, next.secondsSinceEpoch - clock.now().secondsSinceEpoch)))
        } catch {
            // A storage fault, logged by the store: tried again in a minute.
            log("terminbuch: unconfirmed bookings lapse a minute later: \(error)")
            return Self.longestWaitSeconds
        }
    }
}
