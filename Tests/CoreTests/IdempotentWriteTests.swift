@testable import Core
import Scheduling
import SQLite
import Synchronization
import XCTest

/// The one idempotent write of the store (`Store.write(changing:idempotency:clock:_:)`),
/// on its own: what it keeps, what it replays, what it refuses, and that a
/// failed body leaves nothing behind.
final class IdempotentWriteTests: XCTestCase {
    /// A result of a write: its row, its text, and when it was made.
    struct Note: Replayable, Hashable {
        let id: Int64
        let text: String
        let madeAt: Instant

        func write(to record: inout ReplayWriter) {
            record.write(id)
            record.write(text)
            record.write(madeAt)
        }

        init(id: Int64, text: String, madeAt: Instant) {
            self.id = id
            self.text = text
            self.madeAt = madeAt
        }

        init(reading record: inout ReplayReader) throws {
            self.init(id: try record.read(), text: try record.read(), madeAt: try record.read())
        }
    }

    struct Broken: Error {}

    /// How often a write's body ran.
    final class Runs: Sendable {
        let count = Mutex(0)
    }

    var env: TestEnvironment!
    let runs = Runs()

    override func setUpWithError() throws {
        env = try TestEnvironment(seeded: false)
        try env.store.write { try $0.execute("CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT NOT NULL) STRICT") }
    }

    /// Writes a note through the idempotent write, counting the body's runs.
    func writeNote(_ text: String, key: IdempotencyKey?, office: OfficeID? = nil,
                   failing: Bool = false) throws -> Idempotent<Note> {
        let runs = self.runs
        return try env.store.write(changing: office, idempotency: key, clock: env.clock) { db, now in
            runs.count.withLock { $0 += 1 }
            try db.run("INSERT INTO notes(text) VALUES (?)", [text])
            if failing { throw Broken() }
            return Note(id: db.lastInsertRowID, text: text, madeAt: now)
        }
    }

    func count(_ table: String) throws -> Int {
        try env.store.read { try $0.scalar("SELECT count(*) FROM \(table)", as: Int.self) }
    }

    func testMadeThenReplayedGivesTheSameValueAndWritesOnce() throws {
        let key = IdempotencyKey(key: "retry-1", fingerprint: Array("note: hello".utf8))
        let first = try writeNote("hello", key: key)
        guard case .made(let made) = first else { return XCTFail("the first write makes: \(first)") }
        XCTAssertEqual(made.text, "hello")
        XCTAssertEqual(made.madeAt, TestEnvironment.start)

        env.clock.advance(minutes: 5)
        let again = try writeNote("hello", key: key)
        XCTAssertEqual(again, .replayed(made), "the value kept the first time, with its first time")
        XCTAssertEqual(runs.count.withLock { $0 }, 1, "the body ran once")
        XCTAssertEqual(try count("notes"), 1, "nothing written twice")
        XCTAssertEqual(try count("idempotency_keys"), 1)
    }

    func testTheSameKeyWithAnotherRequestIsRefused() throws {
        _ = try writeNote("hello", key: IdempotencyKey(key: "shared", fingerprint: [1]))
        XCTAssertThrows(.idempotencyKeyReused, try writeNote("other", key: IdempotencyKey(key: "shared", fingerprint: [2])))
        XCTAssertEqual(try count("notes"), 1)
        XCTAssertEqual(runs.count.withLock { $0 }, 1, "a refused request never runs the body")
    }

    func testAThrowingBodyWritesNothingAndKeepsNoKey() throws {
        let key = IdempotencyKey(key: "fails-first", fingerprint: [7])
        XCTAssertThrowsError(try writeNote("lost", key: key, failing: true)) { XCTAssertTrue($0 is Broken, "\($0)") }
        XCTAssertEqual(try count("notes"), 0)
        XCTAssertEqual(try count("idempotency_keys"), 0)
        // The key is still free: the next try with it makes.
        XCTAssertEqual(try writeNote("kept", key: key).isReplayed, false)
        XCTAssertEqual(try count("notes"), 1)
    }

    func testWithoutAKeyEveryWriteIsMade() throws {
        let first = try writeNote("same", key: nil)
        let second = try writeNote("same", key: nil)
        XCTAssertFalse(first.isReplayed)
        XCTAssertFalse(second.isReplayed)
        XCTAssertNotEqual(first.value.id, second.value.id)
        XCTAssertEqual(try count("idempotency_keys"), 0)
    }

    func testAKeptValueExpiresAfterADay() throws {
        let key = IdempotencyKey(key: "yesterday", fingerprint: [3])
        _ = try writeNote("monday", key: key)
        env.clock.set(TestEnvironment.start.adding(seconds: IdempotencyLedger.lifetimeSeconds - 1))
        XCTAssertTrue(try writeNote("monday", key: key).isReplayed, "still kept a second before the day is over")
        env.clock.set(TestEnvironment.start.adding(seconds: IdempotencyLedger.lifetimeSeconds + 1))
        XCTAssertFalse(try writeNote("monday", key: key).isReplayed, "a day later the key is new again")
        XCTAssertEqual(try count("notes"), 2)
    }

