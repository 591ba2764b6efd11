/// How a booking reaches the office. The caller's identity decides it (see
/// docs/api.md): anonymous = `online`, a signed-in agent = `phone`, signed-in
/// office staff = `desk`. Channels differ in which capacity they may use.
public enum Channel: String, CaseIterable, Codable, Sendable, Comparable {
    case online
    case phone
    case desk

    /// Phone and desk may use all bookable capacity; online must leave the
    /// unreleased phone reserve alone.
    public var mayUsePhoneReserve: Bool { self != .online }

    /// The order channels are listed in: online, phone, desk.
    private var rank: Int {
        switch self {
        case .online: 0
        case .phone: 1
        case .desk: 2
        }
    }

    public static func < (lhs: Channel, rhs: Channel) -> Bool { lhs.rank < rhs.rank }
}
