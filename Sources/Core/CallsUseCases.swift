import Scheduling

/// What calls the use cases — the API, the pages, the exports, the tests —
/// names them the same way: `bookings.book(…)`, `frontDesk.checkIn(…)`.
public protocol CallsUseCases {
    var useCases: UseCases { get }
}

extension CallsUseCases {
    public var bookings: Bookings { useCases.bookings }
    public var availability: Availability { useCases.availability }
    public var frontDesk: FrontDesk { useCases.frontDesk }
    public var walkIns: WalkIns { useCases.walkIns }
    public var queue: Queue { useCases.queue }
    public var feeds: CalendarFeeds { useCases.feeds }
    public var callCentre: CallCentre { useCases.callCentre }
    public var officeChanges: OfficeChanges { useCases.officeChanges }
    public var statistics: Statistics { useCases.statistics }
    public var accounts: Accounts { useCases.accounts }
    public var catalogueAdministration: CatalogueAdministration { useCases.catalogueAdministration }
    public var outbox: Outbox { useCases.outbox }
    public var retention: Retention { useCases.retention }
    public var time: OfficeTime { useCases.time }
}
