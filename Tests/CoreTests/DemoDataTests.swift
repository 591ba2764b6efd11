@testable import Core
import Scheduling
import XCTest

/// The demo catalogue has the shape docs/api.md promises and is bookable at once.
final class DemoDataTests: XCTestCase {
    static let bremerhavenOffices: [OfficeID] = ["buergerbuero-mitte", "buergerbuero-nord", "kfz-zulassung", "fuehrerscheinstelle"]
    static let luebeckOffice: OfficeID = "stadtteilbuero-luebeck-st-lorenz"
    static let apiServices: [ServiceID] = ["personalausweis", "reisepass", "wohnsitz-anmelden", "anwohnerparkausweis",
                              "kfz-zulassung-neu", "kfz-abmeldung", "fuehrerschein-umtausch"]

    func testIdsOfAPIExistWithTheirKindAndLand() throws {
        let env = try TestEnvironment()
        let catalogue = try env.store.catalogue()
        XCTAssertEqual(Set(catalogue.municipalities.map(\.id)), ["bremerhaven", "luebeck"])
        for id in Self.bremerhavenOffices {
            let office = try XCTUnwrap(catalogue.office(id), id.rawValue)
            XCTAssertEqual(office.municipalityId, "bremerhaven")
            XCTAssertEqual(office.land, .bremen)
            XCTAssertEqual(office.address.city, "Bremerhaven")
            XCTAssertEqual(office.timeZoneId, "Europe/Berlin")
        }
        XCTAssertEqual(catalogue.office("buergerbuero-mitte")?.kind, .citizensOffice)
        XCTAssertEqual(catalogue.office("buergerbuero-nord")?.kind, .citizensOffice)
        XCTAssertEqual(catalogue.office("kfz-zulassung")?.kind, .vehicleRegistration)
        XCTAssertEqual(catalogue.office("fuehrerscheinstelle")?.kind, .drivingLicence)
        let luebeck = try XCTUnwrap(catalogue.office(Self.luebeckOffice))
        XCTAssertEqual(luebeck.municipalityId, "luebeck")
        XCTAssertEqual(luebeck.land, .schleswigHolstein)
        XCTAssertEqual(luebeck.kind, .citizensOffice)
        XCTAssertEqual(catalogue.offices(in: "luebeck").map(\.id), [Self.luebeckOffice])

        for id in Self.apiServices { XCTAssertNotNil(catalogue.service(id), id.rawValue) }
        let fees = Dictionary(uniqueKeysWithValues: catalogue.services.map { ($0.id, $0.feeCents) })
        XCTAssertEqual(fees["personalausweis"], 3700)
        XCTAssertEqual(fees["reisepass"], 7000)
        XCTAssertEqual(fees["wohnsitz-anmelden"], 0)
        XCTAssertEqual(fees["anwohnerparkausweis"], 3000)
        XCTAssertEqual(fees["kfz-zulassung-neu"], 2760)
        XCTAssertEqual(fees["kfz-abmeldung"], 1070)
        XCTAssertEqual(fees["fuehrerschein-umtausch"], 2560)
        XCTAssertTrue(catalogue.service("personalausweis")!.description.contains("unter 24"))
        for service in catalogue.services {
            XCTAssertFalse(service.documents.isEmpty, "\(service.id) says what to bring")
            XCTAssertFalse(service.description.isEmpty, service.id.rawValue)
            XCTAssertFalse(catalogue.offices(offering: service.id).isEmpty, "\(service.id) is offered somewhere")
        }
        XCTAssertEqual(catalogue.offices(offering: "kfz-zulassung-neu").map(\.id), ["kfz-zulassung"])
        XCTAssertEqual(catalogue.offices(offering: "fuehrerschein-umtausch").map(\.id), ["fuehrerscheinstelle"])
    }

