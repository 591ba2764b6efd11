import Scheduling
import SQLite

/// The office's counter: check-in, no-show and completion of bookings,
/// and the day's schedule (`FrontDesk+Schedule.swift`).
public struct FrontDesk: UseCase {
    let store: Store
    let clock: any Clock
}

/// The front desk's steps on an appointment: check in, note a no-show,
/// complete. Each is one transaction that checks access and state on the
/// row it changes and records the step in the audit trail.
extension FrontDesk {
    public func checkIn(_ code: BookingCode, access: Access, caller: Caller) throws -> Booking {
        try deskStep(.checkIn, code, access: access, caller: caller)
    }

    public func markNoShow(_ code: BookingCode, access: Access, caller: Caller) throws -> Booking {
        try deskStep(.noShow, code, access: access, caller: caller)
    }

    public func complete(_ code: BookingCode, access: Access, caller: Caller) throws -> Booking {
        try deskStep(.complete, code, access: access, caller: caller)
    }

    /// A desk step by a signed-in account: the office's own staff and
    /// administrators run its desk. An account that runs no desk anywhere
    /// (an agent) is `forbidden`, whatever the code; for the others a
    /// booking of an office they do not run is `notFound`, exactly like an
    /// unknown code, so a desk cannot probe which codes exist elsewhere.
    /// With `officeId`, a booking of another office is not found either (a
    /// desk page shows its own office only).
    public func deskStep(_ action: Booking.DeskAction, _ code: BookingCode, by account: Account,
                         at officeId: OfficeID? = nil) throws -> Booking {
        guard account.may(.runDay) else { throw BookingError.forbidden(.runDay) }
        let booked = try findBooking(code, access: .anyOffice)
        guard officeId == nil || officeId == booked.officeId,
              let office = try store.catalogue().office(booked.officeId),
              account.may(.runDay, at: office) else { throw BookingError.notFound }
        return try deskStep(action, code, access: .offices([office.id]), caller: account.caller)
    }

    public func deskStep(_ action: Booking.DeskAction, _ code: BookingCode, access: Access,
                         caller: Caller) throws -> Booking {
        // The desk's steps are the office's: a manage token opens the
        // citizen's own booking and an agent's access the bookings of a
        // municipality, neither of them the counter.
        switch access {
        case .manageToken, .municipalities: throw BookingError.notFound
        case .offices, .anyOffice: break
        }
        let catalogue = try store.catalogue()
        let clock = self.clock
        return try store.write { db in
            let now = clock.now()
            guard let (found, hash) = try BookingRows.find(db, code: code, catalogue: catalogue),
                  access.allows(found, tokenHashes: hash, catalogue: catalogue) else { throw BookingError.notFound }
            var booking = found
            guard let setup = catalogue.setup(booking.officeId) else { throw BookingError.unknownOffice(booking.officeId) }
            if let refusal = booking.deskRefusal(action, now: now, zone: setup.timeZone) { throw BookingError.deskRefused(refusal) }
            booking.status = action.resultingStatus
            try db.run("UPDATE bookings SET status = ?, updated_at = ? WHERE id = ?",
                       [booking.status.rawValue, now.secondsSinceEpoch, booking.id])
            try AuditTrail.record(db, bookingId: booking.id, action: action.auditAction, caller: caller, at: now,
                                  onBehalfOf: booking.contact.name)
            return booking
        }
    }
}
