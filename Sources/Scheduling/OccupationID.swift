/// Which row an occupation stands for. Unique across kinds, so a booking
/// can leave its own hold out of the count, or a move the booking it moves
/// (`BookingRequest.replacing`).
public enum OccupationID: Hashable, Codable, Sendable, CustomStringConvertible {
    /// An active booking, by its row id.
    case booking(Int64)
    /// A live hold, by its opaque id.
    case hold(String)
    /// The cooling-off block of a cancelled booking, by its row id.
    case cooldown(Int64)
    /// A walk-in ticket, by its row id.
    case walkInTicket(Int64)
    /// Bookings of the same stretch, channel and override, counted as one
    /// occupation with their number as its quantity. For counting only:
    /// no decision leaves a group out.
    case bookings(start: Instant, end: Instant, channel: Channel, staffOverride: Bool)

    /// The booking's row id, when this is one booking.
    public var bookingRowID: Int64? {
        if case .booking(let id) = self { return id }
        return nil
    }

    public var description: String {
        switch self {
        case .booking(let id): "booking \(id)"
        case .hold(let id): "hold \(id)"
        case .cooldown(let id): "cooldown \(id)"
        case .walkInTicket(let id): "walk-in ticket \(id)"
        case .bookings(let start, let end, let channel, let staffOverride):
            "bookings \(start.secondsSinceEpoch)-\(end.secondsSinceEpoch) \(channel.rawValue)\(staffOverride ? " override" : "")"
        }
    }
}
