import Scheduling
import SQLite

/// Reads and writes `walk_in_tickets`.
enum WalkInRows {
    static let columns = "id, office_id, local_date, number, services, issued_at, start, end, estimated_call_at, status, called_at, name"

    static func tickets(_ db: Connection, office: OfficeID, date: LocalDate, statuses: [WalkInTicket.Status]? = nil) throws -> [WalkInTicket] {
        var sql = "SELECT \(columns) FROM walk_in_tickets WHERE office_id = ? AND local_date = ?"
        if let statuses { sql += " AND status IN (" + statuses.map { "'\($0.rawValue)'" }.joined(separator: ",") + ")" }
        return try db.cachedStatement(sql + " ORDER BY number").query([office, date.description]).map(ticket)
    }

    static func find(_ db: Connection, office: OfficeID, date: LocalDate, number: Int) throws -> WalkInTicket? {
        try db.cachedStatement("SELECT \(columns) FROM walk_in_tickets WHERE office_id = ? AND local_date = ? AND number = ?")
            .query([office, date.description, number]).first.map(ticket)
    }

    static func ticket(_ row: Row) throws -> WalkInTicket {
        let dateText: String = try row["local_date"]
        let statusText: String = try row["status"]
        guard let date = LocalDate(dateText), let status = WalkInTicket.Status(rawValue: statusText) else {
            throw CatalogueRows.Invalid(description: "walk-in ticket: date \(dateText) or status \(statusText)")
        }
        let calledAt: Int64? = try row["called_at"]
        return WalkInTicket(
            id: try row["id"], officeId: try row["office_id"], date: date, number: try row["number"],
            services: services(parsing: try row["services"]), issuedAt: try OccupationRows.instant(row, "issued_at"),
            start: try OccupationRows.instant(row, "start"), end: try OccupationRows.instant(row, "end"),
            estimatedCallAt: try OccupationRows.instant(row, "estimated_call_at"), status: status,
            calledAt: calledAt.map(Instant.init(secondsSinceEpoch:)), name: try row["name"])
    }

    /// `id:quantity,id:quantity` — service ids never contain `:` or `,`.
    static func text(_ services: [RequestedService]) -> String {
        services.map { "\($0.serviceId):\($0.quantity)" }.joined(separator: ",")
    }

    static func services(parsing text: String) -> [RequestedService] {
        text.split(separator: ",").compactMap { item in
            let parts = item.split(separator: ":")
            guard parts.count == 2, let quantity = Int(parts[1]) else { return nil }
            return RequestedService(serviceId: ServiceID(String(parts[0])), quantity: quantity)
        }
    }

    static func insert(_ db: Connection, placement: WalkInPlacement, services: [RequestedService], name: String?,
                       issuedAt: Instant, createdBy: String?) throws -> WalkInTicket {
        let number = try db.cachedStatement(
            "SELECT coalesce(max(number), 0) + 1 FROM walk_in_tickets WHERE office_id = ? AND local_date = ?"
        ).query([placement.officeId, placement.date.description]).first.map { try $0[0] as Int } ?? 1
        try db.cachedStatement("""
            INSERT INTO walk_in_tickets(office_id, local_date, number, services, issued_at, start, end, estimated_call_at,
                                        uses_unbookable, status, created_by, name)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?)
            """).execute([placement.officeId, placement.date.description, number, text(services), issuedAt.secondsSinceEpoch,
                          placement.start.secondsSinceEpoch, placement.end.secondsSinceEpoch,
                          placement.estimatedCallAt.secondsSinceEpoch, placement.usesUnbookableCapacity, createdBy, name])
        return WalkInTicket(id: db.lastInsertRowID, officeId: placement.officeId, date: placement.date, number: number,
                            services: services, issuedAt: issuedAt, start: placement.start, end: placement.end,
                            estimatedCallAt: placement.estimatedCallAt, status: .waiting, calledAt: nil, name: name)
    }

    /// The tickets overlapping `[from, to)` that still take capacity, as occupations.
    static func occupations(_ db: Connection, office: OfficeID, earliest: Int64, from: Instant, to: Instant) throws -> [Occupation] {
        try db.cachedStatement("""
            SELECT id, start, end FROM walk_in_tickets
            WHERE office_id = ? AND start > ? AND start < ? AND end > ? AND status != 'noShow'
            """).query([office, earliest, to.secondsSinceEpoch, from.secondsSinceEpoch]).map { row in
            let id: Int64 = try row[0]
            return Occupation(id: .walkInTicket(id), kind: .walkIn, start: Instant(secondsSinceEpoch: try row[1]),
                              end: Instant(secondsSinceEpoch: try row[2]), channel: .desk)
        }
    }
}