    func testEveryOfficeHasServicesAndValidRules() throws {
        let env = try TestEnvironment()
        let catalogue = try env.store.catalogue()
        XCTAssertEqual(catalogue.offices.count, 6)
        for office in catalogue.offices {
            let setup = try XCTUnwrap(catalogue.setup(office.id))
            XCTAssertFalse(setup.offeredServiceIds.isEmpty, office.id.rawValue)
            XCTAssertFalse(setup.rules.isEmpty, office.id.rawValue)
            XCTAssertEqual(OpeningRule.problems(in: setup.rules), [:], office.id.rawValue)
            XCTAssertEqual(setup.policy.horizonDays, 42)
            XCTAssertEqual(setup.policy.releaseTime, LocalTime("07:00"))
            XCTAssertEqual(setup.policy.maxActiveBookingsPerContact, 2)
            XCTAssertEqual(setup.policy.phoneReleaseHours, 24)
            XCTAssertTrue((60...120).contains(setup.policy.minNoticeMinutes))
            for rule in setup.rules {
                XCTAssertNil(rule.validFrom, "bookable from the seed day: \(rule.id)")
                XCTAssertTrue((10...20).contains(rule.slotMinutes), rule.id)
                XCTAssertTrue((2...6).contains(rule.counters), rule.id)
            }
        }
        let kfz = try XCTUnwrap(catalogue.setup("kfz-zulassung"))
        XCTAssertEqual(Set(kfz.offeredServiceIds), ["kfz-zulassung-neu", "kfz-umschreibung", "kfz-abmeldung"])
        let mitte = try XCTUnwrap(catalogue.setup("buergerbuero-mitte"))
        XCTAssertEqual(Set(mitte.rules.map(\.kind)), [.mixed, .appointmentsOnly, .walkInOnly])
        XCTAssertEqual(catalogue.setup("fuehrerscheinstelle")?.channels(for: "fuehrerschein-ersatz"), [.phone, .desk])
    }

    /// The demo's catalogue is imported as any catalogue file is: one
    /// revision from an import, made by nobody, its items the file's.
    func testTheSeedIsOneImportOfTheDemoFile() throws {
        let env = try TestEnvironment()
        let admin = try XCTUnwrap(env.accounts.verify(username: "admin", password: "demo"))
        let trail = try env.useCases.catalogueAdministration.trail(for: admin)
        XCTAssertEqual(trail.map(\.source), [.import])
        XCTAssertNil(trail.first?.madeBy)
        XCTAssertEqual(trail.first?.items.filter { $0.subject == .office }.count, 6)
    }

    /// The details the legal pages and the office's mails will need.
    func testMunicipalitiesNameTheirOperatorsAndOfficesTheirMailboxes() throws {
        let catalogue = try TestEnvironment().store.catalogue()
        for municipality in catalogue.municipalities {
            let contact = try XCTUnwrap(municipality.contact, municipality.id.rawValue)
            XCTAssertTrue(contact.privacyOfficer.email.hasPrefix("datenschutz@"), municipality.id.rawValue)
            XCTAssertEqual(municipality.retentionDays, 14)
        }
        let bremerhaven = catalogue.municipalities.first { $0.id == "bremerhaven" }?.contact
        XCTAssertEqual(bremerhaven?.operatorName, "Magistrat der Stadt Bremerhaven, Bürger- und Ordnungsamt")
        XCTAssertEqual(bremerhaven?.address.city, "Bremerhaven")
        XCTAssertEqual(catalogue.municipalities.first { $0.id == "luebeck" }?.contact?.address.city, "Lübeck")
        for office in catalogue.offices {
            XCTAssertEqual(office.mailbox.flatMap(Contact.emailProblem), nil, office.id.rawValue)
            XCTAssertNotNil(office.mailbox, office.id.rawValue)
        }
        XCTAssertEqual(catalogue.service("personalausweis")?.leikaKey, "99102013104000")
    }

    func testEveryServiceIsBookableFromToday() throws {
        let env = try TestEnvironment()
        for office in try env.store.catalogue().offices {
            let setup = try XCTUnwrap(env.store.catalogue().setup(office.id))
            for serviceId in setup.offeredServiceIds {
                let caller = setup.channels(for: serviceId).contains(.online) ? Caller.citizen : TestEnvironment.phone
                let days = try env.availability.days(office: office.id, services: [RequestedService(serviceId: serviceId)],
                                                     from: nil, through: nil, caller: caller).days
                XCTAssertEqual(days.first?.date, TestEnvironment.monday, "\(office.id) \(serviceId)")
                XCTAssertGreaterThan(days.count, 15, "\(office.id) \(serviceId) over six weeks")
                XCTAssertLessThanOrEqual(days.last!.date, TestEnvironment.monday.adding(days: 42))
            }
        }
    }

