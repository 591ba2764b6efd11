import Scheduling

/// What every use case works with: the store, and Core's one clock. Each
/// use case is a small class of its own (`Bookings`, `Availability`,
/// `FrontDesk`, `WalkIns`, `Queue`, `CalendarFeeds`, …); what they share
/// lives here once.
protocol UseCase: Sendable {
    var store: Store { get }
    var clock: any Clock { get }
}

extension UseCase {
    /// The clock read in each office's zone.
    var time: OfficeTime { OfficeTime(store: store, clock: clock) }

    /// The allocator of one office, on its current setup.
    func allocator(_ officeId: OfficeID) throws -> SlotAllocator {
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

    /// The booking with this code if `access` allows seeing it; `notFound`
    /// for unknown codes and wrong secrets alike.
    func findBooking(_ code: BookingCode, access: Access) throws -> Booking {
        let catalogue = try store.catalogue()
        return try store.read { db in
            guard let (booking, hash) = try BookingRows.find(db, code: code, catalogue: catalogue),
                  access.allows(booking, tokenHashes: hash, catalogue: catalogue) else { throw BookingError.notFound }
            return booking
        }
    }
}
