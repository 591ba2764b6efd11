import SQLite

extension Appointments {
    /// A booking's history, oldest first: for the office's staff and admins,
    /// who must be able to say who changed an appointment and for whom.
    /// The caller's `access` decides, as for the booking itself.
    public func history(_ code: BookingCode, access: Access) throws -> (Appointment, [BookingEvent]) {
        let catalogue = try store.catalogue()
        return try store.read { db in
            guard let (appointment, hash) = try AppointmentRows.find(db, code: code, catalogue: catalogue),
                  access.allows(appointment, tokenHash: hash, catalogue: catalogue) else { throw BookingError.notFound }
            return (appointment, try AuditTrail.events(db, bookingId: appointment.id))
        }
    }
}