    func testWednesdayEarlyHourIsForWalkInsOnly() throws {
        let env = try TestEnvironment()
        let wednesday = LocalDate("2026-11-25")!
        let starts = try env.availability.starts(office: TestEnvironment.mitte, services: [RequestedService(serviceId: "personalausweis")],
                                                 date: wednesday, caller: TestEnvironment.phone).starts
        XCTAssertEqual(starts.first?.start, env.at("2026-11-25", "09:00"))
        XCTAssertRefused(.walkInOnly, try env.book(env.at("2026-11-25", "08:00"), caller: TestEnvironment.phone))
    }

    func testChristmasClosesTheOffices() throws {
        let env = try TestEnvironment()
        env.setClock("2026-12-14", "08:00")
        for office in [TestEnvironment.mitte, Self.luebeckOffice] {
            let days = try env.availability.days(
                office: office, services: [RequestedService(serviceId: "personalausweis")],
                from: LocalDate("2026-12-21"), through: LocalDate("2026-12-31"), caller: .citizen).days.map(\.date.description)
            XCTAssertEqual(days, ["2026-12-21", "2026-12-22", "2026-12-23", "2026-12-24",
                                  "2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31"], office.rawValue)
            XCTAssertEqual(try env.availability.starts(office: office, services: [RequestedService(serviceId: "reisepass")],
                                                       date: LocalDate("2026-12-25")!, caller: TestEnvironment.phone).starts, [])
        }
        XCTAssertRefused(.closed(reason: "1. Weihnachtstag"), try env.book(env.at("2026-12-25", "09:00")))
        let setup = try XCTUnwrap(env.store.catalogue().setup(TestEnvironment.mitte))
        XCTAssertEqual(CapacityPlan(for: LocalDate("2026-12-26")!, setup: setup).closure, "2. Weihnachtstag")
    }

    func testReformationstagIsAHolidayInBremenAndSchleswigHolstein() throws {
        let env = try TestEnvironment()
        let catalogue = try env.store.catalogue()
        for office in [TestEnvironment.mitte, Self.luebeckOffice] {
            let setup = try XCTUnwrap(catalogue.setup(office))
            XCTAssertEqual(CapacityPlan(for: LocalDate("2026-10-31")!, setup: setup).closure, "Reformationstag")
        }
        // 31 October 2028 is a Tuesday; Allerheiligen (1 November) is no holiday in the north.
        env.setClock("2028-10-23", "08:00")
        for office in [TestEnvironment.mitte, Self.luebeckOffice] {
            let days = try env.availability.days(
                office: office, services: [RequestedService(serviceId: "personalausweis")],
                from: LocalDate("2028-10-30"), through: LocalDate("2028-11-02"), caller: .citizen).days.map(\.date.description)
            XCTAssertEqual(days, ["2028-10-30", "2028-11-01", "2028-11-02"], office.rawValue)
        }
    }

    func testStaffMeetingClosesOneAfternoon() throws {
        let env = try TestEnvironment()
        let setup = try XCTUnwrap(env.store.catalogue().setup(TestEnvironment.mitte))
        let closure = try XCTUnwrap(setup.closures.first)
        XCTAssertEqual(closure.from, LocalDate("2026-12-03"), "the first Thursday two weeks after the seed")
        XCTAssertTrue(closure.reason.contains("Personalversammlung"))
        let starts = try env.availability.starts(office: TestEnvironment.mitte, services: [RequestedService(serviceId: "personalausweis")],
                                                 date: closure.from, caller: TestEnvironment.phone).starts.map(\.start)
        XCTAssertTrue(starts.contains(env.at("2026-12-03", "11:45")))
        XCTAssertFalse(starts.contains { $0 >= env.at("2026-12-03", "12:00") })
        XCTAssertRefused(.closed(reason: closure.reason), try env.book(env.at("2026-12-03", "14:00")))
    }

