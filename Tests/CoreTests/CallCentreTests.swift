@testable import Core
import Scheduling
import XCTest

/// Callback requests and memos: who may file and close them, what is kept,
/// every wrong value reported at once, idempotent retries.
final class CallCentreTests: XCTestCase {
    var env: TestEnvironment!
    var callCentre: CallCentre!
    var agent: Account!          // both demo municipalities
    var luebeckAgent: Account!
    var mitteStaff: Account!
    var nordStaff: Account!
    var admin: Account!

    override func setUpWithError() throws {
        env = try TestEnvironment()
        callCentre = env.callCentre
        agent = try XCTUnwrap(env.accounts.account(username: "agent"))
        mitteStaff = try XCTUnwrap(env.accounts.account(username: "staff-mitte"))
        admin = try XCTUnwrap(env.accounts.account(username: "admin"))
        luebeckAgent = try env.accounts.add(username: "hl-agent", displayName: nil, password: "long-enough-1", role: .agent,
                                            municipalityIds: ["luebeck"])
        nordStaff = try env.accounts.add(username: "nord", displayName: "Nord", password: "long-enough-1", role: .staff,
                                         officeIds: ["buergerbuero-nord"])
    }

    override func tearDown() {
        env = nil
        callCentre = nil
    }

    func order(office: OfficeID = TestEnvironment.mitte, name: String = "Erika Mustermann", phone: String = "0471 590-2000",
               topic: String = "Rückfrage Reisepass", note: String = "Antrag vom 2.11.", service: ServiceID? = "reisepass",
               window: PreferredTime? = nil) -> CallbackOrder {
        CallbackOrder(officeId: office, serviceId: service, name: name, phone: phone, topic: topic, note: note, preferredTime: window)
    }

    func testCallbackIsFiledListedAndClosedOnce() throws {
        let window = PreferredTime(from: env.at("2026-11-17", "09:00"), to: env.at("2026-11-17", "11:00"))
        let filed = try callCentre.requestCallback(order(name: "  Erika Mustermann ", window: window), by: agent).value
        XCTAssertEqual(filed.status, .open)
        XCTAssertEqual(filed.name, "Erika Mustermann", "trimmed")
        XCTAssertEqual(filed.createdBy, "agent")
        XCTAssertEqual(filed.createdAt, env.clock.now())
        XCTAssertEqual(filed.preferredTime, window)
        XCTAssertNil(filed.completion)
        XCTAssertGreaterThanOrEqual(filed.id.count, 22, "128 random bits")

        XCTAssertEqual(try callCentre.callbacks(office: TestEnvironment.mitte), [filed])
        XCTAssertEqual(try callCentre.callbacks(office: TestEnvironment.mitte, status: .open), [filed])
        XCTAssertEqual(try callCentre.callbacks(office: TestEnvironment.mitte, status: .done), [])
        XCTAssertEqual(try callCentre.callbacks(office: "buergerbuero-nord"), [])

        XCTAssertThrowsError(try callCentre.markCallbackDone(id: filed.id, note: nil, by: nordStaff)) {
            XCTAssertEqual($0 as? CallCentreError, .notAllowed(officeId: TestEnvironment.mitte))
        }
        XCTAssertThrowsError(try callCentre.markCallbackDone(id: filed.id, note: nil, by: agent)) {
            XCTAssertEqual($0 as? CallCentreError, .notAllowed(officeId: TestEnvironment.mitte), "agents file, they do not close")
        }
        env.clock.advance(minutes: 45)
        let done = try callCentre.markCallbackDone(id: filed.id, note: "Zurückgerufen, Termin gebucht", by: mitteStaff)
        XCTAssertEqual(done.status, .done)
        XCTAssertEqual(done.completion, Completion(doneBy: "staff-mitte", doneAt: env.clock.now(), note: "Zurückgerufen, Termin gebucht"))
        XCTAssertThrowsError(try callCentre.markCallbackDone(id: filed.id, note: nil, by: admin)) {
            XCTAssertEqual($0 as? CallCentreError, .alreadyDone(doneBy: "staff-mitte"))
        }
        XCTAssertEqual(try callCentre.callbacks(office: TestEnvironment.mitte, status: .done), [done])
        XCTAssertEqual(try callCentre.callbacks(office: TestEnvironment.mitte, status: .open), [])
        XCTAssertThrowsError(try callCentre.markCallbackDone(id: "nope", note: nil, by: admin)) {
            XCTAssertEqual($0 as? CallCentreError, .notFound)
        }
        XCTAssertEqual(try callCentre.callback(id: filed.id, for: mitteStaff), done)
        XCTAssertThrowsError(try callCentre.callback(id: filed.id, for: nordStaff)) {
            XCTAssertEqual($0 as? CallCentreError, .notAllowed(officeId: TestEnvironment.mitte))
        }
        XCTAssertThrowsError(try callCentre.callback(id: "nope", for: admin)) { XCTAssertEqual($0 as? CallCentreError, .notFound) }
    }

