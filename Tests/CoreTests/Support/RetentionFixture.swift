@testable import Core
import Foundation
import Scheduling
import SQLite
import XCTest

/// A database for the retention tests: the demo's catalogue with its two
/// municipalities keeping personal data for different days (Bremerhaven 14,
/// Lübeck 3), one agent, and rows written straight into the tables, so a
/// test can give them any state and age — the use cases would refuse most
/// of the past.
final class RetentionFixture {
    let env: TestEnvironment
    let agent: Int64
    /// The instant the runs run at: a Saturday night, 03:00 in Berlin.
    let now = TestEnvironment.at("2026-12-19", "03:00")
    static let retentionDays: [MunicipalityID: Int] = ["bremerhaven": 14, "luebeck": 3]
    private var serial = 0
    /// The rows inserted since the last `commit`, written by it in one transaction.
    private var pending: [@Sendable (Connection) throws -> Void] = []

    init() throws {
        env = try TestEnvironment(seeded: false)
        var catalogue = try TestEnvironment.demoCatalogue.get()
        for index in catalogue.municipalities.indices {
            catalogue.municipalities[index].retentionDays = Self.retentionDays[catalogue.municipalities[index].id]!
        }
        try env.useCases.catalogueImport.apply(catalogue)
        agent = try env.accounts.create(username: "agent", displayName: "Agent", password: "secret-password", role: .agent,
                                        municipalityIds: Set(catalogue.municipalities.map(\.id)))
        env.clock.set(now)
    }

    var store: Store { env.store }
    var offices: [Office] { (try? store.catalogue().offices) ?? [] }

    func setup(_ office: OfficeID) throws -> OfficeSetup { try XCTUnwrap(store.catalogue().setup(office)) }

    /// The retention days of the office's municipality, in seconds.
    func retention(_ office: OfficeID) throws -> Int64 {
        let municipality = try XCTUnwrap(store.catalogue().office(office)).municipalityId
        return Int64(try XCTUnwrap(Self.retentionDays[municipality])) * 86_400
    }

    /// A text no other row holds, so finding it anywhere in the database is
    /// finding this row's data.
    func unique(_ what: String) -> String {
        serial += 1
        return "\(what)-\(serial)-zq"
    }

    func retention(batchSize: Int = RetentionRules.batchSize) -> Retention {
        Retention(store: store, clock: env.clock, batchSize: batchSize)
    }

    // MARK: - Rows

    struct BookingRow {
        var office: OfficeID
        var status: String
        var channel: Channel
        var end: Int64
        var updatedAt: Int64
        var name: String
        var email: String?
        var phone: String?
        var note: String?
        var confirmBy: Int64?
    }

