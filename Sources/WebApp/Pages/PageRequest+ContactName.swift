import Core

extension PageRequest {
    /// The name a page shows for a booking's contact: "(Daten gelöscht)"
    /// once its data was erased, so no list, cell or line is left empty.
    func contactName(of booking: Booking) -> String {
        booking.isErased ? texts.text("appointment.erasedName") : booking.contact.name
    }
}
