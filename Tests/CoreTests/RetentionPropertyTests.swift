@testable import Core
import Foundation
import Glibc
import Scheduling
import SQLite
import XCTest

/// Over generated rows of every kind, state and age — bookings of every
/// status and channel ending or cancelled just before, at and after their
/// municipality's cutoff, lapsed ones, their history and e-mails; holds
/// live and ended inside and outside the window; callbacks and memos open
/// and done around done+N and filed+90; tickets of today and before, named
/// or not; sessions, idempotency replies and outbox messages of each
/// status and age — a run leaves exactly what the rules keep: every due
/// row erased or removed, with its related rows, and every other row byte
/// for byte as it was. Each rule is stated once more here, from the rows'
/// values, independently of the run's SQL.
final class RetentionPropertyTests: XCTestCase {
    static let cases = 10

    func testARunErasesWhatIsDueAndLeavesEverythingElseAsItWas() throws {
        for number in 0..<Self.cases {
            let seed = 0x5E7E_2026_0015_0000 &+ UInt64(number)
            let failures = testRun?.totalFailureCount ?? 0
            try check(seed: seed)
            if testRun?.totalFailureCount ?? 0 > failures { return print("failing case: seed \(String(seed, radix: 16))") }
        }
    }

    private func check(seed: UInt64) throws {
        let fixture = try RetentionFixture()
        var random = Seeded(seed)
        try generate(fixture, &random)
        let before = try fixture.snapshot()
        let expected = try Expectation(fixture, before)

        let dry = try fixture.retention().run(.command, dryRun: true)
        XCTAssertEqual(try fixture.snapshot(), before, "a dry run writes nothing")
        XCTAssertEqual(dry.counts, expected.counts, "a dry run counts what is due")
        XCTAssertTrue(dry.dryRun)

        let report = try fixture.retention(batchSize: random.int(1...40)).run(.command)
        XCTAssertEqual(report.counts, expected.counts, "a run erases and removes what is due")
        XCTAssertEqual(report.counts, dry.counts, "the dry run counted what the run did")
        let after = try fixture.snapshot()
        XCTAssertEqual(try expected.rows(after: after), after.filter { !Expectation.recordTables.contains($0.key) })

        // Beyond the tables compared: no other row of any table keeps an
        // erased value (a kept row may hold the same, such as the e-mail's
        // key of a live hold for the same citizen).
        let everything = try fixture.everyValue()
        let kept = RetentionFixture.texts(of: try expected.rows(after: after).values.flatMap(\.values))
        for value in expected.erasedValues where kept.range(of: Data(value.utf8)) == nil {
            XCTAssertNil(everything.range(of: Data(value.utf8)), "\(value) is still in the database")
        }
        for value in expected.keptValues { XCTAssertNotNil(everything.range(of: Data(value.utf8)), "\(value) was kept") }

        let again = try fixture.retention().run(.command)
        XCTAssertEqual(again.total, 0, "a second run right after finds nothing due")
    }

    // MARK: - The rows

