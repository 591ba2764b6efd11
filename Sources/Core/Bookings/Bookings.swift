import Scheduling
import SQLite

/// Booking, finding, moving and cancelling: the use cases of a citizen's
/// booking and of those who act for a caller. Pages and the JSON API both
/// call these, never a copy of a rule. Every change is one write
/// transaction on the single writer, so the allocator decides on exactly
/// the rows it commits against.
public struct Bookings: UseCase {
    let store: Store
    let clock: any Clock

    /// The booking with this code if `access` allows seeing it; one
    /// answer (`notFound`) for unknown codes and wrong secrets alike.
    public func booking(_ code: BookingCode, access: Access) throws -> Booking {
        try findBooking(code, access: access)
    }
}
