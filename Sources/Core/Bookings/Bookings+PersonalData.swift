import Scheduling
import SQLite

/// The citizen's own rights on their booking's data: to see all of it
/// (Art. 15 DSGVO) and to have it erased now (Art. 17), by the manage link
/// or at the office's desk.
extension Bookings {
    /// Everything stored about the booking. `notFound` for an unknown code,
    /// a wrong token and a booking outside the account's access alike.
    public func personalData(_ code: BookingCode, for requester: PersonalData.Requester) throws -> PersonalData {
        let catalogue = try store.catalogue()
        return try store.read { db in
            let booking = try Self.requested(db, code: code, by: requester, catalogue: catalogue)
            return try Self.personalData(db, booking, catalogue: catalogue)
        }
    }

    /// Erases the booking's personal data now, in one transaction: an
    /// upcoming booking is first cancelled as `cancel` does (its time freed
    /// after the cooldown), then erased (`Erasure`). Asked again, it
    /// changes nothing and answers the booking as stored.
    public func erasePersonalData(_ code: BookingCode, for requester: PersonalData.Requester) throws -> Booking {
        let catalogue = try store.catalogue()
        let clock = self.clock
        let store = self.store
        let caller = requester.caller
        let (erased, cancelled) = try store.write(changingOfficeOf: { $0.0.officeId }) { db in
            let now = clock.now()
            var booking = try Self.requested(db, code: code, by: requester, catalogue: catalogue)
            let cancelling = booking.isChangeable(at: now)
            if cancelling {
                booking = try Self.cancel(db, booking, catalogue: catalogue, caller: caller, store: store, now: now)
            }
            try Erasure.booking(db, id: booking.id, reason: .request, caller: caller, at: now)
            guard let (stored, _) = try BookingRows.find(db, code: code, catalogue: catalogue) else { throw BookingError.notFound }
            return (stored, cancelling)
        }
        if cancelled { store.tally.count(.bookingCancelled, channel: caller.channel, office: erased.officeId) }
        return erased
    }

    /// The booking if the requester opens it and may answer for its data.
    private static func requested(_ db: Connection, code: BookingCode, by requester: PersonalData.Requester,
                                  catalogue: Catalogue) throws -> Booking {
        guard let (booking, hash) = try BookingRows.find(db, code: code, catalogue: catalogue),
              requester.access.allows(booking, tokenHashes: hash, catalogue: catalogue) else { throw BookingError.notFound }
        try requester.check(catalogue.office(booking.officeId))
        return booking
    }

    private static func personalData(_ db: Connection, _ booking: Booking, catalogue: Catalogue) throws -> PersonalData {
        guard let row = try db.cachedStatement("SELECT language, updated_at FROM bookings WHERE id = ?")
            .query([booking.id]).first else { throw BookingError.notFound }
        let messages = try db.cachedStatement("""
            SELECT kind, recipient, status, created_at, settled_at FROM outbox WHERE booking_id = ? ORDER BY id
            """).query([booking.id]).map { row in
            let kind: String = try row["kind"], status: String = try row["status"]
            let settledAt: Int64? = try row["settled_at"]
            guard let kind = OutboxMessage.Kind(rawValue: kind), let status = OutboxMessage.Status(rawValue: status) else {
                throw CatalogueRows.Invalid(description: "outbox message of booking \(booking.id): \(kind), \(status)")
            }
            return PersonalData.Message(kind: kind, recipient: try row["recipient"], status: status,
                                        createdAt: try OccupationRows.instant(row, "created_at"),
                                        settledAt: settledAt.map(Instant.init(secondsSinceEpoch:)))
        }
        let retentionDays = catalogue.office(booking.officeId).flatMap { office in
            catalogue.municipalities.first { $0.id == office.municipalityId }?.retentionDays
        } ?? Municipality.defaultRetentionDays
        let erasureDue = booking.isErased ? nil : RetentionRules.bookingErasureDue(
            status: booking.status, end: booking.end, updatedAt: try OccupationRows.instant(row, "updated_at"),
            retentionDays: retentionDays)
        return PersonalData(booking: booking, language: try row["language"], history: try AuditTrail.events(db, bookingId: booking.id),
                            messages: messages, erasureDue: erasureDue)
    }
}