    private func generate(_ fixture: RetentionFixture, _ random: inout Seeded) throws {
        let now = fixture.now.secondsSinceEpoch
        let offices = fixture.offices.map(\.id)
        let statuses = ["confirmed", "pendingConfirmation", "cancelled", "checkedIn", "noShow", "completed"]
        var bookingKeys: [String] = []
        for index in 0..<60 {
            let office = random.pick(offices)
            let cutoff = now - (try fixture.retention(office))
            let status = random.pick(statuses)
            let end = random.around(cutoff, now: now, future: true)
            var booking = RetentionFixture.BookingRow(
                office: office, status: status, channel: random.pick(Channel.allCases), end: end,
                updatedAt: min(end - 1800, now) - Int64(random.int(0...3600)), name: fixture.unique("Name"),
                email: random.chance(0.8) ? fixture.unique("mail") + "@example.org" : nil,
                phone: random.chance(0.5) ? "+49 471 \(300_000 + index)" : nil,
                note: random.chance(0.5) ? fixture.unique("note") : nil)
            if status == "cancelled" {
                // Cancelled early (long before its end) or late; some lapsed unconfirmed.
                booking.updatedAt = random.around(cutoff, now: now)
                if random.chance(0.3) { booking.confirmBy = booking.updatedAt }
            } else if status == "pendingConfirmation" {
                booking.confirmBy = now + 1800
            }
            let id = fixture.insert(booking)
            let keys = Contact(name: booking.name, email: booking.email, phone: booking.phone).keys
            bookingKeys += keys
            for _ in 0..<random.int(0...2) {
                let status = random.pick(["pending", "sent", "failed", "withdrawn"])
                try fixture.insertMessage(kind: random.pick([.confirmation, .reminder, .cancelled]), booking: id, office: office,
                                          status: status,
                                          settledAt: status == "pending" ? nil : random.around(now - 7 * 86_400, now: now),
                                          text: booking.name)
            }
        }
        for _ in 0..<30 {
            let office = random.pick(offices)
            let policy = try fixture.setup(office).policy
            let window = Int64(max(policy.holdWindowMinutes, policy.holdMinutes)) * 60
            let created = random.around(now - window, now: now, spread: 3 * 3600)
            // Live, or ended (released, booked, run out) around the cooldown's start.
            let expires = random.chance(0.3) ? now + 60
                : random.around(now - Int64(policy.cancelCooldownMinutes) * 60, now: now, spread: 3600)
            let keys = random.chance(0.6) && !bookingKeys.isEmpty ? [random.pick(bookingKeys)] : [fixture.unique("e:hold")]
            try fixture.insertHold(office: office, createdAt: min(created, expires - 1), expiresAt: expires,
                                   booked: random.chance(0.5), keys: keys)
        }
        for table in ["callback_requests", "memos"] {
            for _ in 0..<25 {
                let office = random.pick(offices)
                let done = now - (try fixture.retention(office))
                let created = random.chance(0.5) ? random.around(now - 90 * 86_400, now: now) : random.around(done, now: now)
                let doneAt = random.chance(0.6) ? max(created, random.around(done, now: now)) : nil
                try fixture.insertItem(table, office: office, createdAt: created, doneAt: doneAt)
            }
        }
        for _ in 0..<20 {
            let office = random.pick(offices)
            let today = try fixture.setup(office).timeZone.localDate(of: fixture.now)
            try fixture.insertTicket(office: office, date: today.adding(days: random.int(-3...1)),
                                     name: random.chance(0.7) ? fixture.unique("Visitor") : nil)
        }
        for _ in 0..<20 {
            let created = random.around(now - Accounts.defaultAbsoluteTimeoutSeconds, now: now, spread: 3600)
            let lastSeen = max(created, random.around(now - Accounts.defaultIdleTimeoutSeconds, now: now, spread: 1800))
            try fixture.insertSession(createdAt: created, lastSeenAt: lastSeen)
        }
        for _ in 0..<15 {
            try fixture.insertIdempotencyReply(createdAt: random.around(now - IdempotencyLedger.lifetimeSeconds, now: now, spread: 3600))
        }
        for _ in 0..<20 {
            let status = random.pick(["pending", "sent", "failed", "withdrawn"])
            try fixture.insertMessage(kind: .bookingLinks, status: status,
                                      settledAt: status == "pending" ? nil : random.around(now - 7 * 86_400, now: now),
                                      text: fixture.unique("links"))
        }
        try fixture.commit()
    }
}

/// What a run must leave, computed from the rows before it by the rules
/// as the issue states them.
private struct Expectation {
    static let recordTables: Set<String> = ["retention_runs", "retention_run_counts"]
    private let before: RetentionFixture.Snapshot
    private let now: Int64
    private(set) var counts: [RetentionKind: Int] = [:]
    private(set) var erasedValues: [String] = []
    private(set) var keptValues: [String] = []
    private var dueBookings: [Int64: SQLiteValue] = [:]  // id: channel
    private var dueItems: Set<String> = []

