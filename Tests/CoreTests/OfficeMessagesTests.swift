@testable import Core
import Scheduling
import XCTest

/// The messages a change of the office causes, written in its transaction:
/// `affected` to the citizens a closure, a capacity cut or a catalogue
/// change strands (none from a rehearsal), and the callback or memo an
/// agent files, to the office's mailbox.
final class OfficeMessagesTests: XCTestCase {
    static let day = "2026-12-08"  // a Tuesday three weeks out: no demo bookings
    var env: TestEnvironment!

    override func setUpWithError() throws {
        env = try TestEnvironment()
    }

    override func tearDown() {
        env = nil
    }

    func messages(_ kind: OutboxMessage.Kind) throws -> [OutboxMessage] {
        try env.useCases.outbox.due(limit: 10_000).filter { $0.kind == kind }
    }

    func book(_ time: String, email: String?, language: String = "de") throws -> BookingConfirmation {
        try env.bookings.book(
            BookingOrder(officeId: TestEnvironment.mitte, services: [RequestedService(serviceId: "personalausweis")],
                         start: env.at(Self.day, time), contact: Contact(name: "Erika \(time)", email: email, phone: email == nil ? "0471 590 0" : nil),
                         language: language),
            caller: TestEnvironment.desk).value
    }

    func testAClosureWritesOneAffectedMessageWithItsCauseReasonAndAFreshLink() throws {
        let inside = try book("10:00", email: "erika@example.org", language: "en")
        _ = try book("10:15", email: nil)
        _ = try book("08:00", email: "outside@example.org")
        let (_, listed) = try env.officeChanges.addClosure(
            ClosureDraft(officeId: TestEnvironment.mitte, from: LocalDate(Self.day)!, band: TimeBand("10:00", "11:00"),
                         reason: "Betriebsversammlung"), by: "staff-mitte")
        XCTAssertEqual(listed.count, 2, "both inside are on the list")

        let affected = try messages(.affected)
        XCTAssertEqual(affected.count, 1, "only the booking with an address hears of it")
        let message = try XCTUnwrap(affected.first)
        XCTAssertEqual(message.recipient, "erika@example.org")
        XCTAssertEqual(message.language, "en", "the booking's language")
        XCTAssertEqual(message.bookingId, inside.booking.id)
        XCTAssertEqual(message.officeId, TestEnvironment.mitte)
        XCTAssertEqual(message.facts.cause, "closed")
        XCTAssertEqual(message.facts.reason, "Betriebsversammlung")
        let facts = try XCTUnwrap(message.facts.booking)
        XCTAssertEqual(facts.code, inside.booking.code.value)
        XCTAssertEqual(facts.start, inside.booking.start.secondsSinceEpoch)
        let token = try XCTUnwrap(facts.manageToken)
        XCTAssertNotEqual(token, inside.manageToken, "minted for the message")
        XCTAssertEqual(try env.bookings.booking(inside.booking.code, access: .manageToken(token)).id, inside.booking.id)
    }

    func testACapacityCutWritesAffectedWithoutTheInternalReason() throws {
        let made = try (1...3).map { try book("09:00", email: "person\($0)@example.org") }
        _ = try env.officeChanges.addCapacityChange(
            CapacityChangeDraft(officeId: TestEnvironment.mitte, date: LocalDate(Self.day)!, counters: 2, reason: "Krankheit"),
            by: "staff-mitte")
        let affected = try messages(.affected)
        XCTAssertEqual(affected.map(\.bookingId), [made[1], made[2]].map(\.booking.id))
        XCTAssertEqual(Set(affected.map(\.facts.cause)), ["overCapacity"])
        XCTAssertEqual(affected.map(\.facts.reason), [nil, nil])
    }

