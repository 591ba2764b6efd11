import Core
import Foundation
import Scheduling
import Synchronization

/// Erases what is due by itself (issue 15): once when the server starts,
/// then every day at the retention time (`--retention-time`, local time in
/// Europe/Berlin). One thread of its own, so a run never takes an event
/// loop; asleep until the next retention time, and at most a minute, so a
/// clock that jumped (an operator's correction) is noticed within one. A
/// run that fails (a storage fault, logged by the store) is told and tried
/// again at the next retention time: the server goes on serving.
final class RetentionSchedule: Sendable {
    static let longestWaitSeconds = 60.0

    /// What one run ended in, as the process log tells it.
    typealias Outcome = Result<RetentionReport, any Error>

    private let time: LocalTime
    private let zone: TimeZoneRules
    private let clock: any Clock
    private let run: @Sendable (RetentionTrigger) throws -> RetentionReport
    private let afterRun: @Sendable () -> Void
    private let told: @Sendable (RetentionTrigger, Outcome) -> Void
    private let stopping = Atomic<Bool>(false)
    private let alarm = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)

    /// - Parameters:
    ///   - run: one retention run for the trigger.
    ///   - afterRun: forgets what memory alone holds of personal data (the
    ///     throttles' old entries), after every run, failed or not.
    ///   - told: hears each run's outcome once `afterRun` is done.
    init(time: LocalTime, zone: TimeZoneRules = .europeBerlin, clock: any Clock,
         run: @escaping @Sendable (RetentionTrigger) throws -> RetentionReport,
         afterRun: @escaping @Sendable () -> Void, told: @escaping @Sendable (RetentionTrigger, Outcome) -> Void) {
        self.time = time
        self.zone = zone
        self.clock = clock
        self.run = run
        self.afterRun = afterRun
        self.told = told
    }

    func start() {
        let thread = Thread { [self] in
            var next = Self.nextRun(after: clock.now(), at: time, in: zone)
            runOnce(.startup)
            while !stopping.load(ordering: .acquiring) {
                let now = clock.now()
                // A clock set back keeps the earlier next run, not one days away.
                next = min(next, Self.nextRun(after: now, at: time, in: zone))
                guard now < next else {
                    // The next after this one's time, however long it took or the clock moved meanwhile.
                    next = Self.nextRun(after: now, at: time, in: zone)
                    runOnce(.daily)
                    continue
                }
                _ = alarm.wait(timeout: .now() + min(Self.longestWaitSeconds, Double(next.seconds(since: now))))
            }
            stopped.signal()
        }
        thread.name = "terminbuch retention"
        thread.start()
    }

    /// Looks again now (the clock moved).
    func wake() { alarm.signal() }

    /// Returns once a run in progress has finished.
    func stop() {
        stopping.store(true, ordering: .releasing)
        alarm.signal()
        stopped.wait()
    }

    private func runOnce(_ trigger: RetentionTrigger) {
        let outcome = Outcome { try run(trigger) }
        afterRun()
        told(trigger, outcome)
    }

    /// The first instant after `now` at which the wall clock in `zone`
    /// shows `time`. A time inside the spring-forward gap (02:00–03:00 on
    /// the last Sunday of March) does not exist that day: the run is then an
    /// hour later, as the clock shows it. In the repeated autumn hour, the
    /// first pass.
    static func nextRun(after now: Instant, at time: LocalTime, in zone: TimeZoneRules) -> Instant {
        let anHourLater = LocalTime(minutesSinceMidnight: time.minutesSinceMidnight + 60) ?? time
        var date = zone.localDate(of: now)
        while true {
            if let at = [time, anHourLater].lazy.compactMap({ zone.instant(on: date, at: $0) }).first, at > now { return at }
            date = date.adding(days: 1)
        }
    }
}