    init(_ fixture: RetentionFixture, _ before: RetentionFixture.Snapshot) throws {
        self.before = before
        now = fixture.now.secondsSinceEpoch
        for row in before["bookings"]!.values {
            let office = OfficeID(try row.text("office_id"))
            let keep = try fixture.retention(office)
            let cancelled = try row.text("status") == "cancelled"
            let due = try row.int("end") + keep <= now || (cancelled && (try row.int("updated_at")) + keep <= now)
            let personal = [try row.text("contact_name")] + (try ["contact_email", "contact_phone", "note"].compactMap { try row.optionalText($0) })
            if due {
                dueBookings[try row.int("id")] = row["channel"]
                erasedValues += personal
            } else {
                keptValues += personal
            }
        }
        counts[.bookings] = dueBookings.count
        for table in ["callback_requests", "memos"] {
            var due = 0
            for row in before[table]!.values {
                let keep = try fixture.retention(OfficeID(try row.text("office_id")))
                let (doneAt, filedAt) = (try row.optionalInt("done_at"), try row.int("created_at"))
                let isDue = doneAt.map { $0 + keep <= now } == true || filedAt + 90 * 86_400 <= now
                let texts = try (table == "memos" ? ["subject", "text", "contact", "done_note"] : ["name", "topic", "note", "done_note"])
                    .compactMap { try row.optionalText($0) }
                if isDue {
                    due += 1
                    dueItems.insert(try row.text("id"))
                    erasedValues += texts
                } else {
                    keptValues += texts
                }
            }
            counts[table == "memos" ? .memos : .callbacks] = due
        }
        var names = 0
        for row in before["walk_in_tickets"]!.values {
            guard let name = try row.optionalText("name") else { continue }
            let today = try fixture.setup(OfficeID(try row.text("office_id"))).timeZone.localDate(of: fixture.now)
            if LocalDate(try row.text("local_date"))! < today {
                names += 1
                erasedValues.append(name)
            } else {
                keptValues.append(name)
            }
        }
        counts[.ticketNames] = names
        counts[.holds] = try before["holds"]!.values.filter { try holdIsUnneeded($0, fixture) }.count
        counts[.sessions] = try before["sessions"]!.values.filter { try Self.sessionEnded($0, now: now) }.count
        counts[.idempotencyReplies] = try before["idempotency_keys"]!.values.filter { try $0.int("created_at") < now - 86_400 }.count
        counts[.outboxMessages] = try before["outbox"]!.values.filter { try Self.settledLongAgo($0, now: now) }.count
        counts = counts.filter { $0.value > 0 }
        heldHolds = try Dictionary(uniqueKeysWithValues: before["holds"]!.map { ($0.key, try holdIsUnneeded($0.value, fixture)) })
    }

    private var heldHolds: [String: Bool] = [:]  // hold id: unneeded

    private func holdIsUnneeded(_ row: [String: SQLiteValue], _ fixture: RetentionFixture) throws -> Bool {
        let policy = try fixture.setup(OfficeID(try row.text("office_id"))).policy
        return try row.int("expires_at") <= now - Int64(policy.cancelCooldownMinutes) * 60
            && (try row.int("created_at")) <= now - Int64(max(policy.holdWindowMinutes, policy.holdMinutes)) * 60
    }

    private static func sessionEnded(_ row: [String: SQLiteValue], now: Int64) throws -> Bool {
        try now - row.int("last_seen_at") > 30 * 60 || (try now - row.int("created_at")) > 12 * 3600
    }

    private static func settledLongAgo(_ row: [String: SQLiteValue], now: Int64) throws -> Bool {
        try row.text("status") != "pending" && (try row.int("settled_at")) + 7 * 86_400 <= now
    }

