import Core
import Scheduling

/// What calls Core's use cases — the API, the pages, the exports — names
/// them the same way: `bookings.book(…)`, `frontDesk.checkIn(…)`.
protocol CallsUseCases: Sendable {
    var useCases: UseCases { get }
}

extension CallsUseCases {
    var bookings: Bookings { useCases.bookings }
    var availability: Availability { useCases.availability }
    var frontDesk: FrontDesk { useCases.frontDesk }
    var walkIns: WalkIns { useCases.walkIns }
    var queue: Queue { useCases.queue }
    var feeds: CalendarFeeds { useCases.feeds }
    var callCentre: CallCentre { useCases.callCentre }
    var officeChanges: OfficeChanges { useCases.officeChanges }
    var statistics: Statistics { useCases.statistics }
    var accounts: Accounts { useCases.accounts }
    var time: OfficeTime { useCases.time }

    func catalogue() throws -> Catalogue { try useCases.catalogue() }

    /// The zone an office's times are shown in.
    func zone(_ officeId: OfficeID) throws -> TimeZoneRules { try time.zone(office: officeId) }
}
