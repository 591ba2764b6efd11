import Scheduling

extension MessageFacts.BookingFacts {
    /// The booking as a message remembers it, with the token of the
    /// message's manage link (nil for none).
    init(_ booking: Booking, manageToken: String?) {
        self.init(code: booking.code.value, officeId: booking.officeId.rawValue,
                  services: booking.services.map { .init(id: $0.serviceId.rawValue, quantity: $0.quantity) },
                  start: booking.start.secondsSinceEpoch, end: booking.end.secondsSinceEpoch,
                  channel: booking.channel.rawValue, name: booking.contact.name, manageToken: manageToken)
    }
}
