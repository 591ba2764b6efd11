import Scheduling
import SQLite

extension CatalogueRows {
    /// Every office's changed counters, by office. Past dates are kept: the
    /// statistics of a past day measure against what was staffed then.
    static func capacityChanges(_ db: Connection) throws -> [OfficeID: [CapacityChange]] {
        var changes: [OfficeID: [CapacityChange]] = [:]
        for row in try db.query("SELECT * FROM capacity_changes ORDER BY id") {
            let change = try capacityChange(row)
            changes[change.officeId, default: []].append(change)
        }
        return changes
    }

    static func capacityChange(_ row: Row) throws -> CapacityChange {
        let id: String = try row["id"]
        guard let date = LocalDate(try row["date"] as String) else { throw Invalid(description: "capacity change \(id): date") }
        let bandStart: String? = try row["band_start"]
        let bandEnd: String? = try row["band_end"]
        var band: TimeBand?
        if let bandStart, let bandEnd {
            guard let parsed = TimeBand(bandStart, bandEnd) else { throw Invalid(description: "capacity change \(id): band") }
            band = parsed
        }
        return CapacityChange(id: id, officeId: try row["office_id"], date: date, band: band,
                              counters: try row["counters"], reason: try row["reason"])
    }
}

extension CatalogueWriter {
    public func insert(_ change: CapacityChange, createdBy: String?, at createdAt: Int64) throws {
        try db.run("""
            INSERT INTO capacity_changes(id, office_id, date, band_start, band_end, counters, reason, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [change.id, change.officeId, change.date.description, change.band?.start.description,
                  change.band?.end.description, change.counters, change.reason, createdBy, createdAt])
    }
}
