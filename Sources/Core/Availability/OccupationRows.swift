import Scheduling
import SQLite

/// Reads what takes capacity at an office — active bookings, live holds,
/// cooling-off blocks and walk-in tickets — as the allocator's occupations.
enum OccupationRows {
    /// Everything overlapping `[from, to)` that still counts at `now`.
    static func occupations(_ db: Connection, office: OfficeID, zone: TimeZoneRules, from: Instant, to: Instant, now: Instant,
                            bookings: Bool = true) throws -> [Occupation] {
        var result: [Occupation] = []
        let earliest = earliestStart(reaching: from, in: zone)
        let live: StatementArguments = [office, earliest, to.secondsSinceEpoch, from.secondsSinceEpoch, now.secondsSinceEpoch]
        for row in try !bookings ? [] : db.cachedStatement("""
            SELECT id, channel, start, end, staff_override, \(lapsesAt) FROM bookings
            WHERE office_id = ? AND start > ? AND start < ? AND end > ? AND \(takesCapacity)
            """).query(live) {
            // By position: this runs for every row of every decision.
            let lapses: Int64? = try row[5]
            result.append(Occupation(id: .booking(try row[0]), kind: .booking, start: Instant(secondsSinceEpoch: try row[2]),
                                     end: Instant(secondsSinceEpoch: try row[3]), channel: try channel(row),
                                     staffOverride: try row[4], lapsesAt: lapses.map(Instant.init(secondsSinceEpoch:))))
        }
        for row in try db.cachedStatement("""
            SELECT id, channel, start, end, expires_at FROM holds WHERE office_id = ? AND start > ? AND start < ? AND end > ? AND expires_at > ?
            """).query(live) {
            result.append(Occupation(id: .hold(try row[0]), kind: .hold(expiresAt: Instant(secondsSinceEpoch: try row[4])),
                                     start: Instant(secondsSinceEpoch: try row[2]), end: Instant(secondsSinceEpoch: try row[3]),
                                     channel: try channel(row)))
        }
        for row in try db.cachedStatement("""
            SELECT id, channel, start, end, until FROM cooldowns WHERE office_id = ? AND start > ? AND start < ? AND end > ? AND until > ?
            """).query(live) {
            let id: Int64 = try row[0]
            result.append(Occupation(id: .cooldown(id), kind: .cooldown(until: Instant(secondsSinceEpoch: try row[4])),
                                     start: Instant(secondsSinceEpoch: try row[2]), end: Instant(secondsSinceEpoch: try row[3]),
                                     channel: try channel(row)))
        }
        result += try WalkInRows.occupations(db, office: office, earliest: earliest, from: from, to: to)
        return result
    }

    /// What a decision about a booking starting at `start` needs to see:
    /// only the occupations overlapping the slots it could take (its
    /// minutes, plus up to an hour of rounding to the slot length), not the
    /// whole day. Falls back to the whole day when the minutes are unknown.
    ///
    /// Bookings come grouped by stretch (`counted`): at an office with many
    /// counters, a decision's window holds thousands of bookings but a few
    /// dozen stretches, and the allocator's counts are the same. Only a
    /// decision that must leave one booking out (a move) reads them one by one.
    static func occupations(_ db: Connection, allocator: SlotAllocator, request: BookingRequest, start: Instant,
                            now: Instant) throws -> [Occupation] {
        let (office, zone) = (allocator.setup.office.id, allocator.timeZone)
        var (from, to) = (zone.startOfDay(zone.localDate(of: start)), zone.startOfDay(zone.localDate(of: start).adding(days: 1)))
        if case .success(let minutes) = allocator.serviceMinutes(for: request) {
            (from, to) = (start, start.adding(minutes: minutes + 60))
        }
        if request.replacing.contains(where: { $0.bookingRowID != nil }) {
            return try occupations(db, office: office, zone: zone, from: from, to: to, now: now)
        }
        return try counted(db, office: office, zone: zone, from: from, to: to, now: now)
    }

