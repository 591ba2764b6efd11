import Scheduling
import SQLite

/// Who is acting, which decides the channel (API.md: anonymous = online,
/// agent = phone, office staff = desk) and what is written into the record.
public struct Caller: Sendable, Hashable {
    public let channel: Channel
    /// The account's username, recorded as `createdBy`; nil for citizens.
    public let username: String?
    /// The account's id, recorded with every change it makes (audit).
    public let accountId: Int64?

    public init(channel: Channel, username: String? = nil, accountId: Int64? = nil) {
        self.channel = channel
        self.username = username
        self.accountId = accountId
    }

    public static let citizen = Caller(channel: .online)
}

/// What entitles a caller to see or change an existing booking.
public enum Access: Sendable, Hashable {
    /// The citizen's secret manage token.
    case manageToken(String)
    /// Staff: bookings of these offices.
    case offices(Set<String>)
    /// Agents: bookings at the offices of the municipalities they answer for.
    case municipalities(Set<String>)
    /// Admins: any booking.
    case anyOffice

    /// The catalogue tells which municipality an appointment's office is in.
    func allows(_ booking: Booking, tokenHash: [UInt8], catalogue: Catalogue) -> Bool {
        switch self {
        case .manageToken(let token): Crypto.constantTimeEqual(ManageToken.hash(token), tokenHash)
        case .offices(let offices): offices.contains(booking.officeId)
        case .municipalities(let municipalities):
            catalogue.office(booking.officeId).map { municipalities.contains($0.municipalityId) } ?? false
        case .anyOffice: true
        }
    }

    /// The offices whose bookings this access opens; nil for all of them.
    func officeIds(in catalogue: Catalogue) -> Set<String>? {
        switch self {
        case .manageToken: []
        case .offices(let offices): offices
        case .municipalities(let municipalities):
            Set(municipalities.flatMap { catalogue.offices(in: $0).map(\.id) })
        case .anyOffice: nil
        }
    }
}

/// The booking use cases: availability, holds, booking, cancelling, moving,
/// finding. Pages and the JSON API both call these, never a copy of a rule.
/// Every change is one write transaction on the single writer, so the
/// allocator decides on exactly the rows it commits against.
public final class Appointments: Sendable {
    public let store: Store
    public let clock: any Clock

    public init(store: Store, clock: any Clock = SystemClock()) {
        self.store = store
        self.clock = clock
    }

    /// The clock read in each office's zone: what pages ask for "now" and "today".
    public var time: OfficeTime { OfficeTime(store: store, clock: clock) }

    func allocator(_ officeId: String) throws -> SlotAllocator {
        SlotAllocator(setup: try store.setup(officeId))
    }

    /// The services asked for, with a readable error for an empty list.
    static func check(_ services: [RequestedService]) throws {
        guard !services.isEmpty else { throw BookingError.refused(.noServices) }
    }

    /// Turns an allocator result into a value or a thrown `BookingError`.
    static func unwrap<T>(_ result: Result<T, Refusal>) throws -> T {
        switch result {
        case .success(let value): return value
        case .failure(let refusal): throw BookingError.refused(refusal)
        }
    }

    /// The appointment with this code if `access` allows seeing it; one
    /// answer (`notFound`) for unknown codes and wrong secrets alike.
    public func booking(_ code: BookingCode, access: Access) throws -> Booking {
        let catalogue = try store.catalogue()
        return try store.read { db in
            guard let (booking, hash) = try BookingRows.find(db, code: code, catalogue: catalogue),
                  access.allows(booking, tokenHash: hash, catalogue: catalogue) else { throw BookingError.notFound }
            return booking
        }
    }
}
