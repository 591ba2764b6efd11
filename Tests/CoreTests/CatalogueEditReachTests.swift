import Core
import Scheduling
import XCTest

/// What the seam's reach rules leave to items that live under an office
/// or name offices (the gaps the API found): a rule or closure at an office
/// that does not exist, or lies outside a scoped admin's reach, is refused
/// as that office not found, never added to nothing or answered forbidden;
/// a service offered at an office that does not exist is refused naming
/// `offices`, never saved with that offering silently dropped (one beyond a
/// scoped admin's reach is forbidden: CatalogueAdministrationTests).
final class CatalogueEditReachTests: XCTestCase {
    var env: TestEnvironment!
    var admin: Account!
    var luebeck: Account!

    override func setUpWithError() throws {
        env = try TestEnvironment()
        admin = try XCTUnwrap(env.accounts.account(username: "admin"))
        luebeck = try env.accounts.add(username: "hl-admin", displayName: nil, password: "long-enough-1", role: .admin,
                                       municipalityIds: ["luebeck"])
    }

    func closure(at office: OfficeID) -> CatalogueEdit {
        .add(.closure(Closure(id: "betriebsausflug", officeId: office, from: LocalDate("2026-12-01")!, reason: "Betriebsausflug"),
                      at: office))
    }

    func testAClosureAtAnOfficeThatIsNotThereIsThatOfficeNotFound() throws {
        for (who, office) in [(admin!, OfficeID("nirgendwo")), (luebeck!, "nirgendwo"), (luebeck!, "buergerbuero-mitte")] {
            XCTAssertThrowsError(try env.catalogueAdministration.preview(closure(at: office), by: who), "\(who.username) at \(office)") {
                XCTAssertEqual($0 as? CatalogueAdministration.Refusal, .mismatch(.notFound(.office(office))))
            }
            XCTAssertThrowsError(try env.catalogueAdministration.save(closure(at: office), by: who, idempotency: nil))
        }
        let saved = try env.catalogueAdministration.save(closure(at: "stadtteilbuero-luebeck-st-lorenz"), by: luebeck, idempotency: nil)
        XCTAssertEqual(saved.value.changes.items.map(\.name), ["closure betriebsausflug"], "at home it is added")
    }

    func testAServiceOfferedAtAnOfficeThatDoesNotExistNamesOffices() throws {
        let service = Service(id: "neu", name: "Neu", baseMinutes: 15)
        let cases: [(Account, [OfficeID: Set<Channel>])] = [
            (admin, ["nirgendwo": [.online], "buergerbuero-mitte": [.online]]),
            (luebeck, ["nirgendwo": [.online], "stadtteilbuero-luebeck-st-lorenz": [.online]]),
        ]
        for (who, offeredAt) in cases {
            XCTAssertThrowsError(try env.catalogueAdministration.save(.add(.service(service, offeredAt: offeredAt)), by: who,
                                                                      idempotency: nil), who.username) { error in
                guard case .invalid(let problems)? = error as? CatalogueAdministration.Refusal else {
                    return XCTFail("\(who.username): \(error)")
                }
                XCTAssertEqual(problems.item.map(\.path), ["offices"])
                XCTAssertEqual(problems.elsewhere, [])
            }
        }
        XCTAssertFalse(try env.catalogueAdministration.catalogue(for: admin).services.contains { $0.id == "neu" }, "nothing saved")
    }
}
