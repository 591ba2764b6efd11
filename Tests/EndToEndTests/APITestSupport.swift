import Foundation
import Glibc
import XCTest

// What the API end-to-end tests share: a demo server on a fixed clock, a
// small JSON client over `RawClient`, sign-in, problem checks, a gate that
// releases many threads at once, and the database seen through the
// `sqlite3` command-line tool.

/// The demo server with its clock set to a Monday morning, so that Monday is
/// bookable (demo offices open at 08:00, minimum notice 1–2 hours).
struct DemoServer {
    let process: ServerProcess
    /// The `--now` the server runs from, RFC 3339 with the Berlin offset.
    let now: String
    /// That Monday, `YYYY-MM-DD`.
    let date: String

    var port: Int { process.port }
    var databasePath: String { process.databasePath }

    static let berlin = TimeZone(identifier: "Europe/Berlin")!

    static var berlinCalendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = berlin
        return calendar
    }

    /// The Monday `weeksLater` weeks after the next Monday from the real
    /// today, at 07:05 Berlin time: `(now, date)`.
    static func monday(weeksLater: Int = 0, hour: Int = 7, minute: Int = 5, second: Int = 0) -> (now: String, date: String) {
        let calendar = berlinCalendar
        let today = calendar.startOfDay(for: Date())
        let weekday = calendar.component(.weekday, from: today)  // 1 = Sunday, 2 = Monday
        var ahead = (2 - weekday + 7) % 7
        if ahead == 0 { ahead = 7 }
        let monday = calendar.date(byAdding: .day, value: ahead + 7 * weeksLater, to: today)!
        let instant = calendar.date(bySettingHour: hour, minute: minute, second: second, of: monday)!
        return (rfc3339(instant), localDate(instant))
    }

    static func rfc3339(_ date: Date) -> String {
        let calendar = berlinCalendar
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let offset = berlin.secondsFromGMT(for: date) / 60
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d%@%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!,
                      c.second!, offset < 0 ? "-" : "+", abs(offset) / 60, abs(offset) % 60)
    }

    static func localDate(_ date: Date) -> String {
        let c = berlinCalendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    /// `date` (`YYYY-MM-DD`) moved by `days`.
    static func adding(days: Int, to date: String) -> String {
        let calendar = berlinCalendar
        let parts = date.split(separator: "-").map { Int($0)! }
        let day = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 12))!
        return localDate(calendar.date(byAdding: .day, value: days, to: day)!)
    }

    /// `HH:MM` on `date` in Berlin, as RFC 3339.
    static func instant(_ date: String, _ time: String) -> String {
        let d = date.split(separator: "-").map { Int($0)! }
        let t = time.split(separator: ":").map { Int($0)! }
        let instant = berlinCalendar.date(from: DateComponents(year: d[0], month: d[1], day: d[2], hour: t[0], minute: t[1]))!
        return rfc3339(instant)
    }

    /// Starts the demo server on a fresh database at the next Monday whose
    /// Bürgerbüro Mitte has online starts (a public holiday would have none),
    /// at `hour:minute:second` (07:05 unless told).
    static func start(hour: Int = 7, minute: Int = 5, second: Int = 0, extraArguments: [String] = [],
                      passwordCost: ServerProcess.PasswordCost = .test, databasePath: String? = nil) throws -> DemoServer {
        for week in 0..<4 {
            let (now, date) = monday(weeksLater: week, hour: hour, minute: minute, second: second)
            let process = try ServerProcess(databasePath: databasePath, arguments: ["--now", now] + extraArguments,
                                            passwordCost: passwordCost)
            let server = DemoServer(process: process, now: now, date: date)
            let slots = try APIClient(port: process.port)
                .get("/api/v1/offices/buergerbuero-mitte/slots?services=personalausweis&date=\(date)")
            if slots.status == 200, !(slots.object["slots"] as? [Any] ?? []).isEmpty { return server }
            server.stop()
        }
        throw RawClient.Failure(description: "no Monday in the next four weeks has free starts at buergerbuero-mitte")
    }

    /// Stops the server and removes its database directory.
    func stop() {
        process.stop()
        Self.removeDatabase(of: process)
    }

    /// Removes the directory `ServerProcess` made for the database file.
    static func removeDatabase(of process: ServerProcess) {
        let directory = URL(fileURLWithPath: process.databasePath).deletingLastPathComponent()
        guard directory.lastPathComponent.hasPrefix("tb-e2e-") else { return }
        try? FileManager.default.removeItem(at: directory)
    }
}

