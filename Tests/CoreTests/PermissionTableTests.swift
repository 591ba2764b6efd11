@testable import Core
import Scheduling
import XCTest

/// Every role against every use case that reads or changes an existing
/// booking or an office's items, asked of Booking alone (no HTTP): what
/// each says — allowed, forbidden (403 at the door) or not found (404).
final class PermissionTableTests: XCTestCase {
    enum Who: String, CaseIterable {
        case citizenWithToken, citizen, agent, agentElsewhere, staff, staffElsewhere, admin, scopedAdmin
    }

    enum Answer: String { case allowed, forbidden, notFound }

    var env: TestEnvironment!
    var callCentre: CallCentre!
    var accounts: [Who: Account] = [:]

    override func setUpWithError() throws {
        // A week before the Monday, so bookings of that Monday can be made.
        env = try TestEnvironment(now: TestEnvironment.at("2026-11-09", "12:00"))
        callCentre = env.callCentre
        accounts[.agent] = try XCTUnwrap(env.accounts.account(username: "agent"))  // answers for Bremerhaven (and Lübeck)
        accounts[.staff] = try XCTUnwrap(env.accounts.account(username: "staff-mitte"))
        accounts[.admin] = try XCTUnwrap(env.accounts.account(username: "admin"))
        accounts[.agentElsewhere] = try env.accounts.add(username: "hl-agent", displayName: nil, password: "long-enough-1",
                                                         role: .agent, municipalityIds: ["luebeck"])
        accounts[.staffElsewhere] = try env.accounts.add(username: "nord", displayName: nil, password: "long-enough-1",
                                                         role: .staff, officeIds: ["buergerbuero-nord"])
        accounts[.scopedAdmin] = try env.accounts.add(username: "hl-admin", displayName: nil, password: "long-enough-1",
                                                      role: .admin, municipalityIds: ["luebeck"])
    }

    override func tearDown() {
        env = nil
        callCentre = nil
    }

    /// The `n`th of the times two people can book at Bürgerbüro Mitte
    /// (Bremerhaven): two to a slot, 09:00 to 11:00, from the Monday on.
    private func time(_ n: Int, weeksLater: Int = 0) -> Instant {
        let date = LocalDate("2026-11-16")!.adding(days: n / 6 + 7 * weeksLater)
        return env.at(date.description, ["09:00", "10:00", "11:00"][n % 6 / 2])
    }

    /// A fresh booking of its own contact at the `person`th time.
    private func freshBooking(_ person: Int) throws -> BookingConfirmation {
        try env.book(time(person), person: person)
    }

    /// Who asks: a citizen by token (right or wrong), an account by its access.
    private func access(_ who: Who, _ booking: BookingConfirmation) -> Access {
        switch who {
        case .citizenWithToken: .manageToken(booking.manageToken)
        case .citizen: .manageToken("not-the-token")
        default: accounts[who]!.access
        }
    }

    private func caller(_ who: Who) -> Caller { accounts[who]?.caller ?? .citizen }

    private func check(_ useCase: String, _ expected: [Who: Answer], file: StaticString = #filePath, line: UInt = #line,
                       _ body: (Who) throws -> Void) {
        for who in Who.allCases {
            guard let wanted = expected[who] else { continue }
            var unexpected: Error?
            let got: Answer?
            do {
                try body(who)
                got = .allowed
            } catch BookingError.notFound, CallCentreError.notFound {
                got = .notFound
            } catch BookingError.forbidden, CallCentreError.notAllowed {
                got = .forbidden
            } catch {
                unexpected = error
                got = nil
            }
            XCTAssertEqual(got, wanted, "\(useCase) as \(who.rawValue)\(unexpected.map { ": \($0)" } ?? "")", file: file, line: line)
        }
    }

    /// Open, cancel, move: a citizen by the booking's token, accounts by
    /// their access; out of reach is not found.
    func testBookingsAreOpenedByTokenOrAccess() throws {
        let reach: [Who: Answer] = [.citizenWithToken: .allowed, .citizen: .notFound, .agent: .allowed, .agentElsewhere: .notFound,
                                    .staff: .allowed, .staffElsewhere: .notFound, .admin: .allowed]
        let shared = try freshBooking(0)
        check("find", reach) { who in _ = try env.bookings.booking(shared.booking.code, access: access(who, shared)) }
        var person = 1
        check("cancel", reach) { who in
            let booking = try freshBooking(person)
            person += 1
            _ = try env.bookings.cancel(booking.booking.code, access: access(who, booking), caller: caller(who))
        }
        check("move", reach) { who in
            let booking = try freshBooking(person)
            person += 1
            _ = try env.bookings.reschedule(booking.booking.code, to: time(person, weeksLater: 1),
                                                access: access(who, booking), caller: caller(who))
        }
    }