    func testDemoAccountsAndBookings() throws {
        let env = try TestEnvironment()
        let agent = try XCTUnwrap(env.accounts.verify(username: "agent", password: "demo"))
        XCTAssertEqual(agent.role, .agent)
        XCTAssertEqual(agent.municipalityIds, ["bremerhaven", "luebeck"])
        let staff = try XCTUnwrap(env.accounts.verify(username: "staff-mitte", password: "demo"))
        XCTAssertEqual(staff.role, .staff)
        XCTAssertEqual(staff.officeIds, [TestEnvironment.mitte])
        XCTAssertEqual(try env.accounts.verify(username: "admin", password: "demo")?.role, .admin)
        XCTAssertEqual(try env.store.read { try $0.scalar("SELECT count(*) FROM accounts WHERE is_demo = 1", as: Int.self) }, 3)

        XCTAssertEqual(try env.bookingCount(), 15, "every demo booking fits at 07:30 on a Monday")
        let today = try env.frontDesk.schedule(office: TestEnvironment.mitte, date: TestEnvironment.monday)
        XCTAssertEqual(today.bookings.count, 4)
        XCTAssertEqual(Set(today.bookings.map(\.channel)), [.online, .phone, .desk])
        XCTAssertEqual(try env.bookings.search("", office: nil, date: nil, access: .anyOffice).count, 15)
        XCTAssertEqual(try env.overbookedSlotUsageRows(), 0)
    }

    func testSeedingWorksWhenTheServerStartsAtAnyTime() throws {
        let zone = TimeZoneRules.europeBerlin
        var moments: [Instant] = []
        for day in 0..<7 {
            for time in ["06:59", "12:30", "23:30"] { moments.append(TestEnvironment.at("2026-11-\(16 + day)", time)) }
        }
        moments += [TestEnvironment.at("2026-12-24", "16:00"), TestEnvironment.at("2026-03-29", "03:30")]
        for now in moments {
            let today = zone.localDate(of: now)
            let env = try TestEnvironment(seeded: false, now: now, today: today)
            try DemoData.seed(store: env.store, accounts: env.accounts, catalogue: TestEnvironment.demoCatalogue.get(), today: today,
                              password: DemoData.defaultPassword)
            let bookings = try env.bookings.search("", office: nil, date: nil, access: .anyOffice)
            XCTAssertGreaterThanOrEqual(bookings.count, 12, "\(now)")
            XCTAssertTrue(bookings.allSatisfy { $0.start > now && $0.status == .confirmed }, "\(now)")
            XCTAssertEqual(try env.overbookedSlotUsageRows(), 0)
        }
    }

    func testSeedOnlyIntoAnEmptyDatabase() throws {
        let env = try TestEnvironment(seeded: false)
        XCTAssertFalse(try DemoData.isSeeded(store: env.store))
        try DemoData.seed(store: env.store, accounts: env.accounts, catalogue: TestEnvironment.demoCatalogue.get(),
                          today: TestEnvironment.monday, password: "geheim")
        XCTAssertTrue(try DemoData.isSeeded(store: env.store))
        XCTAssertNotNil(try env.accounts.verify(username: "admin", password: "geheim"))
        let bookings = try env.bookingCount()
        XCTAssertThrowsError(try DemoData.seed(store: env.store, accounts: env.accounts, catalogue: TestEnvironment.demoCatalogue.get(),
                                               today: TestEnvironment.monday, password: "geheim")) { error in
            XCTAssertEqual(error as? DemoData.SeedError, .alreadySeeded(offices: 6))
            XCTAssertTrue("\(error)".contains("new, empty database"))
        }
        XCTAssertEqual(try env.bookingCount(), bookings, "a refused seed writes nothing")
    }

    func testSeedRefusesATakenDemoUsername() throws {
        let env = try TestEnvironment(seeded: false)
        try env.accounts.create(username: "Admin", displayName: "Echte Administration", password: "x", role: .admin)
        XCTAssertThrowsError(try DemoData.seed(store: env.store, accounts: env.accounts, catalogue: TestEnvironment.demoCatalogue.get(),
                                               today: TestEnvironment.monday, password: "demo")) { error in
            XCTAssertEqual(error as? DemoData.SeedError, .accountExists("admin"))
        }
        XCTAssertFalse(try DemoData.isSeeded(store: env.store))
    }
}
