import Scheduling

// The results of the idempotent use cases, as their ledger keeps them:
// every stored property, in declaration order. Reading one back goes
// through the memberwise initialiser, so a property added to a type must
// be read here (or this does not compile), and is written beside it.

extension BookingCode: Replayable {
    func write(to record: inout ReplayWriter) { record.write(value) }
    init(reading record: inout ReplayReader) throws {
        guard let code = BookingCode(parsing: try record.read(String.self)) else { throw ReplayReader.Malformed() }
        self = code
    }
}

extension Contact: Replayable {
    func write(to record: inout ReplayWriter) {
        record.write(name)
        record.write(email)
        record.write(phone)
    }

    init(reading record: inout ReplayReader) throws {
        self.init(name: try record.read(), email: try record.read(), phone: try record.read())
    }
}

extension Booking.Status: Replayable {}

/// All but `location`, the catalogue's answer of where the booking is:
/// `Bookings.book` asks it again on replay, and records kept before
/// bookings had a place read as they were written.
extension Booking: Replayable {
    func write(to record: inout ReplayWriter) {
        record.write(id)
        record.write(code)
        record.write(status)
        record.write(officeId)
        record.write(services)
        record.write(start)
        record.write(end)
        record.write(channel)
        record.write(staffOverride)
        record.write(contact)
        record.write(note)
        record.write(documents)
        record.write(createdAt)
        record.write(createdBy)
    }

    init(reading record: inout ReplayReader) throws {
        self.init(id: try record.read(), code: try record.read(), status: try record.read(), officeId: try record.read(),
                  services: try record.read(), start: try record.read(), end: try record.read(), channel: try record.read(),
                  staffOverride: try record.read(), contact: try record.read(), note: try record.read(),
                  documents: try record.read(), createdAt: try record.read(), createdBy: try record.read())
    }
}

/// Kept with its manage token: the reason the ledger seals what it keeps.
/// The booking's opt-in deadline comes last, so confirmations kept before
/// the double opt-in read as they were written.
extension BookingConfirmation: Replayable {
    func write(to record: inout ReplayWriter) {
        record.write(booking)
        record.write(manageToken)
        record.write(booking.confirmBy)
    }

    init(reading record: inout ReplayReader) throws {
        var booking: Booking = try record.read()
        let manageToken: String = try record.read()
        if !record.isAtEnd { booking.confirmBy = try record.read() }
        self.init(booking: booking, manageToken: manageToken)
    }
}

extension Hold: Replayable {
    func write(to record: inout ReplayWriter) {
        record.write(id)
        record.write(officeId)
        record.write(start)
        record.write(end)
        record.write(expiresAt)
    }

    init(reading record: inout ReplayReader) throws {
        self.init(id: try record.read(), officeId: try record.read(), start: try record.read(), end: try record.read(),
                  expiresAt: try record.read())
    }
}

extension WalkInTicket.Status: Replayable {}

/// The visitor's name comes last, so tickets kept before it read as they
/// were written.
extension WalkInTicket: Replayable {
    func write(to record: inout ReplayWriter) {
        record.write(id)
        record.write(officeId)
        record.write(date)
        record.write(number)
        record.write(services)
        record.write(issuedAt)
        record.write(start)
        record.write(end)
        record.write(estimatedCallAt)
        record.write(status)
        record.write(calledAt)
        record.write(name)
    }

    init(reading record: inout ReplayReader) throws {
        self.init(id: try record.read(), officeId: try record.read(), date: try record.read(), number: try record.read(),
                  services: try record.read(), issuedAt: try record.read(), start: try record.read(), end: try record.read(),
                  estimatedCallAt: try record.read(), status: try record.read(), calledAt: try record.read())
        if !record.isAtEnd { name = try record.read() }
    }
}

extension CallCentreItemStatus: Replayable {}

extension PreferredTime: Replayable {
    func write(to record: inout ReplayWriter) {
        record.write(from)
        record.write(to)
    }

    init(reading record: inout ReplayReader) throws {
        self.init(from: try record.read(), to: try record.read())
    }
}

extension Completion: Replayable {
    func write(to record: inout ReplayWriter) {
        record.write(doneBy)
        record.write(doneAt)
        record.write(note)
    }

    init(reading record: inout ReplayReader) throws {
        self.init(doneBy: try record.read(), doneAt: try record.read(), note: try record.read())
    }
}

/// When it was erased comes last, so records kept before read as they
/// were written (a callback is kept as filed: never erased yet).
extension CallbackRequest: Replayable {
    func write(to record: inout ReplayWriter) {
        record.write(id)
        record.write(status)
        record.write(officeId)
        record.write(serviceId)
        record.write(name)
        record.write(phone)
        record.write(topic)
        record.write(note)
        record.write(preferredTime)
        record.write(createdBy)
        record.write(createdAt)
        record.write(completion)
        record.write(erasedAt)
    }

    init(reading record: inout ReplayReader) throws {
        self.init(id: try record.read(), status: try record.read(), officeId: try record.read(), serviceId: try record.read(),
                  name: try record.read(), phone: try record.read(), topic: try record.read(), note: try record.read(),
                  preferredTime: try record.read(), createdBy: try record.read(), createdAt: try record.read(),
                  completion: try record.read())
        if !record.isAtEnd { erasedAt = try record.read() }
    }
}

/// As a callback: when it was erased comes last.
extension Memo: Replayable {
    func write(to record: inout ReplayWriter) {
        record.write(id)
        record.write(status)
        record.write(officeId)
        record.write(subject)
        record.write(text)
        record.write(contact)
        record.write(createdBy)
        record.write(createdAt)
        record.write(completion)
        record.write(erasedAt)
    }

    init(reading record: inout ReplayReader) throws {
        self.init(id: try record.read(), status: try record.read(), officeId: try record.read(), subject: try record.read(),
                  text: try record.read(), contact: try record.read(), createdBy: try record.read(),
                  createdAt: try record.read(), completion: try record.read())
        if !record.isAtEnd { erasedAt = try record.read() }
    }
}