    /// Only the office's staff and administrators see a booking's history;
    /// an agent who may open the booking is refused, not misled.
    func testHistoryIsTheOfficesAlone() throws {
        let booking = try freshBooking(0)
        check("history", [.citizenWithToken: .notFound, .citizen: .notFound, .agent: .forbidden, .agentElsewhere: .notFound,
                          .staff: .allowed, .staffElsewhere: .notFound, .admin: .allowed]) { who in
            if let account = accounts[who] {
                _ = try env.bookings.history(booking.booking.code, by: account)
            } else {
                _ = try env.bookings.history(booking.booking.code, access: access(who, booking))
            }
        }
    }

    /// A booking's personal data, shown or erased: its citizen by the token,
    /// the office's staff and admins for a citizen at the desk; an agent
    /// who may open the booking is refused.
    func testPersonalDataIsTheCitizensAndTheOffices() throws {
        let answers: [Who: Answer] = [.citizenWithToken: .allowed, .citizen: .notFound, .agent: .forbidden,
                                      .agentElsewhere: .notFound, .staff: .allowed, .staffElsewhere: .notFound, .admin: .allowed]
        func requester(_ who: Who, _ booking: BookingConfirmation) -> PersonalData.Requester {
            if let account = accounts[who] { return .account(account) }
            return .citizen(manageToken: who == .citizenWithToken ? booking.manageToken : "not-the-token")
        }
        let shared = try freshBooking(0)
        check("personal data", answers) { who in _ = try env.bookings.personalData(shared.booking.code, for: requester(who, shared)) }
        // Erasing again changes nothing, so one booking serves every caller.
        check("erase personal data", answers) { who in _ = try env.bookings.erasePersonalData(shared.booking.code, for: requester(who, shared)) }
    }

    /// The desk's steps: the office's staff and admins. An account that runs
    /// no desk hears forbidden whatever the code; staff of another office
    /// hear not found for its codes, exactly as for a code that does not
    /// exist, so the answer tells nothing of which codes exist.
    func testDeskStepsAreTheOfficesAlone() throws {
        var bookings: [Who: BookingConfirmation] = [:]
        // All on the Monday: a desk checks in on the booking's day.
        for (index, who) in Who.allCases.enumerated() {
            bookings[who] = try env.book(env.at("2026-11-16", ["09:00", "09:30", "10:00", "10:30"][index / 2]), person: index)
        }
        env.setClock("2026-11-16", "09:50")
        let steps: [Who: Answer] = [.citizenWithToken: .notFound, .citizen: .notFound, .agent: .forbidden, .agentElsewhere: .forbidden,
                                    .staff: .allowed, .staffElsewhere: .notFound, .admin: .allowed]
        check("check-in", steps) { who in
            let booking = try XCTUnwrap(bookings[who])
            if let account = accounts[who] {
                _ = try env.frontDesk.deskStep(.checkIn, booking.booking.code, by: account)
            } else {
                _ = try env.frontDesk.checkIn(booking.booking.code, access: access(who, booking), caller: .citizen)
            }
        }
        let unknown = try XCTUnwrap(BookingCode(parsing: "ZZZ-ZZZ-ZZZ"))
        for who in Who.allCases {
            guard let account = accounts[who] else { continue }
            XCTAssertThrows(account.may(.runDay) ? .notFound : .forbidden(.runDay), try env.frontDesk.deskStep(.complete, unknown, by: account),
                            "unknown code as \(who)")
        }
        XCTAssertThrows(.notFound, try env.frontDesk.deskStep(.noShow, bookings[.admin]!.booking.code, by: accounts[.admin]!,
                                                                 at: "buergerbuero-nord"),
                        "a desk page of another office does not find it")
    }

