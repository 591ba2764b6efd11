import Scheduling

/// Why a use case could not do what was asked. WebApp turns each case into
/// its problem+json (or the message next to a form field).
public enum BookingError: Error, Hashable, Sendable {
    /// The allocator said no; the refusal says why (422 or 409).
    case refused(Refusal)
    case unknownOffice(OfficeID)
    /// No such booking, or the secret does not match: the same answer for
    /// both, so codes cannot be probed.
    case notFound
    /// The booking exists and the account sees it, but may not do this
    /// with it (a 403, unlike `notFound`).
    case forbidden(Permission)
    case holdNotFound
    /// The hold rules said no (too many holds, too often, the same start
    /// again too soon): 429, or 409 for the start.
    case holdRefused(HoldRefusal)
    /// A booking on a hold made for another contact, or another contact for
    /// a hold that already has one.
    case holdForAnotherContact
    /// The contact already has an active booking at this office at an
    /// overlapping time: a second one is a resent form, not a second
    /// errand. `existing` is its code for a signed-in caller (an agent or a
    /// clerk, who may open it anyway) and nil for a citizen: whoever types
    /// an address must learn no more than that it has a booking then, as
    /// the booking-links page tells it. Never the manage token.
    case duplicateBooking(existing: BookingCode?)
    /// A value the use case cannot work with, with the field it came from.
    case invalid(field: String, message: String)
    /// The booking's state does not allow it (cancel a cancelled one, move a past one).
    case notChangeable(status: Booking.Status)
    /// The same idempotency key came with a different request.
    case idempotencyKeyReused
    /// The front desk cannot check in, mark or complete the booking now.
    case deskRefused(Booking.DeskRefusal)
    /// No walk-in ticket with this number today.
    case ticketNotFound
}
