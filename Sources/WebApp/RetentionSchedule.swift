import Core
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
    private let run: @Sendable (RetentionTrigger, _ stopping: @escaping @Sendable () -> Bool) throws -> RetentionReport
    private let afterRun: @Sendable () -> Void
    private let told: @Sendable (RetentionTrigger, Outcome) -> Void
    private let loop = SleepingLoop(name: "terminbuch retention")
    /// The next daily run; nil until the start-up run.
    private let next = Mutex<Instant?>(nil)

    /// - Parameters:
    ///   - run: one retention run for the trigger.
    ///   - afterRun: forgets what memory alone holds of personal data (the
    ///     throttles' old entries), after every run, failed or not.
    ///   - told: hears each run's outcome once `afterRun` is done.
    init(time: LocalTime, zone: TimeZoneRules = .europeBerlin, clock: any Clock,
         run: @escaping @Sendable (RetentionTrigger, _ stopping: @escaping @Sendable () -> Bool) throws -> RetentionReport,
         afterRun: @escaping @Sendable () -> Void, told: @escaping @Sendable (RetentionTrigger, Outcome) -> Void) {
        self.time = time
        self.zone = zone
        self.clock = clock
        self.run = run
        self.afterRun = afterRun
        self.told = told
    }

    func start() {
        loop.start { [self] in runDue() }
    }

    /// Looks again now (the clock moved).
    func wake() { loop.wake() }

    /// Returns once a run in progress has stopped: it ends after the batch
    /// it is in (`Retention.run`'s `until`), so a shutdown waits milliseconds,
    /// not the rest of a long run.
    func stop() { loop.stop() }

    /// Runs what is due (the start-up run first); answers how long to sleep
    /// until the next run.
    private func runDue() -> Double {
        let now = clock.now()
        let following = Self.nextRun(after: now, at: time, in: zone)
        let trigger: RetentionTrigger? = next.withLock { next in
            // A clock set back keeps the earlier next run, not one days away.
            guard let due = next.map({ min($0, following) }) else {
                next = following
                return .startup
            }
            // The next after this one's time, however long it takes or the clock moves meanwhile.
            next = now < due ? due : following
            return now < due ? nil : .daily
        }
        if let trigger { runOnce(trigger) }
        let sleep = next.withLock { $0 ?? following }.seconds(since: clock.now())
        return min(Self.longestWaitSeconds, Double(max(0, sleep)))
    }

    private func runOnce(_ trigger: RetentionTrigger) {
        let outcome = Outcome { try run(trigger, { [loop] in loop.isStopping }) }
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