    /// An office's own items — its day (desk, walk-ins, call-next, schedule,
    /// feeds, closures and counters, statistics) and its callbacks and
    /// memos — for those who run it; callbacks and memos filed by who
    /// answers its calls.
    func testOfficeItemsAreForWhoRunsTheOffice() throws {
        let runDay: [Who: Answer] = [.agent: .forbidden, .agentElsewhere: .forbidden, .staff: .allowed, .staffElsewhere: .forbidden,
                                     .admin: .allowed]
        let catalogue = try env.store.catalogue()
        check("an office's day", runDay) { who in
            _ = try catalogue.office(TestEnvironment.mitte, for: try XCTUnwrap(accounts[who]), may: .runDay)
        }
        XCTAssertThrows(.unknownOffice("nirgendwo"), try catalogue.office("nirgendwo", for: accounts[.admin]!, may: .runDay))

        let filer = try XCTUnwrap(accounts[.agent])
        let order = CallbackOrder(officeId: TestEnvironment.mitte, serviceId: nil, name: "Erika", phone: "0471 590-2000",
                                  topic: "Rückfrage", note: "", preferredTime: nil)
        check("callbacks", runDay) { who in _ = try callCentre.callbacks(office: TestEnvironment.mitte, for: try XCTUnwrap(accounts[who])) }
        check("memos", runDay) { who in _ = try callCentre.memos(office: TestEnvironment.mitte, for: try XCTUnwrap(accounts[who])) }
        check("close a callback", runDay) { who in
            let callback = try callCentre.requestCallback(order, by: filer).value
            _ = try callCentre.markCallbackDone(id: callback.id, note: nil, by: try XCTUnwrap(accounts[who]))
        }
        check("close a memo", runDay) { who in
            let memo = try callCentre.leaveMemo(MemoOrder(officeId: TestEnvironment.mitte, subject: "S", text: "T", contact: nil), by: filer).value
            _ = try callCentre.markMemoDone(id: memo.id, note: nil, by: try XCTUnwrap(accounts[who]))
        }
        check("close an unknown item", [.staff: .notFound, .admin: .notFound]) { who in
            _ = try callCentre.markMemoDone(id: "AAAAAAAAAAAAAAAAAAAAAA", note: nil, by: try XCTUnwrap(accounts[who]))
        }
        let fileAnswers: [Who: Answer] = [.agent: .allowed, .agentElsewhere: .forbidden, .staff: .forbidden,
                                          .staffElsewhere: .forbidden, .admin: .allowed]
        check("file a callback", fileAnswers) { who in _ = try callCentre.requestCallback(order, by: try XCTUnwrap(accounts[who])) }
        check("leave a memo", fileAnswers) { who in
            _ = try callCentre.leaveMemo(MemoOrder(officeId: TestEnvironment.mitte, subject: "S", text: "T", contact: nil),
                                         by: try XCTUnwrap(accounts[who]))
        }
    }

    /// The roles a guard declares come from the same decision as the
    /// scoped answers above, and an account's channel and access with them.
    func testDeclaredRolesChannelsAndAccessFollowThePermissions() throws {
        XCTAssertEqual(Account.Role.allowed(to: .useConsole), [.agent, .admin])
        XCTAssertEqual(Account.Role.allowed(to: .runDay), [.staff, .admin])
        XCTAssertEqual(Account.Role.allowed(to: .seeHistory), [.staff, .admin])
        XCTAssertEqual(Account.Role.allowed(to: .answerCalls), [.agent, .admin])
        XCTAssertEqual(Account.Role.allowed(to: .lookUpBookings), [.agent, .staff, .admin])
        XCTAssertEqual(Account.Role.allowed(to: .administerAccounts), [.admin])
        XCTAssertEqual(Account.Role.allowed(to: .answerDataRequests), [.staff, .admin])
        XCTAssertEqual(accounts[.scopedAdmin]?.access, .municipalities(["luebeck"]))
        XCTAssertEqual(accounts[.agent]?.caller.channel, .phone)
        XCTAssertEqual(accounts[.staff]?.caller.channel, .desk)
        XCTAssertEqual(accounts[.admin]?.caller.channel, .desk)
        XCTAssertEqual(accounts[.admin]?.access, .anyOffice)
        XCTAssertEqual(accounts[.staff]?.access, .offices([TestEnvironment.mitte]))
        XCTAssertEqual(accounts[.agentElsewhere]?.access, .municipalities(["luebeck"]))
        for permission in Permission.allCases {
            for who in Who.allCases {
                guard let account = accounts[who] else { continue }
                XCTAssertEqual(account.may(permission), Account.Role.allowed(to: permission).contains(account.role),
                               "\(permission) as \(who)")
            }
        }
    }