    /// The occupations of one local day.
    static func occupations(_ db: Connection, setup: OfficeSetup, date: LocalDate, now: Instant) throws -> [Occupation] {
        let zone = setup.timeZone
        return try occupations(db, office: setup.office.id, zone: zone, from: zone.startOfDay(date),
                               to: zone.startOfDay(date.adding(days: 1)), now: now)
    }

    /// The bound below which no start can reach `from`, exclusive. Whatever
    /// takes capacity lies inside one opening band of one local day, so
    /// nothing that started before `from`'s day reaches into it. The bound
    /// keeps the index scan to that day: a decision at 10:00 reads that
    /// morning's rows, not the last 24 hours' — whatever the rules say, now
    /// or when the rows were written.
    static func earliestStart(reaching from: Instant, in zone: TimeZoneRules) -> Int64 {
        zone.startOfDay(zone.localDate(of: from)).secondsSinceEpoch - 1
    }

    /// The same occupations for counting only: bookings with the same time,
    /// channel and override are one occupation with their number as its
    /// quantity. Availability then reads one row per distinct stretch, not
    /// one per booking, so its cost stays flat as bookings pile up; the
    /// allocator's counts are the same (it adds quantities per slot).
    /// Ids are not per booking, so a decision that must leave one booking
    /// out (a reschedule) uses `occupations` instead.
    static func counted(_ db: Connection, office: OfficeID, zone: TimeZoneRules, from: Instant, to: Instant,
                        now: Instant) throws -> [Occupation] {
        var result: [Occupation] = []
        let earliest = earliestStart(reaching: from, in: zone)
        for row in try db.cachedStatement("""
            SELECT start, end, channel, staff_override, count(*) AS n, \(lapsesAt) AS lapses FROM bookings
            WHERE office_id = ? AND start > ? AND start < ? AND end > ? AND \(takesCapacity)
            GROUP BY start, end, channel, staff_override, lapses
            """).query([office, earliest, to.secondsSinceEpoch, from.secondsSinceEpoch, now.secondsSinceEpoch]) {
            let start = Instant(secondsSinceEpoch: try row[0])
            let end = Instant(secondsSinceEpoch: try row[1])
            let channel = try OccupationRows.channel(row, at: 2)
            let override: Bool = try row[3]
            let lapses: Int64? = try row[5]
            result.append(Occupation(id: .bookings(start: start, end: end, channel: channel, staffOverride: override),
                                     kind: .booking, start: start, end: end,
                                     channel: channel, staffOverride: override, quantity: try row[4],
                                     lapsesAt: lapses.map(Instant.init(secondsSinceEpoch:))))
        }
        return result + (try occupations(db, office: office, zone: zone, from: from, to: to, now: now, bookings: false))
    }

    /// The bookings that take capacity at `now` (the statement's last
    /// argument): every one not cancelled, but one waiting for its double
    /// opt-in only until `confirm_by`, even before it is lapsed
    /// (`Bookings+Confirmation`), so no answer offers its time as taken
    /// after that.
    static let takesCapacity = "status != 'cancelled' AND (status != 'pendingConfirmation' OR confirm_by > ?)"
    /// When a booking waiting for its opt-in gives its capacity back; NULL for any other.
    static let lapsesAt = "CASE WHEN status = 'pendingConfirmation' THEN confirm_by END"

    static func instant(_ row: Row, _ column: String) throws -> Instant {
        Instant(secondsSinceEpoch: try row[column])
    }

    /// The channel in column 1 (every occupancy query selects it there) or
    /// in the column `channel`.
    static func channel(_ row: Row, at index: Int? = 1) throws -> Channel {
        let name: String = try index.map { try row[$0] } ?? row["channel"]
        guard let channel = Channel(rawValue: name) else { throw CatalogueRows.Invalid(description: "channel \(name)") }
        return channel
    }
}
