import Foundation
import Scheduling
import SQLite

/// Reads the rows of `outbox` back into messages.
enum OutboxRows {
    static let columns = """
        id, message_id, kind, language, recipient, office_id, booking_id, facts, created_at, status, attempts,
        next_attempt_at, settled_at, last_error
        """

    static func message(_ row: Row) throws -> OutboxMessage {
        let id: Int64 = try row["id"]
        let kindText: String = try row["kind"]
        let statusText: String = try row["status"]
        guard let kind = OutboxMessage.Kind(rawValue: kindText), let status = OutboxMessage.Status(rawValue: statusText) else {
            throw CatalogueRows.Invalid(description: "outbox message \(id): kind \(kindText) or status \(statusText)")
        }
        let factsText: String = try row["facts"]
        let settled: Int64? = try row["settled_at"]
        return OutboxMessage(
            id: id, messageID: try row["message_id"], kind: kind, language: try row["language"], recipient: try row["recipient"],
            officeId: try row["office_id"], bookingId: try row["booking_id"],
            facts: try JSONDecoder().decode(MessageFacts.self, from: Data(factsText.utf8)),
            createdAt: try OccupationRows.instant(row, "created_at"), status: status, attempts: try row["attempts"],
            nextAttemptAt: try OccupationRows.instant(row, "next_attempt_at"),
            settledAt: settled.map(Instant.init(secondsSinceEpoch:)), lastError: try row["last_error"])
    }
}