    func testACatalogueDryRunWritesNothingAndTheImportWritesOnePerStrandedAddress() throws {
        _ = try book("10:00", email: "erika@example.org")
        var document = try env.useCases.catalogueImport.export()
        let index = try XCTUnwrap(document.offices.firstIndex { $0.office.id == TestEnvironment.mitte })
        document.offices[index].rules.removeAll()
        let tokensBefore = try env.store.read { try $0.scalar("SELECT count(*) FROM manage_tokens", as: Int.self) }

        let dryRun = try env.useCases.catalogueImport.apply(document, dryRun: true)
        XCTAssertFalse(dryRun.stranded.isEmpty)
        XCTAssertEqual(try messages(.affected), [], "a rehearsal rolls its messages back")
        XCTAssertEqual(try env.store.read { try $0.scalar("SELECT count(*) FROM manage_tokens", as: Int.self) }, tokensBefore,
                       "and its tokens")

        let applied = try env.useCases.catalogueImport.apply(document)
        let affected = try messages(.affected)
        let withAddress = applied.stranded.filter { $0.booking.contact.email != nil }
        XCTAssertFalse(withAddress.isEmpty)
        XCTAssertEqual(Set(affected.compactMap(\.bookingId)), Set(withAddress.map(\.booking.id)))
        XCTAssertEqual(affected.count, withAddress.count)
        XCTAssertEqual(Set(affected.map(\.facts.cause)), ["outsideOpeningHours"])
    }

    func testACallbackAndAMemoGoToTheOfficesMailboxInGerman() throws {
        let agent = try XCTUnwrap(env.accounts.account(username: "agent"))
        let window = PreferredTime(from: env.at("2026-11-17", "09:00"), to: env.at("2026-11-17", "11:00"))
        let callback = try env.callCentre.requestCallback(
            CallbackOrder(officeId: TestEnvironment.mitte, serviceId: "reisepass", name: "Erika Mustermann", phone: "0471 590-2000",
                          topic: "Rückfrage Reisepass", note: "Antrag vom 2.11.", preferredTime: window), by: agent).value
        let memo = try env.callCentre.leaveMemo(
            MemoOrder(officeId: TestEnvironment.mitte, subject: "Unterlagen", text: "Bringt die Geburtsurkunde nach.",
                      contact: "Herr Beispiel"), by: agent).value

        let sent = try XCTUnwrap(try messages(.officeCallback).first)
        XCTAssertEqual(sent.recipient, "buergerbuero-mitte@bremerhaven.example")
        XCTAssertEqual(sent.language, "de")
        XCTAssertEqual(sent.officeId, TestEnvironment.mitte)
        XCTAssertNil(sent.bookingId)
        XCTAssertEqual(sent.facts.itemId, callback.id)
        XCTAssertEqual(sent.facts.callerName, "Erika Mustermann")
        XCTAssertEqual(sent.facts.callerPhone, "0471 590-2000")
        XCTAssertEqual(sent.facts.serviceId, "reisepass")
        XCTAssertEqual(sent.facts.topic, "Rückfrage Reisepass")
        XCTAssertEqual(sent.facts.note, "Antrag vom 2.11.")
        XCTAssertEqual(sent.facts.preferredFrom, window.from.secondsSinceEpoch)
        XCTAssertEqual(sent.facts.preferredTo, window.to.secondsSinceEpoch)
        XCTAssertEqual(sent.facts.createdBy, "agent")

        let note = try XCTUnwrap(try messages(.officeMemo).first)
        XCTAssertEqual(note.recipient, "buergerbuero-mitte@bremerhaven.example")
        XCTAssertEqual(note.facts.itemId, memo.id)
        XCTAssertEqual(note.facts.topic, "Unterlagen")
        XCTAssertEqual(note.facts.note, "Bringt die Geburtsurkunde nach.")
        XCTAssertEqual(note.facts.callerName, "Herr Beispiel")
    }

    func testAnOfficeWithoutAMailboxGetsNoMessageButTheItemStillWaits() throws {
        try env.store.write { db in try db.run("UPDATE offices SET mailbox = NULL WHERE id = 'buergerbuero-nord'") }
        env.store.reloadCatalogue()
        let agent = try XCTUnwrap(env.accounts.account(username: "agent"))
        let callback = try env.callCentre.requestCallback(
            CallbackOrder(officeId: "buergerbuero-nord", name: "Erika", phone: "0471 1", topic: "Frage", note: ""), by: agent).value
        XCTAssertEqual(try messages(.officeCallback), [])
        XCTAssertEqual(try env.callCentre.callbacks(office: "buergerbuero-nord").map(\.id), [callback.id])
    }
}