extension RawClient.Response {
    /// The body as a JSON object (empty when it is not one).
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }

    var contentTypeEssence: String {
        (header("Content-Type") ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    }

    var problemType: String { object["type"] as? String ?? "" }
}

/// One keep-alive connection speaking JSON to the server; reconnects when
/// the server said `Connection: close`.
final class APIClient: @unchecked Sendable {  // one thread at a time
    let port: Int
    let timeout: TimeInterval
    /// The client address it connects from (`RawClient`'s `source`), nil for 127.0.0.1.
    let source: String?
    private var connection: RawClient?
    /// Sent with every request, e.g. `Cookie: …` of a signed-in account.
    var defaultHeaders: [(String, String)] = []

    init(port: Int, timeout: TimeInterval = 15, source: String? = nil) {
        self.port = port
        self.timeout = timeout
        self.source = source
    }

    /// Opens the connection now (the race tests connect before the start signal).
    func connect() throws {
        if connection == nil { connection = try RawClient(port: port, timeout: timeout, source: source) }
    }

    func get(_ path: String, headers: [(String, String)] = []) throws -> RawClient.Response {
        try send("GET", path, headers: headers)
    }

    /// `json` is serialised with sorted keys, so the same value gives the same bytes.
    func post(_ path: String, json: Any, headers: [(String, String)] = []) throws -> RawClient.Response {
        let body = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
        return try send("POST", path, body: [UInt8](body), headers: [("Content-Type", "application/json")] + headers)
    }

    func send(_ method: String, _ path: String, body: [UInt8]? = nil, headers: [(String, String)] = []) throws -> RawClient.Response {
        try connect()
        let client = connection!
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        let all = defaultHeaders + headers
        for (name, value) in all { head += "\(name): \(value)\r\n" }
        // As a browser on our own pages would: the API refuses a session
        // cookie on an unsafe request without it (`CrossSiteRequests`).
        let sent = Set(all.map { $0.0.lowercased() })
        if sent.contains("cookie"), !["GET", "HEAD", "OPTIONS"].contains(method), sent.isDisjoint(with: ["origin", "sec-fetch-site"]) {
            head += "Origin: http://127.0.0.1\r\n"
        }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        do {
            try client.send(Array(head.utf8) + (body ?? []))
            let response = try client.readResponse(head: method == "HEAD")
            if response.header("Connection")?.lowercased() == "close" { connection = nil }
            return response
        } catch {
            connection = nil
            throw error
        }
    }

    func close() { connection = nil }

    // MARK: Accounts

    /// Signs in and returns the `Cookie` header value of the new session.
    func signIn(_ username: String, password: String = "demo") throws -> String {
        let response = try post("/api/v1/session", json: ["username": username, "password": password])
        guard response.status == 200, let setCookie = response.header("Set-Cookie"),
              let pair = setCookie.split(separator: ";").first, pair.hasPrefix("__Host-terminbuch-session=") else {
            throw RawClient.Failure(description: "sign-in as \(username) failed: \(response.status) \(response.text)")
        }
        return String(pair)
    }

    // MARK: Bookings

    static func bookingBody(office: String, service: String = "personalausweis", quantity: Int = 1, start: String,
                            name: String, email: String? = nil, phone: String? = nil, holdId: String? = nil) -> [String: Any] {
        var contact: [String: Any] = ["name": name]
        if let email { contact["email"] = email }
        if let phone { contact["phone"] = phone }
        var body: [String: Any] = ["officeId": office, "services": [["id": service, "quantity": quantity]],
                                   "start": start, "contact": contact]
        if let holdId { body["holdId"] = holdId }
        return body
    }