    /// The rows the run must leave, but for its own record; the erasure
    /// lines it adds to the histories are checked and taken from `after`.
    func rows(after: RetentionFixture.Snapshot) throws -> RetentionFixture.Snapshot {
        var expected = before.filter { !Self.recordTables.contains($0.key) }
        for id in dueBookings.keys {
            expected["bookings"]!["\(id)"]!.merge(["contact_name": .text(""), "contact_email": .null, "contact_phone": .null,
                                                   "note": .null, "confirm_token_hash": .null, "erased_at": .integer(now)]) { $1 }
        }
        let erasedKeys = Set(try before["booking_contact_keys"]!.values.filter { dueBookings[try $0.int("booking_id")] != nil }
            .map { try $0.text("key") })
        expected["booking_contact_keys"] = try expected["booking_contact_keys"]!.filter { dueBookings[try $0.value.int("booking_id")] == nil }
        for (key, row) in expected["booking_events"]! where dueBookings[try row.int("booking_id")] != nil {
            expected["booking_events"]![key]!["on_behalf_of"] = .null
        }
        let added = after["booking_events"]!.filter { before["booking_events"]![$0.key] == nil }
        XCTAssertEqual(added.count, dueBookings.count, "one erasure line per erased booking")
        for (key, row) in added {
            let booking = try row.int("booking_id")
            XCTAssertEqual(row, ["id": .integer(Int64(key)!), "booking_id": .integer(booking), "at": .integer(now),
                                 "action": .text("erased"), "channel": dueBookings[booking] ?? .null, "account_id": .null,
                                 "actor": .null, "on_behalf_of": .null, "detail": .text("retention")])
            expected["booking_events"]![key] = row
        }
        expected["outbox"] = try expected["outbox"]!.filter { _, row in
            let item = (try row.text("facts")).data(using: .utf8).flatMap { try? JSONDecoder().decode(MessageFacts.self, from: $0) }?.itemId
            let (settled, booking) = (try Self.settledLongAgo(row, now: now), try row.optionalInt("booking_id"))
            return !settled && booking.map { dueBookings[$0] == nil } != false && !(item.map(dueItems.contains) ?? false)
        }
        expected["holds"] = expected["holds"]!.filter { heldHolds[$0.key] == false }
        expected["hold_contacts"] = try expected["hold_contacts"]!.filter { _, row in
            let hold = try row.text("hold_id")
            guard heldHolds[hold] == false, let values = before["holds"]![hold] else { return false }
            let (booked, expires, key) = (try values.int("booked"), try values.int("expires_at"), try row.text("key"))
            return !(booked == 1 && expires <= now && erasedKeys.contains(key))
        }
        for table in ["callback_requests", "memos"] {
            for id in dueItems where expected[table]![id] != nil {
                let erased: [String: SQLiteValue] = table == "memos"
                    ? ["subject": .text(""), "text": .text(""), "contact": .null]
                    : ["name": .text(""), "phone": .text(""), "topic": .text(""), "note": .text("")]
                expected[table]![id]!.merge(erased.merging(["done_note": .null, "erased_at": .integer(now)]) { $1 }) { $1 }
            }
        }
        for (key, row) in expected["walk_in_tickets"]! where !row["name"]!.isNull {
            if erasedValues.contains(try row.text("name")) { expected["walk_in_tickets"]![key]!["name"] = .null }
        }
        expected["sessions"] = try expected["sessions"]!.filter { !(try Self.sessionEnded($0.value, now: now)) }
        expected["idempotency_keys"] = try expected["idempotency_keys"]!.filter { try $0.value.int("created_at") >= now - 86_400 }
        return expected
    }
}

private extension [String: SQLiteValue] {
    func int(_ column: String) throws -> Int64 { try XCTUnwrap(optionalInt(column), column) }
    func text(_ column: String) throws -> String { try XCTUnwrap(optionalText(column), column) }
    func optionalInt(_ column: String) throws -> Int64? {
        if case .integer(let value) = try XCTUnwrap(self[column], column) { return value }
        return nil
    }
    func optionalText(_ column: String) throws -> String? {
        if case .text(let value) = try XCTUnwrap(self[column], column) { return value }
        return nil
    }
}

/// The C library's 48-bit generator (`nrand48`, `erand48`) on a state of
/// its own: a printed seed gives the same rows on every machine.
private struct Seeded {
    private var state: [UInt16]

    init(_ seed: UInt64) { state = [UInt16(truncatingIfNeeded: seed), UInt16(truncatingIfNeeded: seed >> 16),
                                    UInt16(truncatingIfNeeded: seed >> 32 ^ seed >> 48)] }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + nrand48(&state) % (range.upperBound - range.lowerBound + 1)
    }

    mutating func chance(_ probability: Double) -> Bool { erand48(&state) < probability }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// An instant around `cutoff`: a second before, at or after it, or
    /// anywhere within `spread` of it; not after `now` unless `future`.
    mutating func around(_ cutoff: Int64, now: Int64, spread: Int = 40 * 86_400, future: Bool = false) -> Int64 {
        let instant = switch int(0...5) {
        case 0: cutoff - 1
        case 1: cutoff
        case 2: cutoff + 1
        case 3: cutoff - Int64(int(1...spread))
        case 4: cutoff + Int64(int(1...spread))
        default: now + Int64(int(1...spread))
        }
        return future ? instant : min(instant, now)
    }
}