    /// Writes the booking with its contact keys, its "created" line (for
    /// whom, when an agent or clerk made it) and its "cancelled" or
    /// "lapsed" line (at `commit`); returns its id.
    @discardableResult
    func insert(_ booking: BookingRow) -> Int64 {
        serial += 1
        let id = Int64(serial)
        let start = booking.end - 1800
        let created = min(start, booking.updatedAt) - 86_400
        let code = unique("code")
        let date = TimeZoneRules.europeBerlin.localDate(of: Instant(secondsSinceEpoch: start)).description
        let keys = Contact(name: booking.name, email: booking.email, phone: booking.phone).keys
        let agent = booking.channel == .online ? nil : self.agent
        let token = Crypto.randomBytes(32)
        pending.append { db in
            try db.run("""
                INSERT INTO bookings(id, code, office_id, status, channel, start, end, local_date, contact_name, contact_email,
                    contact_phone, note, manage_token_hash, created_at, updated_at, confirm_by, confirm_token_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [id, code, booking.office, booking.status, booking.channel.rawValue, start, booking.end, date, booking.name,
                      booking.email, booking.phone, booking.note, token, created, booking.updatedAt,
                      booking.confirmBy, booking.confirmBy.map { _ in Crypto.randomBytes(32) }])
            for key in keys { try db.run("INSERT INTO booking_contact_keys(booking_id, key) VALUES (?, ?)", [id, key]) }
            let onBehalfOf = agent == nil ? nil : booking.name
            try Self.event(db, booking: id, at: created, action: "created", channel: booking.channel, account: agent,
                           onBehalfOf: onBehalfOf)
            if booking.status == "cancelled" {
                try Self.event(db, booking: id, at: booking.updatedAt, action: booking.confirmBy == nil ? "cancelled" : "lapsed",
                               channel: booking.channel, account: agent, onBehalfOf: onBehalfOf ?? booking.name)
            }
        }
        return id
    }

    private static func event(_ db: Connection, booking: Int64, at: Int64, action: String, channel: Channel, account: Int64?,
                              onBehalfOf: String?) throws {
        try db.run("""
            INSERT INTO booking_events(booking_id, at, action, channel, account_id, actor, on_behalf_of)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [booking, at, action, channel.rawValue, account, account.map { _ in "agent" }, onBehalfOf])
    }

    /// An e-mail in the outbox: about a booking, about a call-centre item
    /// (its id in the facts, as `Store.enqueueForOffice` writes it), or
    /// neither; settled at `settledAt` unless pending.
    func insertMessage(kind: OutboxMessage.Kind, booking: Int64? = nil, item: String? = nil, office: OfficeID? = nil,
                       status: String, settledAt: Int64?, text: String) throws {
        var facts = MessageFacts()
        facts.itemId = item
        facts.callerName = text
        let json = String(decoding: try JSONEncoder().encode(facts), as: UTF8.self)
        let messageId = unique("message")
        let created = (settledAt ?? now.secondsSinceEpoch) - 600
        pending.append { db in
            try db.run("""
                INSERT INTO outbox(message_id, kind, language, recipient, office_id, booking_id, facts, created_at, status,
                    next_attempt_at, settled_at) VALUES (?, ?, 'de', ?, ?, ?, ?, ?, ?, ?, ?)
                """, [messageId, kind.rawValue, text + "@example.org", office, booking, json, created, status, created, settledAt])
        }
    }

    func insertHold(office: OfficeID, createdAt: Int64, expiresAt: Int64, booked: Bool, keys: [String]) throws {
        let id = unique("hold")
        pending.append { db in
            try db.run("""
                INSERT INTO holds(id, office_id, channel, start, end, services, created_at, expires_at, client_key, booked)
                VALUES (?, ?, 'online', ?, ?, 'personalausweis*1', ?, ?, ?, ?)
                """, [id, office, createdAt + 86_400, createdAt + 88_200, createdAt, expiresAt, "client-" + id, booked])
            for key in keys { try db.run("INSERT OR IGNORE INTO hold_contacts(hold_id, key) VALUES (?, ?)", [id, key]) }
        }
    }

    /// A callback request (`table` callback_requests) or a memo (memos),
    /// with the message its office's mailbox got; returns its id.
    @discardableResult
    func insertItem(_ table: String, office: OfficeID, createdAt: Int64, doneAt: Int64?) throws -> String {
        let id = unique(table)
        let (text, done) = (unique("text"), doneAt.map { _ in unique("done-note") })
        pending.append { db in
            if table == "callback_requests" {
                try db.run("""
                    INSERT INTO callback_requests(id, office_id, name, phone, topic, note, status, created_by, created_at,
                        done_by, done_at, done_note) VALUES (?, ?, ?, ?, ?, ?, ?, 'agent', ?, ?, ?, ?)
                    """, [id, office, text + "-name", "+49471" + String(text.count), text + "-topic", text + "-note",
                          doneAt == nil ? "open" : "done", createdAt, doneAt.map { _ in "staff" }, doneAt, done])
            } else {
                try db.run("""
                    INSERT INTO memos(id, office_id, subject, text, contact, status, created_by, created_at, done_by, done_at,
                        done_note) VALUES (?, ?, ?, ?, ?, ?, 'agent', ?, ?, ?, ?)
                    """, [id, office, text + "-subject", text + "-text", text + "-contact", doneAt == nil ? "open" : "done",
                          createdAt, doneAt.map { _ in "staff" }, doneAt, done])
            }
        }
        try insertMessage(kind: table == "memos" ? .officeMemo : .officeCallback, item: id, office: office, status: "sent",
                          settledAt: createdAt + 60, text: text)
        return id
    }

    func insertTicket(office: OfficeID, date: LocalDate, name: String?) throws {
        let number = serial + 1
        serial += 1
        let start = TimeZoneRules.europeBerlin.startOfDay(date).secondsSinceEpoch + 9 * 3600
        pending.append { db in
            try db.run("""
                INSERT INTO walk_in_tickets(office_id, local_date, number, services, issued_at, start, end, estimated_call_at,
                    status, name) VALUES (?, ?, ?, 'personalausweis*1', ?, ?, ?, ?, 'done', ?)
                """, [office, date.description, number, start, start, start + 900, start, name])
        }
    }

    func insertSession(createdAt: Int64, lastSeenAt: Int64) throws {
        let agent = self.agent
        pending.append { db in
            try db.run("INSERT INTO sessions(token_hash, account_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)",
                       [Crypto.randomBytes(32), agent, createdAt, lastSeenAt])
        }
    }

    func insertIdempotencyReply(createdAt: Int64) throws {
        pending.append { db in
            try db.run("""
                INSERT INTO idempotency_keys(key_hash, request_hash, status, sealed_body, created_at) VALUES (?, ?, 1, ?, ?)
                """, [Crypto.randomBytes(32), Crypto.randomBytes(32), Crypto.randomBytes(48), createdAt])
        }
    }

    /// Writes the rows inserted so far, in one transaction.
    func commit() throws {
        let rows = pending
        pending = []
        try store.write { db in for row in rows { try row(db) } }
    }

    // MARK: - What the file holds

    /// Every row of every table that holds what retention erases or
    /// removes, by table and key: compared whole before and after a run.
    typealias Snapshot = [String: [String: [String: SQLiteValue]]]

    static let keysOfTables: [(table: String, key: String)] = [
        ("bookings", "id"), ("booking_contact_keys", "booking_id || '/' || key"), ("booking_events", "id"),
        ("outbox", "id"), ("holds", "id"), ("hold_contacts", "hold_id || '/' || key"), ("callback_requests", "id"),
        ("memos", "id"), ("walk_in_tickets", "id"), ("sessions", "hex(token_hash)"), ("idempotency_keys", "hex(key_hash)"),
        ("retention_runs", "id"), ("retention_run_counts", "run_id || '/' || kind"),
    ]

    func snapshot() throws -> Snapshot {
        try store.read { db in
            var snapshot: Snapshot = [:]
            for (table, key) in Self.keysOfTables {
                var rows: [String: [String: SQLiteValue]] = [:]
                for row in try db.query("SELECT CAST(\(key) AS TEXT) AS row_key, * FROM \(table)") {
                    var values: [String: SQLiteValue] = [:]
                    for (index, name) in row.columnNames.enumerated() where index > 0 { values[name] = row.values[index] }
                    rows[try row[0] as String] = values
                }
                snapshot[table] = rows
            }
            return snapshot
        }
    }

    /// Every text and blob in the database, for looking for erased values.
    func everyValue() throws -> Data {
        try store.read { db in
            let tables = try db.query("SELECT name FROM sqlite_schema WHERE type = 'table'").map { try $0["name"] as String }
            return Self.texts(of: try tables.flatMap { table in try db.query("SELECT * FROM \"\(table)\"").map(\.values) })
        }
    }

    /// The texts and blobs of rows, one after another.
    static func texts(of rows: [[String: SQLiteValue]]) -> Data { texts(of: rows.map { Array($0.values) }) }

    static func texts(of rows: [[SQLiteValue]]) -> Data {
        var data = Data()
        for value in rows.joined() {
            switch value {
            case .text(let text): data.append(contentsOf: Array(text.utf8) + [0])
            case .blob(let bytes): data.append(contentsOf: bytes + [0])
            default: break
            }
        }
        return data
    }
}