    func testAgentsFileOnlyForTheirMunicipalities() throws {
        XCTAssertThrowsError(try callCentre.requestCallback(order(), by: luebeckAgent).value) {
            XCTAssertEqual($0 as? CallCentreError, .notAllowed(officeId: TestEnvironment.mitte))
        }
        XCTAssertThrowsError(try callCentre.leaveMemo(MemoOrder(officeId: TestEnvironment.mitte, subject: "S", text: "T"), by: luebeckAgent).value) {
            XCTAssertEqual($0 as? CallCentreError, .notAllowed(officeId: TestEnvironment.mitte))
        }
        XCTAssertThrowsError(try callCentre.requestCallback(order(), by: mitteStaff).value) {
            XCTAssertEqual($0 as? CallCentreError, .notAllowed(officeId: TestEnvironment.mitte), "staff do not file")
        }
        XCTAssertThrows(.unknownOffice("nowhere"), try callCentre.requestCallback(order(office: "nowhere"), by: agent).value)
        XCTAssertNoThrow(try callCentre.requestCallback(order(office: "stadtteilbuero-luebeck-st-lorenz", service: nil), by: luebeckAgent).value)
        XCTAssertNoThrow(try callCentre.requestCallback(order(), by: admin).value)
        XCTAssertEqual(try callCentre.callbacks(office: TestEnvironment.mitte).count, 1, "nothing half-written by the refusals")
        XCTAssertTrue(try callCentre.mayFile(agent, for: "stadtteilbuero-luebeck-st-lorenz"))
        XCTAssertFalse(try callCentre.mayFile(luebeckAgent, for: "kfz-zulassung"))
        let catalogue = try env.store.catalogue()
        XCTAssertTrue(mitteStaff.runs(office: TestEnvironment.mitte, in: catalogue))
        XCTAssertFalse(mitteStaff.runs(office: "buergerbuero-nord", in: catalogue))
        XCTAssertFalse(agent.runs(office: TestEnvironment.mitte, in: catalogue))
        XCTAssertTrue(admin.runs(office: "buergerbuero-nord", in: catalogue))
        let scopedAdmin = try env.accounts.add(username: "hl-admin", displayName: nil, password: "long-enough-1", role: .admin,
                                               municipalityIds: ["luebeck"])
        XCTAssertTrue(scopedAdmin.runs(office: "stadtteilbuero-luebeck-st-lorenz", in: catalogue))
        XCTAssertFalse(scopedAdmin.runs(office: TestEnvironment.mitte, in: catalogue))
        XCTAssertFalse(scopedAdmin.runs(office: "nowhere", in: catalogue), "a scoped admin hears forbidden, as staff do")
    }

    func testBadCallbacksNameEveryWrongField() throws {
        let now = env.clock.now()
        let cases: [(String, CallbackOrder, [String])] = [
            ("empty name", order(name: "   "), ["name"]),
            ("control character", order(name: "Erika\u{7}"), ["name"]),
            ("long topic", order(topic: String(repeating: "x", count: 201)), ["topic"]),
            ("undiallable phone", order(phone: "12"), ["phone"]),
            ("service elsewhere", order(service: "kfz-zulassung-neu"), ["serviceId"]),
            ("note with a bell", order(note: "ding\u{7}"), ["note"]),
            ("note with NUL", order(note: "a\u{0}b"), ["note"]),
            ("name reversed", order(name: "Erika \u{202E}nnamretsuM"), ["name"]),
            ("zero-width topic", order(topic: "Rück\u{200B}ruf"), ["topic"]),
            ("byte-order mark in name", order(name: "\u{FEFF}Erika"), ["name"]),
            ("window backwards", order(window: PreferredTime(from: now.adding(hours: 5), to: now.adding(hours: 3))), ["preferredTime.to"]),
            ("window past", order(window: PreferredTime(from: now.adding(hours: -5), to: now.adding(hours: -3))), ["preferredTime.to"]),
            ("window too far", order(window: PreferredTime(from: now.adding(hours: 24 * 70), to: now.adding(hours: 24 * 71))),
             ["preferredTime.to"]),
            ("everything", order(name: "", phone: "x", topic: " ", service: "nope"), ["serviceId", "name", "phone", "topic"]),
        ]
        for (label, bad, fields) in cases {
            XCTAssertThrowsError(try callCentre.requestCallback(bad, by: agent).value, label) { error in
                guard case .invalid(let problems)? = error as? CallCentreError else { return XCTFail("\(label): \(error)") }
                XCTAssertEqual(problems.map(\.field), fields, label)
            }
        }
        XCTAssertNoThrow(try callCentre.requestCallback(order(note: "Zeile 1\nZeile 2"), by: agent).value, "line breaks are fine in a note")
        XCTAssertEqual(try callCentre.requestCallback(order(note: "Zeile 1\r\nZeile 2\r"), by: agent).value.note, "Zeile 1\nZeile 2\n",
                       "stored with LF line breaks")
        XCTAssertEqual(try callCentre.callbacks(office: TestEnvironment.mitte).count, 2)
    }