    /// The staff view of a day (needs a staff or admin session in `cookie`).
    func schedule(office: String, date: String, cookie: String) throws -> Schedule {
        let response = try get("/api/v1/offices/\(office)/schedule?date=\(date)", headers: [("Cookie", cookie)])
        guard response.status == 200 else {
            throw RawClient.Failure(description: "schedule \(office) \(date): \(response.status) \(response.text)")
        }
        return try Schedule(response.object)
    }

    func slotStarts(office: String, date: String, service: String = "personalausweis") throws -> [String] {
        let response = try get("/api/v1/offices/\(office)/slots?services=\(service)&date=\(date)")
        guard response.status == 200 else {
            throw RawClient.Failure(description: "slots \(office) \(date): \(response.status) \(response.text)")
        }
        return (response.object["slots"] as? [[String: Any]] ?? []).compactMap { $0["start"] as? String }
    }
}

/// `GET …/schedule` as the tests read it.
struct Schedule {
    struct Slot { let start: String; let total: Int; let walkIn: Int; let booked: Int; let held: Int; let free: Int }
    struct Booking { let code: String; let status: String; let start: String; let end: String; let channel: String }

    let slots: [Slot]
    let bookings: [Booking]

    init(_ object: [String: Any]) throws {
        guard let capacity = object["capacity"] as? [[String: Any]],
              let bookings = object["appointments"] as? [[String: Any]] else {
            throw RawClient.Failure(description: "schedule without capacity or appointments: \(object)")
        }
        slots = capacity.map {
            Slot(start: $0["start"] as? String ?? "", total: $0["total"] as? Int ?? -1, walkIn: $0["walkIn"] as? Int ?? -1,
                 booked: $0["booked"] as? Int ?? -1, held: $0["held"] as? Int ?? -1, free: $0["free"] as? Int ?? -1)
        }
        self.bookings = bookings.map {
            Booking(code: $0["code"] as? String ?? "", status: $0["status"] as? String ?? "",
                        start: $0["start"] as? String ?? "", end: $0["end"] as? String ?? "",
                        channel: $0["channel"] as? String ?? "")
        }
    }

    func slot(at start: String) -> Slot? {
        let instant = RFC3339Instant(start)
        return slots.first { RFC3339Instant($0.start) == instant }
    }

    /// Invariants 1 and 2 as staff see them: no slot holds more appointments
    /// than its bookable counters, and `booked` is what the list shows.
    func assertWithinCapacity(_ label: String, file: StaticString = #filePath, line: UInt = #line) {
        let spans = bookings.filter { $0.status != "cancelled" }.compactMap { booking -> (Int, Int)? in
            guard let from = RFC3339Instant(booking.start), let to = RFC3339Instant(booking.end) else {
                XCTFail("\(label): appointment \(booking.code) with start \(booking.start) end \(booking.end)",
                        file: file, line: line)
                return nil
            }
            return (from, to)
        }
        for slot in slots {
            XCTAssertLessThanOrEqual(slot.booked, slot.total - slot.walkIn,
                                     "\(label) \(slot.start): booked beyond total − walkIn", file: file, line: line)
            XCTAssertGreaterThanOrEqual(slot.free, 0, "\(label) \(slot.start): negative free", file: file, line: line)
            guard let start = RFC3339Instant(slot.start) else { XCTFail("bad slot start \(slot.start)"); continue }
            let covering = spans.filter { $0.0 <= start && start < $0.1 }
            XCTAssertEqual(covering.count, slot.booked, "\(label) \(slot.start): appointments listed vs booked",
                           file: file, line: line)
        }
    }
}

