import Scheduling
import SQLite

/// The statistics use case: the figures of one office over a period, read
/// in one read transaction so they agree with each other.
public struct Statistics: UseCase {
    public let store: Store
    public let clock: any Clock

    public init(store: Store, clock: any Clock = SystemClock()) {
        self.store = store
        self.clock = clock
    }

    /// The longest period one request may ask for.
    public static let longestPeriodDays = 366

    /// The last four weeks up to today, in the office's calendar.
    public func defaultPeriod(office officeId: OfficeID) throws -> (from: LocalDate, through: LocalDate) {
        let today = try OfficeTime(store: store, clock: clock).today(office: officeId)
        return (today.adding(days: -27), today)
    }

    /// What is wrong with a period, by field (`from`, `to`).
    public static func issues(from: LocalDate, through: LocalDate) -> [(field: String, message: String)] {
        if through < from { return [("to", "must not be before from")] }
        if from.days(until: through) >= longestPeriodDays { return [("to", "a period spans at most \(longestPeriodDays) days")] }
        return []
    }

    public func figures(office officeId: OfficeID, from: LocalDate, through: LocalDate) throws -> OfficeStatistics {
        let setup = try store.setup(officeId)
        if let issue = Self.issues(from: from, through: through).first {
            throw BookingError.invalid(field: issue.field, message: issue.message)
        }
        let zone = setup.timeZone
        let start = zone.startOfDay(from), end = zone.startOfDay(through.adding(days: 1))
        let dates = (0...from.days(until: through)).map { from.adding(days: $0) }
        // Computed here, not taken from the store's cache: a year of one
        // office's past days would crowd out the plans bookings need.
        let plans = dates.map { CapacityPlan(for: $0, setup: setup) }
        return try store.read { db in
            var byChannel: [Channel: Int] = [:]
            var byStatus: [String: Int] = [:]
            for row in try db.query("""
                SELECT channel, status, count(*) AS n FROM bookings WHERE office_id = ? AND start >= ? AND start < ?
                GROUP BY channel, status
                """, [officeId, start.secondsSinceEpoch, end.secondsSinceEpoch]) {
                let n: Int = try row["n"]
                byChannel[try OccupationRows.channel(row, at: 0), default: 0] += n
                byStatus[try row["status"], default: 0] += n
            }
            let bookings = try db.query("""
                SELECT start, end, channel, staff_override, count(*) AS n FROM bookings
                WHERE office_id = ? AND start >= ? AND start < ? AND status != 'cancelled'
                GROUP BY start, end, channel, staff_override
                """, [officeId, start.secondsSinceEpoch, end.secondsSinceEpoch]).map { row in
                let (start, end) = (try OccupationRows.instant(row, "start"), try OccupationRows.instant(row, "end"))
                let (channel, staffOverride): (Channel, Bool) = (try OccupationRows.channel(row, at: 2), try row["staff_override"])
                return Occupation(id: .bookings(start: start, end: end, channel: channel, staffOverride: staffOverride),
                                  kind: .booking, start: start, end: end, channel: channel, staffOverride: staffOverride,
                                  quantity: try row["n"])
            }
            return OfficeStatistics(
                officeId: officeId, from: from, through: through, bookingsByChannel: byChannel,
                cancellations: byStatus["cancelled", default: 0],
                attended: byStatus["checkedIn", default: 0] + byStatus["completed", default: 0],
                noShows: byStatus["noShow", default: 0],
                walkIns: try WalkInStatistics.figures(db, office: officeId, from: from, through: through),
                utilisation: StatisticsMath.utilisation(plans: plans, bookings: bookings))
        }
    }
}

/// Walk-in figures from the front desk's tickets: how many, how many were
/// called, and how long they waited from ticket to call.
enum WalkInStatistics {
    static func figures(_ db: Connection, office officeId: OfficeID, from: LocalDate, through: LocalDate) throws -> WalkInFigures {
        guard let row = try db.query("""
            SELECT count(*) AS tickets, count(called_at) AS called,
                   avg(called_at - issued_at) AS average, max(called_at - issued_at) AS longest
            FROM walk_in_tickets WHERE office_id = ? AND local_date >= ? AND local_date <= ?
            """, [officeId, from.description, through.description]).first else {
            return WalkInFigures(tickets: 0, called: 0, averageWaitMinutes: nil, longestWaitMinutes: nil)
        }
        let average: Double? = try row["average"]
        let longest: Int? = try row["longest"]
        return WalkInFigures(tickets: try row["tickets"], called: try row["called"],
                             averageWaitMinutes: average.map { $0 / 60 }, longestWaitMinutes: longest.map { $0 / 60 })
    }
}