    func testMemosAreLeftListedAndClosed() throws {
        let memo = try callCentre.leaveMemo(MemoOrder(officeId: "buergerbuero-nord", subject: "Adressänderung",
                                                      text: "Bürger meldet Umzug,\nbitte prüfen.", contact: "0471 1234"), by: agent).value
        XCTAssertEqual(memo.status, .open)
        XCTAssertEqual(memo.contact, "0471 1234")
        XCTAssertEqual(try callCentre.memos(office: "buergerbuero-nord", status: .open), [memo])
        XCTAssertThrowsError(try callCentre.markMemoDone(id: memo.id, note: nil, by: mitteStaff)) {
            XCTAssertEqual($0 as? CallCentreError, .notAllowed(officeId: "buergerbuero-nord"))
        }
        let done = try callCentre.markMemoDone(id: memo.id, note: nil, by: nordStaff)
        XCTAssertEqual(done.completion?.doneBy, "nord")
        XCTAssertNil(done.completion?.note)
        XCTAssertEqual(try callCentre.memos(office: "buergerbuero-nord", status: .done), [done])
        XCTAssertEqual(try callCentre.memos(office: "buergerbuero-nord", status: .open), [])
        for (label, bad, field) in [("empty subject", MemoOrder(officeId: "buergerbuero-nord", subject: " ", text: "T"), "subject"),
                                    ("empty text", MemoOrder(officeId: "buergerbuero-nord", subject: "S", text: "\n"), "text"),
                                    ("blank contact", MemoOrder(officeId: "buergerbuero-nord", subject: "S", text: "T", contact: ""), "contact")] {
            XCTAssertThrowsError(try callCentre.leaveMemo(bad, by: agent).value, label) {
                XCTAssertEqual($0 as? CallCentreError, .invalid([FieldProblem(field: field, message: "must not be empty or only spaces")]), label)
            }
        }
        XCTAssertThrows(.unknownOffice("nowhere"), try callCentre.memos(office: "nowhere"))
    }

    func testIdempotentFilingReplaysTheFirstCallback() throws {
        let key = IdempotencyKey(key: "k-1", fingerprint: Array("same".utf8))
        let first = try callCentre.requestCallback(order(), by: agent, idempotency: key)
        let again = try callCentre.requestCallback(order(), by: agent, idempotency: key)
        XCTAssertFalse(first.isReplayed)
        XCTAssertTrue(again.isReplayed, "nothing filed twice")
        XCTAssertEqual(again.value, first.value)
        XCTAssertEqual(try callCentre.callbacks(office: TestEnvironment.mitte).count, 1)
        let other = IdempotencyKey(key: "k-1", fingerprint: Array("another body".utf8))
        XCTAssertThrows(.idempotencyKeyReused, try callCentre.leaveMemo(MemoOrder(officeId: TestEnvironment.mitte, subject: "S", text: "T"),
                                                                        by: agent, idempotency: other))
    }

    /// As the retention sweep leaves them: texts '' (or NULL where the
    /// column may be), `erased_at` set. They still list and say when.
    func testErasedCallbacksAndMemosReadWithTheirErasure() throws {
        let callback = try callCentre.requestCallback(order(), by: agent).value
        let memo = try callCentre.leaveMemo(MemoOrder(officeId: TestEnvironment.mitte, subject: "Umzug", text: "Neue Adresse",
                                                      contact: "0471 1234"), by: agent).value
        XCTAssertNil(callback.erasedAt)
        XCTAssertNil(memo.erasedAt)
        let erasedAt = env.clock.now().adding(minutes: 5)
        try env.store.write { db in
            try db.run("UPDATE callback_requests SET name = '', phone = '', topic = '', note = '', erased_at = ? WHERE id = ?",
                       [erasedAt.secondsSinceEpoch, callback.id])
            try db.run("UPDATE memos SET subject = '', text = '', contact = NULL, erased_at = ? WHERE id = ?",
                       [erasedAt.secondsSinceEpoch, memo.id])
        }
        let callbacks = try callCentre.callbacks(office: TestEnvironment.mitte)
        XCTAssertEqual(callbacks.map(\.erasedAt), [erasedAt])
        XCTAssertEqual(callbacks.map(\.name), [""])
        let memos = try callCentre.memos(office: TestEnvironment.mitte)
        XCTAssertEqual(memos.map(\.erasedAt), [erasedAt])
        XCTAssertEqual(memos.map(\.contact), [nil])
    }
}