/// Seconds since the epoch of an RFC 3339 date-time (`2026-11-23T09:30:00+01:00`
/// or `…Z`, no fractions), for comparing instants written with different
/// offsets; nil for anything else. Hand-written: it runs for every slot and
/// appointment of many schedules.
func RFC3339Instant(_ text: String) -> Int? {
    let b = Array(text.utf8)
    guard b.count == 20 || b.count == 25 else { return nil }
    func number(_ range: Range<Int>) -> Int? {
        var value = 0
        for index in range {
            guard (48...57).contains(b[index]) else { return nil }
            value = value * 10 + Int(b[index] - 48)
        }
        return value
    }
    guard b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"),
          b[16] == UInt8(ascii: ":"),
          let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
          let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
          (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else { return nil }
    var offset = 0
    if b.count == 20 {
        guard b[19] == UInt8(ascii: "Z") else { return nil }
    } else {
        guard b[19] == UInt8(ascii: "+") || b[19] == UInt8(ascii: "-"), b[22] == UInt8(ascii: ":"),
              let offsetHours = number(20..<22), let offsetMinutes = number(23..<25) else { return nil }
        offset = (offsetHours * 60 + offsetMinutes) * 60 * (b[19] == UInt8(ascii: "-") ? -1 : 1)
    }
    // Days from the civil date (Howard Hinnant's days_from_civil).
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    let days = era * 146_097 + dayOfEra - 719_468
    return days * 86_400 + hour * 3600 + minute * 60 + second - offset
}

// MARK: - Problems

/// Asserts an RFC 9457 problem: the status, `application/problem+json`, and
/// `type`, `title`, `status` (= the HTTP status) and `detail`.
func assertProblem(_ response: RawClient.Response, _ status: Int, type: String? = nil, field: String? = nil,
                   _ label: String = "", file: StaticString = #filePath, line: UInt = #line) {
    let context = "\(label): \(response.status) \(response.text.prefix(400))"
    XCTAssertEqual(response.status, status, context, file: file, line: line)
    XCTAssertEqual(response.contentTypeEssence, "application/problem+json", context, file: file, line: line)
    let object = response.object
    XCTAssertNotNil(object["type"] as? String, "type: " + context, file: file, line: line)
    XCTAssertNotNil(object["title"] as? String, "title: " + context, file: file, line: line)
    XCTAssertEqual(object["status"] as? Int, response.status, "status member: " + context, file: file, line: line)
    XCTAssertNotNil(object["detail"] as? String, "detail: " + context, file: file, line: line)
    if let type {
        XCTAssertEqual(object["type"] as? String, "https://terminbuch.example/problems/" + type, context, file: file, line: line)
    }
    if let field {
        let fields = (object["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
        XCTAssertTrue(fields.contains(field), "errors should name \(field): " + context, file: file, line: line)
    }
}

// MARK: - Many threads at once

/// Holds threads until it is opened, then lets them all run at once.
final class StartGate: @unchecked Sendable {
    private let condition = NSCondition()
    private var isOpen = false
    private var waiting = 0

    func wait() {
        condition.lock()
        waiting += 1
        condition.broadcast()
        while !isOpen { condition.wait() }
        condition.unlock()
    }

    /// Waits until `count` threads are waiting, then opens.
    func open(whenWaiting count: Int, timeout: TimeInterval = 30) {
        condition.lock()
        let deadline = Date().addingTimeInterval(timeout)
        while waiting < count && condition.wait(until: deadline) {}
        isOpen = true
        condition.broadcast()
        condition.unlock()
    }
}

/// Runs `body(index)` on `count` threads of their own and returns when all
/// have ended. With a `gate`, opens it once every thread waits at it, so
/// they pass it together.
func runThreads(_ count: Int, gate: StartGate? = nil, _ body: @escaping @Sendable (Int) -> Void) {
    let done = DispatchGroup()
    for index in 0..<count {
        done.enter()
        let thread = Thread {
            body(index)
            done.leave()
        }
        thread.stackSize = 512 * 1024
        thread.start()
    }
    gate?.open(whenWaiting: count)
    done.wait()
}

/// A lock-protected value shared by the threads of a test, which a thread
/// can wait on until it says something.
final class Locked<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) -> T) -> T {
        condition.withLock {
            defer { condition.broadcast() }
            return body(&value)
        }
    }
    var current: Value { condition.withLock { value } }

    /// Waits until `predicate` holds of the value; false after `timeout`.
    @discardableResult
    func wait(until predicate: (Value) -> Bool, timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        return condition.withLock {
            while !predicate(value) {
                guard condition.wait(until: deadline) else { return predicate(value) }
            }
            return true
        }
    }
}

// MARK: - The database, read-only

