import Scheduling
import SQLite

/// Walk-in tickets: issued at the desk, queued behind each other, called
/// or ended; their board tells the waiting room how long it takes.
public struct WalkIns: UseCase {
    let store: Store
    let clock: any Clock
}

/// Walk-in tickets (docs/architecture.md, "The allocator"): the desk issues them, the
/// waiting-room screen shows how long the wait is. `WalkInAllocator`
/// decides where a ticket fits; this stores it in the same transaction.
extension WalkIns {
    /// Issues a ticket for `services` now, with the visitor's `name` if they
    /// gave one (`WalkInName`: trimmed, empty is none, refused when invalid),
    /// or throws the allocator's refusal (`walkInQuotaExhausted` with the
    /// next day that accepts walk-ins).
    /// With an idempotency key, a second click at the desk (or a retried
    /// request) gets the first ticket back (`.replayed`), not a second one.
    public func issue(office officeId: OfficeID, services: [RequestedService], name: String? = nil, caller: Caller,
                      idempotency: IdempotencyKey? = nil) throws -> Idempotent<WalkInTicket> {
        try Self.check(services)
        let name = try WalkInName.checked(name)
        let setup = try store.setup(officeId)
        let result = try store.write(changing: officeId, idempotency: idempotency, clock: clock) { db, now in
            try Self.issue(db, setup: setup, services: services, name: name, caller: caller, now: now)
        }
        if case .made = result { store.tally.count(.walkInTicketIssued, channel: caller.channel, office: officeId) }
        return result
    }

    private static func issue(_ db: Connection, setup: OfficeSetup, services: [RequestedService], name: String?,
                              caller: Caller, now: Instant) throws -> WalkInTicket {
        let today = setup.timeZone.localDate(of: now)
        let occupations = try OccupationRows.occupations(db, setup: setup, date: today, now: now)
        let placement = try unwrap(WalkInAllocator(setup: setup).issue(services: services, occupations: occupations, now: now))
        return try WalkInRows.insert(db, placement: placement, services: services, name: name, issuedAt: now,
                                     createdBy: caller.username)
    }

    /// Today's tickets of an office, by number.
    public func tickets(office officeId: OfficeID, date: LocalDate) throws -> [WalkInTicket] {
        _ = try store.setup(officeId)
        return try store.read { db in try WalkInRows.tickets(db, office: officeId, date: date) }
    }

    /// Marks a called (or still waiting) ticket of today as done or as not
    /// come; a ticket not come gives its capacity back.
    public func finish(office officeId: OfficeID, number: Int, status: WalkInTicket.Status) throws -> WalkInTicket {
        guard status == .done || status == .noShow else { throw BookingError.invalid(field: "status", message: "must be done or noShow") }
        let setup = try store.setup(officeId)
        let clock = self.clock
        return try store.write(changing: officeId) { db in
            let today = setup.timeZone.localDate(of: clock.now())
            guard var ticket = try WalkInRows.find(db, office: officeId, date: today, number: number) else {
                throw BookingError.ticketNotFound
            }
            guard ticket.status == .waiting || ticket.status == .called else {
                throw BookingError.invalid(field: "number", message: "ticket \(ticket.label) is already \(ticket.status.rawValue)")
            }
            try db.run("UPDATE walk_in_tickets SET status = ? WHERE id = ?", [status.rawValue, ticket.id])
            ticket.status = status
            return ticket
        }
    }

    /// The waiting-room board: open, accepting, how many wait, how long a
    /// ticket issued now would wait — for the office's shortest service, the
    /// typical errand of a walk-in. Cheap: one read of today's occupations, and a
    /// stamp that lets the caller keep the answer for up to 30 seconds.
    public func board(office officeId: OfficeID) throws -> WalkInBoard {
        let setup = try store.setup(officeId)
        let now = clock.now()
        let version = store.availability.version(of: officeId)
        let today = setup.timeZone.localDate(of: now)
        let (occupations, tickets) = try store.read { db in
            (try OccupationRows.occupations(db, setup: setup, date: today, now: now),
             try WalkInRows.tickets(db, office: officeId, date: today, statuses: [.waiting, .called, .done]))
        }
        let typical = setup.services.min { ($0.baseMinutes, $0.id) < ($1.baseMinutes, $1.id) }
            .map { [RequestedService(serviceId: $0.id)] } ?? []
        let status = WalkInAllocator(setup: setup).status(for: typical, occupations: occupations, now: now)
        let waiting = tickets.filter { $0.status == .waiting }
        let called = tickets.compactMap { ticket in ticket.calledAt.map { (at: $0, ticket: ticket) } }
            .sorted { ($0.at, $0.ticket.number) > ($1.at, $1.ticket.number) }.map(\.ticket)
        // The wait of the next ticket is at least that of those already waiting.
        let queued = waiting.map { Int(max(0, $0.estimatedCallAt.seconds(since: now)) / 60) }.max() ?? 0
        let wait = status.estimatedWaitMinutes.map { max($0, queued) }
        return WalkInBoard(officeId: officeId, isOpen: status.isOpen, acceptingWalkIns: status.acceptingWalkIns,
                           waiting: waiting.count, estimatedWaitMinutes: wait, nextAcceptingDate: status.nextAcceptingDate,
                           recentlyCalled: called.prefix(5).map(\.label),
                           stamp: AvailabilityStamp(officeId: officeId, version: version, validUntil: now.adding(seconds: 30)))
    }
}
