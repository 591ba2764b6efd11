import SQLite

extension Bookings {
    /// A booking's history, oldest first: for the office's staff and admins,
    /// who must be able to say who changed an appointment and for whom. A
    /// booking the account cannot open is `notFound`; one it opens without
    /// `seeHistory` at its office (an agent's) is `forbidden`.
    public func history(_ code: BookingCode, by account: Account) throws -> (Booking, [BookingEvent]) {
        let catalogue = try store.catalogue()
        let access = account.access
        return try store.read { db in
            guard let (booking, hash) = try BookingRows.find(db, code: code, catalogue: catalogue),
                  access.allows(booking, tokenHashes: hash, catalogue: catalogue),
                  let office = catalogue.office(booking.officeId) else { throw BookingError.notFound }
            guard account.may(.seeHistory, at: office) else { throw BookingError.forbidden(.seeHistory) }
            return (booking, try AuditTrail.events(db, bookingId: booking.id))
        }
    }

    /// The same read for an office's access (`offices`, `anyOffice`): a
    /// manage token opens the citizen's own booking and an agent's access
    /// the bookings of a municipality, neither of them a history.
    func history(_ code: BookingCode, access: Access) throws -> (Booking, [BookingEvent]) {
        switch access {
        case .manageToken, .municipalities: throw BookingError.notFound
        case .offices, .anyOffice: break
        }
        let catalogue = try store.catalogue()
        return try store.read { db in
            guard let (booking, hash) = try BookingRows.find(db, code: code, catalogue: catalogue),
                  access.allows(booking, tokenHashes: hash, catalogue: catalogue) else { throw BookingError.notFound }
            return (booking, try AuditTrail.events(db, bookingId: booking.id))
        }
    }
}