    /// Who administers which account: an unscoped admin every account, a
    /// scoped admin (Lübeck) the staff and agents wholly inside its
    /// municipalities and no admin, staff and agents none. Citizens have no
    /// account; the guard of every page and route admits admins only.
    func testAccountsAreAdministeredWithinTheAdminsReach() throws {
        let catalogue = try env.store.catalogue()
        let hlStaff = try env.accounts.add(username: "hl-staff", displayName: nil, password: "long-enough-1", role: .staff,
                                           officeIds: ["stadtteilbuero-luebeck-st-lorenz"])
        let targets: [(String, Account)] = [
            ("agent of both cities", try XCTUnwrap(accounts[.agent])), ("Mitte staff", try XCTUnwrap(accounts[.staff])),
            ("Lübeck agent", try XCTUnwrap(accounts[.agentElsewhere])), ("Nord staff", try XCTUnwrap(accounts[.staffElsewhere])),
            ("Lübeck staff", hlStaff), ("admin", try XCTUnwrap(accounts[.admin])), ("scoped admin", try XCTUnwrap(accounts[.scopedAdmin])),
        ]
        let reaches: [Who: Set<String>] = [
            .admin: Set(targets.map(\.0)),
            .scopedAdmin: ["Lübeck agent", "Lübeck staff"],
            .agent: [], .agentElsewhere: [], .staff: [], .staffElsewhere: [],
        ]
        for (who, reached) in reaches {
            let account = try XCTUnwrap(accounts[who])
            for (label, target) in targets {
                XCTAssertEqual(account.mayAdminister(target, in: catalogue), reached.contains(label), "\(who) administers \(label)")
            }
        }
        XCTAssertEqual(accounts[.scopedAdmin]?.reach(.administerAccounts), .ownOffices)
        XCTAssertEqual(accounts[.admin]?.reach(.administerAccounts), .everywhere)
        // The scope holds for the day's work too: Lübeck's office, not Bremerhaven's.
        let scoped = try XCTUnwrap(accounts[.scopedAdmin])
        XCTAssertTrue(scoped.may(.runDay, at: try XCTUnwrap(catalogue.office("stadtteilbuero-luebeck-st-lorenz"))))
        XCTAssertFalse(scoped.may(.runDay, at: try XCTUnwrap(catalogue.office(TestEnvironment.mitte))))
    }

    /// The use cases ask the same rule: the list holds what the admin
    /// reaches, an account beyond it is not found, a new one beyond it is
    /// forbidden, and a role without the permission is forbidden outright.
    func testAccountUseCasesFollowTheReach() throws {
        let scoped = try XCTUnwrap(accounts[.scopedAdmin])
        XCTAssertEqual(try env.accounts.administered(by: scoped).map(\.username), ["hl-agent"])
        XCTAssertEqual(try env.accounts.administered(by: try XCTUnwrap(accounts[.admin])).count, try env.accounts.all().count)
        for body in [{ _ = try self.env.accounts.disable("staff-mitte", by: scoped) },
                     { _ = try self.env.accounts.enable("staff-mitte", by: scoped) },
                     { try self.env.accounts.setPassword("staff-mitte", to: "long-enough-2", by: scoped) }] {
            XCTAssertThrowsError(try body()) { XCTAssertEqual($0 as? Accounts.AdministrationError, .unknownUser("staff-mitte")) }
        }
        let beyond = Accounts.Draft(username: "hb-staff", displayName: nil, password: "long-enough-1", role: .staff,
                                    officeIds: [TestEnvironment.mitte], municipalityIds: [])
        XCTAssertThrowsError(try env.accounts.add(beyond, by: scoped, idempotency: nil)) {
            XCTAssertEqual($0 as? Accounts.AdministrationError, .forbidden)
        }
        XCTAssertNil(try env.accounts.account(username: "hb-staff"))
        for who in [Who.agent, .staff] {
            XCTAssertThrowsError(try env.accounts.administered(by: try XCTUnwrap(accounts[who]))) {
                XCTAssertEqual($0 as? Accounts.AdministrationError, .forbidden, "\(who)")
            }
        }
    }
}
