import Core
import Foundation
import Mail
import Scheduling
import Synchronization

/// The delivery worker: one thread that takes the outbox's due messages,
/// writes each as an e-mail (`MailComposer`), hands it to the transport and
/// settles the run in one write (`Outbox.settle`), then sleeps on the
/// outbox's bell until the next message is due, a commit writes one or a
/// test moves the clock, and at most a minute, so messages another process
/// wrote on the same database go out too.
///
/// Delivery is at least once: a crash after a message was handed on but
/// before its run was settled sends it again at the next start, under the
/// same `Message-ID`, so the receiving side can tell it is the same.
final class MailDelivery: Sendable {
    /// The most messages taken, sent and settled as one run.
    static let runLength = 32
    /// The longest sleep between looks at the outbox.
    static let longestWaitSeconds = 60.0

    private let outbox: Outbox
    private let composer: MailComposer
    private let transport: any MailTransport
    private let clock: any Clock
    private let log: @Sendable (String) -> Void
    private let stopping = Atomic<Bool>(false)
    private let stopped = DispatchSemaphore(value: 0)

    init(outbox: Outbox, composer: MailComposer, transport: any MailTransport, clock: any Clock,
         log: @escaping @Sendable (String) -> Void) {
        self.outbox = outbox
        self.composer = composer
        self.transport = transport
        self.clock = clock
        self.log = log
    }

    func start() {
        let thread = Thread { [self] in
            while !stopping.load(ordering: .acquiring) {
                let wait = deliverDueRuns()
                if stopping.load(ordering: .acquiring) { break }
                outbox.bell.wait(seconds: wait)
            }
            stopped.signal()
        }
        thread.name = "terminbuch mail delivery"
        thread.start()
    }

    /// Finishes the message in flight (the rest of its run stays pending)
    /// and settles what was tried; returns once the thread has ended.
    func stop() {
        stopping.store(true, ordering: .releasing)
        outbox.bell.ring()
        stopped.wait()
    }

    /// Sends run after run while messages are due; answers how long to
    /// sleep: until the next is due, at most a minute.
    private func deliverDueRuns() -> Double {
        do {
            while !stopping.load(ordering: .acquiring) {
                let run = try outbox.due(limit: Self.runLength)
                let tried = deliver(run)
                try outbox.settle(tried)
                // Said once settled, so a line read means the outbox says so too.
                for (message, attempt) in tried { report(message, attempt) }
                if run.count < Self.runLength { break }
            }
            guard let next = try outbox.nextDue() else { return Self.longestWaitSeconds }
            return min(Self.longestWaitSeconds, Double(max(0, next.secondsSinceEpoch - clock.now().secondsSinceEpoch)))
        } catch {
            // A storage fault, logged by the store: the messages stay pending, tried again in a minute.
            log("terminbuch: mail delivery waits a minute: \(error)")
            return Self.longestWaitSeconds
        }
    }

    /// The messages of `run` tried before a stop, each with how it went;
    /// the rest stay pending. A message that cannot be written (an
    /// `Uncomposable`, a template's error) is given up: no later attempt
    /// writes it either. The others go to the transport as one run (one
    /// SMTP connection).
    private func deliver(_ run: [OutboxMessage]) -> [(message: OutboxMessage, attempt: Outbox.Attempt)] {
        var written: [(OutboxMessage, MailMessage)] = [], unwritable: [(message: OutboxMessage, attempt: Outbox.Attempt)] = []
        for message in run {
            do {
                written.append((message, try composer.compose(message, at: clock.now())))
            } catch {
                unwritable.append((message, .permanentFailure("cannot be written: \(error)")))
            }
        }
        let outcomes = transport.send(run: written.map(\.1)) { !stopping.load(ordering: .acquiring) }
        return unwritable + zip(written, outcomes).map { written, outcome in (written.0, Self.attempt(outcome)) }
    }

    private static func attempt(_ outcome: MailDeliveryError?) -> Outbox.Attempt {
        switch outcome {
        case nil: .sent
        case .temporary(let reason): .temporaryFailure(reason)
        case .permanent(let reason): .permanentFailure(reason)
        }
    }

    /// A line for each message tried, as a mail server logs its deliveries;
    /// names the message by its `Message-ID` and kind only: no address, no name.
    private func report(_ message: OutboxMessage, _ attempt: Outbox.Attempt) {
        let name = "terminbuch: message \(message.messageID) (\(message.kind.rawValue))"
        switch attempt {
        case .sent: log("\(name) sent")
        case .temporaryFailure(let reason): log("\(name) not delivered (attempt \(message.attempts + 1)): \(reason)")
        case .permanentFailure(let reason): log("\(name) given up: \(reason)")
        }
    }
}
