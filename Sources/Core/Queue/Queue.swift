import Scheduling
import SQLite

/// Who is waiting at the desk, and who was called.
public struct DeskQueue: Sendable {
    /// Checked-in appointments not yet called, by start.
    public let bookings: [Booking]
    /// Tickets still waiting, by number.
    public let walkIns: [WalkInTicket]
    /// Today's calls, newest first.
    public let called: [QueueCall]
}

/// One call of the desk: an appointment or a walk-in ticket.
public struct QueueCall: Sendable {
    public enum Who: Sendable {
        case booking(Booking)
        case walkIn(WalkInTicket)
    }
    public let who: Who
    public let calledAt: Instant
}

/// Who the desk calls next (`QueueFairness` decides) and who was called.
public struct Queue: UseCase {
    let store: Store
    let clock: any Clock
}

/// The desk's queue and "call next" (`QueueFairness` decides who).
extension Queue {
    public func current(office officeId: OfficeID) throws -> DeskQueue {
        let setup = try store.setup(officeId)
        let catalogue = try store.catalogue()
        let now = clock.now()
        return try store.read { db in
            try Self.queue(db, setup: setup, catalogue: catalogue, now: now)
        }
    }

    /// Calls the next person by `fairness`, or returns nil when nobody waits.
    public func callNext(office officeId: OfficeID, caller: Caller, fairness: QueueFairness = QueueFairness()) throws -> QueueCall? {
        let setup = try store.setup(officeId)
        let catalogue = try store.catalogue()
        let clock = self.clock
        return try store.write(changing: officeId) { db in
            let now = clock.now()
            let today = setup.timeZone.localDate(of: now)
            let queue = try Self.queue(db, setup: setup, catalogue: catalogue, now: now)
            let checkedIn = try AuditTrail.checkInTimes(db, bookings: queue.bookings.map(\.id))
            let bookings = Dictionary(queue.bookings.map { ("b\($0.id)", $0) }, uniquingKeysWith: { first, _ in first })
            let walkIns = Dictionary(queue.walkIns.map { ("w\($0.id)", $0) }, uniquingKeysWith: { first, _ in first })
            let candidates = queue.bookings.map {
                QueueFairness.Candidate(id: "b\($0.id)", kind: .booking, dueAt: $0.start, arrivedAt: checkedIn[$0.id] ?? $0.start)
            } + queue.walkIns.map {
                QueueFairness.Candidate(id: "w\($0.id)", kind: .walkIn, dueAt: $0.estimatedCallAt, arrivedAt: $0.issuedAt)
            }
            let history = queue.called.reversed().map { call -> QueueFairness.Candidate.Kind in
                if case .booking = call.who { return .booking }
                return .walkIn
            }
            guard let chosen = fairness.next(candidates, appointmentsInARow: QueueFairness.appointmentsInARow(history),
                                             now: now) else { return nil }
            // The candidates' ids name the rows they were made from.
            if let booking = bookings[chosen.id] {
                try db.run("INSERT INTO queue_calls(office_id, local_date, booking_id, called_at, called_by) VALUES (?, ?, ?, ?, ?)",
                           [setup.office.id, today.description, booking.id, now.secondsSinceEpoch, caller.username])
                return QueueCall(who: .booking(booking), calledAt: now)
            }
            guard var ticket = walkIns[chosen.id] else { return nil }
            try db.run("UPDATE walk_in_tickets SET status = 'called', called_at = ? WHERE id = ?", [now.secondsSinceEpoch, ticket.id])
            try db.run("INSERT INTO queue_calls(office_id, local_date, ticket_id, called_at, called_by) VALUES (?, ?, ?, ?, ?)",
                       [setup.office.id, today.description, ticket.id, now.secondsSinceEpoch, caller.username])
            ticket.status = .called
            ticket.calledAt = now
            return QueueCall(who: .walkIn(ticket), calledAt: now)
        }
    }

    static func queue(_ db: Connection, setup: OfficeSetup, catalogue: Catalogue, now: Instant) throws -> DeskQueue {
        let zone = setup.timeZone
        let today = zone.localDate(of: now)
        let officeId = setup.office.id
        let tickets = try WalkInRows.tickets(db, office: officeId, date: today)
        let checkedIn = try BookingRows.bookings(
            db, where: "office_id = ? AND start >= ? AND start < ? AND status = 'checkedIn'",
            [officeId, zone.startOfDay(today).secondsSinceEpoch, zone.startOfDay(today.adding(days: 1)).secondsSinceEpoch],
            catalogue: catalogue)
        var called: [QueueCall] = []
        var calledBookings: Set<Int64> = []
        for row in try db.cachedStatement(
            "SELECT booking_id, ticket_id, called_at FROM queue_calls WHERE office_id = ? AND local_date = ? ORDER BY id DESC"
        ).query([officeId, today.description]) {
            let at = Instant(secondsSinceEpoch: try row[2])
            if let bookingId: Int64 = try row[0] {
                calledBookings.insert(bookingId)
                if let booking = try BookingRows.bookings(db, where: "id = ?", [bookingId], catalogue: catalogue).first {
                    called.append(QueueCall(who: .booking(booking), calledAt: at))
                }
            } else if let ticketId: Int64 = try row[1], let ticket = tickets.first(where: { $0.id == ticketId }) {
                called.append(QueueCall(who: .walkIn(ticket), calledAt: at))
            }
        }
        return DeskQueue(bookings: checkedIn.filter { !calledBookings.contains($0.id) },
                         walkIns: tickets.filter { $0.status == .waiting }, called: called)
    }
}