/// Runs SQL through the `sqlite3` command-line tool on a read-only
/// connection and returns the rows, columns split on `|`.
func sqliteRows(_ databasePath: String, _ sql: String, file: StaticString = #filePath, line: UInt = #line) throws -> [[String]] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sqlite3", "-readonly", "-batch", "-separator", "|", databasePath, sql]
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw RawClient.Failure(description: "sqlite3 failed (\(process.terminationStatus)) on \(sql): \(errorText)")
    }
    return String(decoding: data, as: UTF8.self).split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
}

/// These tests read the database with the sqlite3 command-line tool, as an
/// outside program would. `scripts/setup` installs it; without it they fail
/// rather than pass unseen.
func requireSQLite3() throws {
    struct MissingTool: Error, CustomStringConvertible { let description: String }
    guard ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3", "/bin/sqlite3"].contains(where: FileManager.default.isExecutableFile) else {
        throw MissingTool(description: "the sqlite3 command-line tool is needed to read the database: run scripts/setup")
    }
}

/// The storage invariants, checked on the file itself: `slot_usage` never
/// over its counters and equal to the active bookings' slots, every active
/// booking's slots starting at its start, no slots for cancelled bookings,
/// and a sound file.
func assertDatabaseInvariants(_ databasePath: String, file: StaticString = #filePath, line: UInt = #line) throws {
    XCTAssertEqual(try sqliteRows(databasePath, "PRAGMA integrity_check"), [["ok"]], "integrity_check", file: file, line: line)
    XCTAssertEqual(try sqliteRows(databasePath, "PRAGMA foreign_key_check"), [], "foreign_key_check", file: file, line: line)
    XCTAssertEqual(try sqliteRows(databasePath, "SELECT office_id, slot_start, booked, total FROM slot_usage WHERE booked > total OR booked < 0"),
                   [], "slot_usage over its counters", file: file, line: line)
    // slot_usage.booked against the active bookings' slots, both ways.
    let mismatches = try sqliteRows(databasePath, """
        WITH counted AS (
            SELECT b.office_id AS office_id, s.slot_start AS slot_start, count(*) AS n
            FROM booking_slots s JOIN bookings b ON b.id = s.booking_id
            WHERE b.status != 'cancelled' GROUP BY b.office_id, s.slot_start)
        SELECT u.office_id, u.slot_start, u.booked, coalesce(c.n, 0) FROM slot_usage u
            LEFT JOIN counted c ON c.office_id = u.office_id AND c.slot_start = u.slot_start
            WHERE u.booked != coalesce(c.n, 0)
        UNION ALL
        SELECT c.office_id, c.slot_start, NULL, c.n FROM counted c
            WHERE NOT EXISTS (SELECT 1 FROM slot_usage u WHERE u.office_id = c.office_id AND u.slot_start = c.slot_start)
        """)
    XCTAssertEqual(mismatches, [], "slot_usage.booked differs from the active bookings per slot (office|slot|booked|counted)",
                   file: file, line: line)
    let misplaced = try sqliteRows(databasePath, """
        SELECT b.code, b.start, min(s.slot_start), count(s.slot_start) FROM bookings b
            LEFT JOIN booking_slots s ON s.booking_id = b.id
            WHERE b.status != 'cancelled' GROUP BY b.id HAVING count(s.slot_start) = 0 OR min(s.slot_start) != b.start
        """)
    XCTAssertEqual(misplaced, [], "active bookings whose slots do not start at their start", file: file, line: line)
    XCTAssertEqual(try sqliteRows(databasePath, """
        SELECT b.code FROM bookings b JOIN booking_slots s ON s.booking_id = b.id WHERE b.status = 'cancelled' LIMIT 5
        """), [], "cancelled bookings still hold slots", file: file, line: line)
    // The demo's Bürgerbüro Mitte cuts its day into 15-minute slots: a
    // booking holds exactly the slots of its span.
    XCTAssertEqual(try sqliteRows(databasePath, """
        SELECT b.code, b.start, b.end, count(*) FROM bookings b JOIN booking_slots s ON s.booking_id = b.id
            WHERE b.office_id = 'buergerbuero-mitte' AND b.status != 'cancelled'
            GROUP BY b.id HAVING count(*) * 900 != b.end - b.start
        """), [], "Mitte bookings whose slots do not cover their span", file: file, line: line)
}