    /// A row kept in another encoding (an earlier release kept HTTP replies)
    /// is refused, never made a second time.
    func testAValueKeptInAnotherEncodingIsRefused() throws {
        let key = IdempotencyKey(key: "old-release", fingerprint: [4])
        _ = try writeNote("old", key: key)
        try env.store.write { try $0.run("UPDATE idempotency_keys SET status = 201") }
        XCTAssertThrows(.idempotencyKeyReused, try writeNote("old", key: key))
        XCTAssertEqual(try count("notes"), 1)
    }

    /// The write tells the availability cache about the office it changed,
    /// once committed; a refused one changed nothing and forgets nothing.
    func testACommittedWriteForgetsTheOfficesCachedAnswers() throws {
        let version = { self.env.store.availability.version(of: "mitte") }
        let before = version()
        _ = try writeNote("a", key: nil, office: "mitte")
        let afterWrite = version()
        XCTAssertNotEqual(afterWrite, before)
        XCTAssertThrows(.holdNotFound, try env.store.write(changing: "mitte", idempotency: nil, clock: env.clock) { _, _ -> Note in
            throw BookingError.holdNotFound
        })
        XCTAssertEqual(version(), afterWrite)
        _ = try env.store.write(changingOfficeOf: { $0 }) { _ in "mitte" }
        XCTAssertNotEqual(version(), afterWrite, "the office named by the result")
        let untouched = version()
        _ = try writeNote("b", key: nil, office: nil)
        XCTAssertEqual(version(), untouched, "a write that changes no capacity")
    }

    // MARK: - What is kept

    func testEveryKeptResultReadsBackAsItWasWritten() throws {
        let at = TestEnvironment.start
        let services = [RequestedService(serviceId: "personalausweis"), RequestedService(serviceId: "reisepass", quantity: 3)]
        let booking = Booking(
            id: 42, code: try XCTUnwrap(BookingCode(parsing: "K7M-4QX-9TD")), status: .confirmed, officeId: "mitte",
            services: services, start: at, end: at.adding(minutes: 30), channel: .phone, staffOverride: true,
            contact: Contact(name: "Jürgen Çelik 👋", email: nil, phone: "0471 123"), note: nil,
            documents: ["Personalausweis", ""], createdAt: at, createdBy: "agent")
        try assertRoundTrip(BookingConfirmation(booking: booking, manageToken: "secret-token"))
        try assertRoundTrip(Hold(id: "h", officeId: "mitte", start: at, end: at.adding(minutes: 15), expiresAt: at.adding(minutes: 10)))
        try assertRoundTrip(WalkInTicket(id: 1, officeId: "mitte", date: TestEnvironment.monday, number: 17, services: services,
                                         issuedAt: at, start: at, end: at.adding(minutes: 20), estimatedCallAt: at.adding(minutes: 5),
                                         status: .called, calledAt: at.adding(minutes: 6)))
        let window = PreferredTime(from: at, to: at.adding(minutes: 60))
        try assertRoundTrip(CallbackRequest(id: "c", status: .done, officeId: "mitte", serviceId: nil, name: "N", phone: "P",
                                            topic: "T", note: "Zeile 1\nZeile 2", preferredTime: window, createdBy: "agent",
                                            createdAt: at, completion: Completion(doneBy: "staff", doneAt: at, note: nil)))
        try assertRoundTrip(Memo(id: "m", status: .open, officeId: "mitte", subject: "S", text: "", contact: nil,
                                 createdBy: "agent", createdAt: at, completion: nil))
    }

    func testATruncatedOrLongerRecordIsMalformed() throws {
        var record = ReplayWriter()
        record.write(Note(id: 1, text: "text", madeAt: TestEnvironment.start))
        let bytes = record.bytes
        XCTAssertEqual(try ReplayReader.value(Note.self, from: bytes), Note(id: 1, text: "text", madeAt: TestEnvironment.start))
        for cut in [0, 1, 8, bytes.count - 1] {
            XCTAssertThrowsError(try ReplayReader.value(Note.self, from: Array(bytes.prefix(cut))), "cut at \(cut)")
        }
        XCTAssertThrowsError(try ReplayReader.value(Note.self, from: bytes + [0]), "a byte left over")
        XCTAssertThrowsError(try ReplayReader.value(Booking.Status.self, from: ReplayWriter.bytes(of: "unheard-of")))
    }

    private func assertRoundTrip<T: Replayable & Equatable>(_ value: T, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try ReplayReader.value(T.self, from: ReplayWriter.bytes(of: value)), value, file: file, line: line)
    }
}

private extension ReplayWriter {
    static func bytes(of value: some Replayable) -> [UInt8] {
        var record = ReplayWriter()
        record.write(value)
        return record.bytes
    }
}
