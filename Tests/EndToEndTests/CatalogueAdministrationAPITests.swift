import Foundation
import XCTest

/// The catalogue under `/api/v1/admin/` against the real server on an empty
/// database (`serve --no-demo`, docs/api.md "The catalogue"): a city sets
/// itself up through the API and a citizen books it; a change of hours
/// under bookings is previewed without a write and saved onto the "to
/// contact" list; bad bodies name their fields; every route's roles,
/// read from the route table.
final class CatalogueAdministrationAPITests: XCTestCase {
    var server: ServerProcess!
    var client: APIClient!
    var admin: [(String, String)] = []
    /// Next Monday 07:05 in Berlin, the server's standing clock, and the Tuesday after it.
    let (now, monday) = DemoServer.monday()
    var tuesday: String { DemoServer.adding(days: 1, to: monday) }

    override func setUpWithError() throws {
        server = try ServerProcess(arguments: ["--no-demo", "--now", now])
        client = APIClient(port: server.port)
        try addAccount("ops", ["--role", "admin"])
        admin = try signIn("ops")
    }

    override func tearDown() {
        server?.stop()
    }

    func addAccount(_ username: String, _ role: [String]) throws {
        let run = try UserCommandTests.terminbuch(["user", "add", "--username", username] + role + ["--database", server.databasePath],
                                                  input: "catalogue-admin-1\n")
        XCTAssertEqual(run.status, 0, run.errors)
    }

    func signIn(_ username: String) throws -> [(String, String)] {
        [("Cookie", try client.signIn(username, password: "catalogue-admin-1"))]
    }

    func send(_ method: String, _ path: String, _ json: Any? = nil, as who: [(String, String)]? = nil) throws -> RawClient.Response {
        let body = try json.map { [UInt8](try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys])) }
        return try client.send(method, path, body: body, headers: (who ?? admin) + (body == nil ? [] : [("Content-Type", "application/json")]))
    }

    static var municipality: [String: Any] { ["id": "musterstadt", "name": "Musterstadt"] }
    static func office(_ id: String, in municipality: String = "musterstadt") -> [String: Any] {
        ["id": id, "municipality": municipality, "name": "Bürgeramt \(id)", "kind": "citizensOffice", "land": "NI",
         "address": ["street": "Markt 1", "postalCode": "12345", "city": "Musterstadt"]]
    }
    static func service(_ id: String, at offices: [String]) -> [String: Any] {
        ["id": id, "name": "Personalausweis \(id)", "baseMinutes": 15, "offices": offices.map { ["office": $0] }]
    }
    static func rule(_ id: String, until end: String = "12:00", counters: Int = 1) -> [String: Any] {
        ["id": id, "weekdays": ["monday", "tuesday", "wednesday", "thursday", "friday"], "band": ["start": "08:00", "end": end],
         "counters": counters, "slotMinutes": 15]
    }

    /// Musterstadt with its Bürgeramt, the service `ausweis` and hours on
    /// weekdays 08:00–12:00 at one counter, each added through the API.
    func setUpMusterstadt() throws {
        for (path, body) in [("/api/v1/admin/municipalities", Self.municipality), ("/api/v1/admin/offices", Self.office("buergeramt")),
                             ("/api/v1/admin/services", Self.service("ausweis", at: ["buergeramt"])),
                             ("/api/v1/admin/offices/buergeramt/rules", Self.rule("werktags"))] {
            let created = try send("POST", path, body)
            XCTAssertEqual(created.status, 201, "\(path): \(created.text)")
            XCTAssertEqual(created.header("Location"), path + "/" + (body["id"] as? String ?? ""), path)
        }
    }

    func book(_ start: String, _ person: Int) throws -> String {
        let booked = try client.post("/api/v1/bookings", json: APIClient.bookingBody(
            office: "buergeramt", service: "ausweis", start: start, name: "Person \(person)", email: "person\(person)@example.org"))
        XCTAssertEqual(booked.status, 201, booked.text)
        return try XCTUnwrap((booked.object["booking"] as? [String: Any])?["code"] as? String)
    }

    func revisions() throws -> Int {
        Int(try sqliteRows(server.databasePath, "SELECT count(*) FROM catalogue_revisions").first?.first ?? "") ?? -1
    }

    func testSetUpFromNothingThenACitizenBooksIt() throws {
        let empty = try send("GET", "/api/v1/admin/catalogue")
        XCTAssertEqual(empty.status, 200, empty.text)
        XCTAssertEqual((empty.object["offices"] as? [Any])?.count, 0, "--no-demo starts empty: \(empty.text)")

        let created = try send("POST", "/api/v1/admin/municipalities", Self.municipality, as: admin + [("Idempotency-Key", "musterstadt-1")])
        XCTAssertEqual(created.status, 201, created.text)
        let item = try XCTUnwrap(created.object["item"] as? [String: Any], created.text)
        XCTAssertEqual(item["id"] as? String, "musterstadt")
        XCTAssertEqual(item["name"] as? String, "Musterstadt")
        XCTAssertEqual((created.object["changes"] as? [[String: Any]])?.map { "\($0["action"]!) \($0["subject"]!) \($0["id"]!)" },
                       ["added municipality musterstadt"])
        let replayed = try send("POST", "/api/v1/admin/municipalities", Self.municipality, as: admin + [("Idempotency-Key", "musterstadt-1")])
        XCTAssertEqual(replayed.status, 201, "a retry answers the first time: \(replayed.text)")
        XCTAssertEqual(replayed.object["revisionId"] as? Int, created.object["revisionId"] as? Int)
        let reused = try send("POST", "/api/v1/admin/municipalities", ["id": "anderswo", "name": "Anderswo"],
                              as: admin + [("Idempotency-Key", "musterstadt-1")])
        assertProblem(reused, 422, type: "idempotency-conflict", "the key with another body")
        assertProblem(try send("POST", "/api/v1/admin/municipalities", Self.municipality), 409, type: "conflict", "the id exists")
        XCTAssertEqual(try revisions(), 1, "one revision for the three posts of one municipality")

        for (path, body) in [("/api/v1/admin/offices", Self.office("buergeramt")),
                             ("/api/v1/admin/services", Self.service("ausweis", at: ["buergeramt"])),
                             ("/api/v1/admin/offices/buergeramt/rules", Self.rule("werktags"))] {
            let added = try send("POST", path, body)
            XCTAssertEqual(added.status, 201, "\(path): \(added.text)")
        }
        let service = try send("GET", "/api/v1/admin/services/ausweis")
        XCTAssertEqual((service.object["offices"] as? [[String: Any]])?.first?["office"] as? String, "buergeramt", service.text)
        XCTAssertEqual((service.object["offices"] as? [[String: Any]])?.first?["channels"] as? [String], ["desk", "online", "phone"])

        let start = try XCTUnwrap(client.slotStarts(office: "buergeramt", date: tuesday, service: "ausweis").first, "the new hours are bookable")
        XCTAssertEqual(start, DemoServer.instant(tuesday, "08:00"))
        let code = try book(start, 1)
        let schedule = try client.get("/api/v1/offices/buergeramt/schedule?date=\(tuesday)", headers: admin)
        XCTAssertEqual(schedule.status, 200, schedule.text)
        XCTAssertEqual((schedule.object["appointments"] as? [[String: Any]])?.compactMap { $0["code"] as? String }, [code])

        let audit = try send("GET", "/api/v1/admin/audit")
        let entries = try XCTUnwrap(audit.object["entries"] as? [[String: Any]], audit.text)
        XCTAssertEqual(entries.filter { $0["kind"] as? String == "catalogue" }.map { entry in
            (entry["changes"] as? [[String: Any]] ?? []).compactMap { $0["subject"] as? String }.sorted().joined(separator: "+")
        }, ["opening rule", "offering+service", "office", "municipality"], "the catalogue's revisions, newest first")
        XCTAssertTrue(entries.allSatisfy { $0["kind"] as? String != "catalogue" || $0["by"] as? String == "ops" })
        let account = try XCTUnwrap(entries.first { $0["kind"] as? String == "account" })
        XCTAssertEqual(account["username"] as? String, "ops")
        XCTAssertEqual(account["action"] as? String, "created")
        XCTAssertEqual(account["source"] as? String, "commandLine")
    }

    /// Fewer hours under bookings: the preview names the bookings it would
    /// strand and writes nothing; saving lists them to contact, keeps them all.
    func testFewerHoursUnderBookingsArePreviewedThenListedToContact() throws {
        try setUpMusterstadt()
        let kept = try book(DemoServer.instant(tuesday, "08:30"), 1)
        let late = [try book(DemoServer.instant(tuesday, "11:00"), 2), try book(DemoServer.instant(tuesday, "11:30"), 3)]
        let before = try revisions()
        let shorter = Self.rule("werktags", until: "10:00")

        let preview = try send("PUT", "/api/v1/admin/offices/buergeramt/rules/werktags?preview=true&weekFrom=\(monday)", shorter)
        XCTAssertEqual(preview.status, 200, preview.text)
        XCTAssertEqual(Set(strandedCodes(preview)), Set(late))
        XCTAssertNil(preview.object["revisionId"], "a preview saves no revision")
        let fields = (preview.object["changes"] as? [[String: Any]])?.first?["fields"] as? [String] ?? []
        // The seam names the field inside the band too (`band.end.minutesSinceMidnight`): its first part is the rule's.
        XCTAssertEqual(fields.compactMap { $0.split(separator: ".").first.map(String.init) }, ["band"], "the rule's own field that changed")
        let days = try XCTUnwrap((preview.object["week"] as? [String: Any])?["days"] as? [[String: Any]], preview.text)
        XCTAssertEqual(days.count, 7)
        let band = try XCTUnwrap((days[1]["bands"] as? [[String: Any]])?.first, "Tuesday")
        XCTAssertEqual(days[1]["date"] as? String, tuesday)
        XCTAssertEqual(band["end"] as? String, "10:00")
        XCTAssertEqual(band["slots"] as? Int, 8)
        XCTAssertEqual(band["bookable"] as? Int, 8)
        XCTAssertEqual((days[5]["bands"] as? [[String: Any]])?.count, 0, "Saturday")
        XCTAssertEqual(try revisions(), before, "nothing written")
        XCTAssertEqual((try send("GET", "/api/v1/admin/offices/buergeramt/rules/werktags").object["band"] as? [String: String])?["end"], "12:00")
        XCTAssertEqual(try affected().count, 0)

        let saved = try send("PUT", "/api/v1/admin/offices/buergeramt/rules/werktags", shorter)
        XCTAssertEqual(saved.status, 200, saved.text)
        XCTAssertEqual(Set(strandedCodes(saved)), Set(late))
        XCTAssertEqual((saved.object["item"] as? [String: Any])?["band"] as? [String: String], ["start": "08:00", "end": "10:00"])
        let listed = try affected()
        XCTAssertEqual(Set(listed.compactMap { ($0["booking"] as? [String: Any])?["code"] as? String }), Set(late))
        XCTAssertEqual(Set(listed.compactMap { ($0["change"] as? [String: Any])?["kind"] as? String }), ["catalogue"])
        for code in [kept] + late {
            let booking = try client.get("/api/v1/bookings/\(code)", headers: admin)
            XCTAssertEqual(booking.object["status"] as? String, "confirmed", "none dropped: \(code)")
        }
        XCTAssertEqual(try sqliteRows(server.databasePath, "SELECT count(*) FROM slot_usage WHERE booked > total"), [["0"]])
        assertProblem(try send("DELETE", "/api/v1/admin/services/ausweis"), 409, type: "conflict", "bookings name it")
        assertProblem(try send("DELETE", "/api/v1/admin/services/ausweis?preview=true"), 409, type: "conflict", "in a preview too")
    }

    func strandedCodes(_ response: RawClient.Response) -> [String] {
        (response.object["stranded"] as? [[String: Any]] ?? []).compactMap { ($0["booking"] as? [String: Any])?["code"] as? String }
    }

    func affected() throws -> [[String: Any]] {
        let response = try client.get("/api/v1/offices/buergeramt/affected-bookings", headers: admin)
        XCTAssertEqual(response.status, 200, response.text)
        return response.object["affectedBookings"] as? [[String: Any]] ?? []
    }

    /// Each bad body is 422 naming every wrong field by its path in the
    /// item (as the catalogue file names it); nothing is written.
    func testBadBodiesNameTheirFields() throws {
        try setUpMusterstadt()
        let before = try revisions()
        var office = Self.office("zweitamt")
        office["rules"] = [Any]()
        var backwards = Self.rule("spaet")
        backwards["band"] = ["start": "12:00", "end": "08:00"]
        var uneven = Self.rule("krumm", until: "08:50")
        uneven["counters"] = "zwei"
        var overlapping = Self.rule("doppelt")
        overlapping["walkInReserve"] = ["share": 2]
        let cases: [(String, String, String, Any, [String])] = [
            ("unknown key", "POST", "/api/v1/admin/municipalities", ["id": "neu", "name": "Neu", "colour": "rot"], ["colour"]),
            ("wrong types", "POST", "/api/v1/admin/municipalities", ["id": 7, "name": ""], ["id", "name"]),
            ("office with its rules", "POST", "/api/v1/admin/offices", office, ["rules"]),
            ("office in no municipality", "POST", "/api/v1/admin/offices", Self.office("drittamt", in: "nirgendwo"), ["municipality"]),
            ("a band ending before it starts", "POST", "/api/v1/admin/offices/buergeramt/rules", backwards, ["band"]),
            ("counters not a number", "POST", "/api/v1/admin/offices/buergeramt/rules", uneven, ["counters"]),
            ("walk-in share out of range, overlapping", "POST", "/api/v1/admin/offices/buergeramt/rules", overlapping, ["walkInReserve"]),
            ("offered at no office", "POST", "/api/v1/admin/services", Self.service("pass", at: ["nirgendwo"]), ["offices"]),
            ("offered twice", "POST", "/api/v1/admin/services", Self.service("pass", at: ["buergeramt", "buergeramt"]), ["offices"]),
            ("another id than the address", "PUT", "/api/v1/admin/offices/buergeramt/rules/werktags", Self.rule("anders"), ["id"]),
            ("closure through before from", "POST", "/api/v1/admin/offices/buergeramt/closures",
             ["id": "rueckwaerts", "from": tuesday, "through": monday, "reason": "Betriebsausflug"], ["through"]),
            ("a whole catalogue without version", "PUT", "/api/v1/admin/catalogue", ["municipalities": [Any]()], ["version"]),
        ]
        for (label, method, path, body, fields) in cases {
            let response = try send(method, path, body)
            assertProblem(response, 422, type: "invalid-values", label)
            let named = (response.object["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            XCTAssertTrue(Set(fields).isSubset(of: named), "\(label): \(named) should name \(fields): \(response.text)")
        }
        let broken = try client.send("POST", "/api/v1/admin/municipalities", body: Array("{\"id\":".utf8),
                                     headers: admin + [("Content-Type", "application/json")])
        assertProblem(broken, 400, type: "malformed-request", "not JSON")
        assertProblem(try send("GET", "/api/v1/admin/offices/nirgendwo/rules"), 404, "no such office")
        assertProblem(try send("DELETE", "/api/v1/admin/offices/buergeramt/closures/keine"), 404, "no such closure")
        assertProblem(try send("POST", "/api/v1/admin/offices/nirgendwo/closures", ["id": "zu", "from": tuesday, "reason": "Zu"]), 404,
                      "a closure at no office")
        assertProblem(try send("PUT", "/api/v1/admin/offices/buergeramt/rules/werktags?preview=vielleicht", Self.rule("werktags")), 422,
                      field: "preview")
        XCTAssertEqual(try revisions(), before, "nothing written")
    }

    // MARK: Role boundaries

    enum Who: String, CaseIterable {
        case anonymous, agent, staff, admin, scoped, scopedOutside
    }

    /// One route's call for each caller (the scoped admin's own
    /// municipality, or another one for `scopedOutside`) and what each gets.
    struct Rule {
        let expected: [Who: Int]
        let call: (Who) -> (path: String, body: Any?)
    }

    /// Two municipalities: Musterstadt (the Bürgeramt with its rule and
    /// closure, an Außenstelle, the service `kfz` of its own) and
    /// Nachbarort (the Rathaus, its service `gewerbe`); `ausweis` is
    /// offered in both. Leerdorf and Öde, empty, to remove. The scoped admin is
    /// Musterstadt's and Leerdorf's; the clerk and the agent Musterstadt's.
    func setUpTwoMunicipalities() throws -> [String: Any] {
        let closure: [String: Any] = ["id": "inventur", "from": tuesday, "reason": "Inventur"]
        var buergeramt = Self.office("buergeramt")
        buergeramt["services"] = [["service": "ausweis"], ["service": "kfz"]]
        buergeramt["rules"] = [Self.rule("werktags")]
        buergeramt["closures"] = [closure]
        var rathaus = Self.office("rathaus", in: "nachbarort")
        rathaus["services"] = [["service": "ausweis"], ["service": "gewerbe"]]
        rathaus["rules"] = [Self.rule("rathaus-werktags")]
        rathaus["closures"] = [["id": "rathaus-inventur", "from": tuesday, "reason": "Inventur"]]
        var aussenstelle = Self.office("aussenstelle")
        aussenstelle["services"] = [["service": "kfz"]]
        let file: [String: Any] = [
            "version": 1,
            "municipalities": [Self.municipality, ["id": "nachbarort", "name": "Nachbarort"], ["id": "leerdorf", "name": "Leerdorf"],
                               ["id": "oede", "name": "Öde"]],
            "services": ["ausweis", "kfz", "gewerbe"].map { ["id": $0, "name": $0, "baseMinutes": 15] },
            "offices": [buergeramt, rathaus, aussenstelle],
        ]
        let replaced = try send("PUT", "/api/v1/admin/catalogue", file)
        XCTAssertEqual(replaced.status, 200, replaced.text)
        try addAccount("ms-admin", ["--role", "admin", "--municipality", "musterstadt", "--municipality", "leerdorf"])
        try addAccount("ms-staff", ["--role", "staff", "--office", "buergeramt"])
        try addAccount("ms-agent", ["--role", "agent", "--municipality", "musterstadt"])
        return file
    }

    /// What each caller gets: signed out 401, agents and staff 403, the
    /// unscoped admin `admin`, the scoped one `scoped` at home and
    /// `outside` in Nachbarort.
    static func expect(admin: Int = 200, scoped: Int = 200, outside: Int = 404) -> [Who: Int] {
        [.anonymous: 401, .agent: 403, .staff: 403, .admin: admin, .scoped: scoped, .scopedOutside: outside]
    }

    /// Every change is a preview (`?preview=true`): the same checks as a
    /// save, and nothing written, so each row sees the same catalogue.
    func rules(file: [String: Any]) -> [String: Rule] {
        var rule = Self.rule("neu-regel")
        rule["weekdays"] = ["saturday"]
        let closure: [String: Any] = ["id": "neu-zu", "from": tuesday, "reason": "Zu"]
        func at(_ inside: String, _ outside: String, _ body: Any? = nil) -> (Who) -> (path: String, body: Any?) {
            { who in (who == .scopedOutside ? outside : inside, body) }
        }
        func perOffice(_ suffix: String) -> (String, String) {
            ("/api/v1/admin/offices/buergeramt/\(suffix)", "/api/v1/admin/offices/rathaus/\(suffix)")
        }
        let (rules, rathausRules) = perOffice("rules")
        let (closures, rathausClosures) = perOffice("closures")
        let preview = "?preview=true"
        return [
            "GET /api/v1/admin/catalogue": Rule(expected: Self.expect(outside: 200), call: at("/api/v1/admin/catalogue", "/api/v1/admin/catalogue")),
            "PUT /api/v1/admin/catalogue": Rule(expected: Self.expect(scoped: 403, outside: 403),
                                                call: at("/api/v1/admin/catalogue" + preview, "/api/v1/admin/catalogue" + preview, file)),
            "GET /api/v1/admin/audit": Rule(expected: Self.expect(outside: 200), call: at("/api/v1/admin/audit", "/api/v1/admin/audit")),
            "GET /api/v1/admin/municipalities": Rule(expected: Self.expect(outside: 200),
                                                     call: at("/api/v1/admin/municipalities", "/api/v1/admin/municipalities")),
            // Adding or removing a municipality is the unscoped admin's.
            "POST /api/v1/admin/municipalities": Rule(expected: Self.expect(scoped: 403, outside: 403),
                                                      call: at("/api/v1/admin/municipalities" + preview, "/api/v1/admin/municipalities" + preview,
                                                               ["id": "neustadt", "name": "Neustadt"])),
            "GET /api/v1/admin/municipalities/:municipalityId": Rule(expected: Self.expect(),
                                                                     call: at("/api/v1/admin/municipalities/musterstadt", "/api/v1/admin/municipalities/nachbarort")),
            "PUT /api/v1/admin/municipalities/:municipalityId": Rule(expected: Self.expect(), call: { who in
                let id = who == .scopedOutside ? "nachbarort" : "musterstadt"
                return ("/api/v1/admin/municipalities/\(id)" + preview, ["id": id, "name": "Neuer Name"])
            }),
            // Empty Öde for the unscoped admin; the scoped one's own Leerdorf is still not its to remove.
            "DELETE /api/v1/admin/municipalities/:municipalityId": Rule(expected: Self.expect(scoped: 403), call: { who in
                let id = ["oede", "leerdorf", "nachbarort"][who == .scopedOutside ? 2 : who == .scoped ? 1 : 0]
                return ("/api/v1/admin/municipalities/\(id)" + preview, nil)
            }),
            "GET /api/v1/admin/services": Rule(expected: Self.expect(outside: 200), call: at("/api/v1/admin/services", "/api/v1/admin/services")),
            // A new service offered at the Rathaus: a change in Nachbarort.
            "POST /api/v1/admin/services": Rule(expected: Self.expect(outside: 403), call: { who in
                ("/api/v1/admin/services" + preview, Self.service("neu", at: [who == .scopedOutside ? "rathaus" : "buergeramt"]))
            }),
            // `ausweis` is shared: seen by the scoped admin, changed only by the unscoped one.
            "GET /api/v1/admin/services/:serviceId": Rule(expected: Self.expect(outside: 200),
                                                          call: at("/api/v1/admin/services/kfz", "/api/v1/admin/services/ausweis")),
            "PUT /api/v1/admin/services/:serviceId": Rule(expected: Self.expect(outside: 403), call: { who in
                let id = who == .scopedOutside ? "ausweis" : "kfz"
                return ("/api/v1/admin/services/\(id)" + preview, Self.service(id, at: ["buergeramt"]))
            }),
            "DELETE /api/v1/admin/services/:serviceId": Rule(expected: Self.expect(),
                                                             call: at("/api/v1/admin/services/kfz" + preview, "/api/v1/admin/services/gewerbe" + preview)),
            "GET /api/v1/admin/offices": Rule(expected: Self.expect(outside: 200), call: at("/api/v1/admin/offices", "/api/v1/admin/offices")),
            "POST /api/v1/admin/offices": Rule(expected: Self.expect(outside: 403), call: { who in
                ("/api/v1/admin/offices" + preview, Self.office("neuamt", in: who == .scopedOutside ? "nachbarort" : "musterstadt"))
            }),
            "GET /api/v1/admin/offices/:officeId": Rule(expected: Self.expect(),
                                                        call: at("/api/v1/admin/offices/buergeramt", "/api/v1/admin/offices/rathaus")),
            "PUT /api/v1/admin/offices/:officeId": Rule(expected: Self.expect(), call: { who in
                let id = who == .scopedOutside ? "rathaus" : "buergeramt"
                return ("/api/v1/admin/offices/\(id)" + preview, Self.office(id, in: who == .scopedOutside ? "nachbarort" : "musterstadt"))
            }),
            "DELETE /api/v1/admin/offices/:officeId": Rule(expected: Self.expect(),
                                                           call: at("/api/v1/admin/offices/aussenstelle" + preview, "/api/v1/admin/offices/rathaus" + preview)),
            "GET /api/v1/admin/offices/:officeId/rules": Rule(expected: Self.expect(), call: at(rules, rathausRules)),
            "POST /api/v1/admin/offices/:officeId/rules": Rule(expected: Self.expect(),
                                                               call: at(rules + preview, rathausRules + preview, rule)),
            "GET /api/v1/admin/offices/:officeId/rules/:ruleId": Rule(expected: Self.expect(),
                                                                      call: at(rules + "/werktags", rathausRules + "/rathaus-werktags")),
            "PUT /api/v1/admin/offices/:officeId/rules/:ruleId": Rule(expected: Self.expect(), call: { who in
                let id = who == .scopedOutside ? "rathaus-werktags" : "werktags"
                return ((who == .scopedOutside ? rathausRules : rules) + "/\(id)" + preview, Self.rule(id, until: "11:00"))
            }),
            "DELETE /api/v1/admin/offices/:officeId/rules/:ruleId": Rule(expected: Self.expect(),
                                                                         call: at(rules + "/werktags" + preview, rathausRules + "/rathaus-werktags" + preview)),
            "GET /api/v1/admin/offices/:officeId/closures": Rule(expected: Self.expect(), call: at(closures, rathausClosures)),
            "POST /api/v1/admin/offices/:officeId/closures": Rule(expected: Self.expect(),
                                                                  call: at(closures + preview, rathausClosures + preview, closure)),
            "GET /api/v1/admin/offices/:officeId/closures/:closureId": Rule(expected: Self.expect(),
                                                                            call: at(closures + "/inventur", rathausClosures + "/rathaus-inventur")),
            "PUT /api/v1/admin/offices/:officeId/closures/:closureId": Rule(expected: Self.expect(), call: { [tuesday] who in
                let id = who == .scopedOutside ? "rathaus-inventur" : "inventur"
                return ((who == .scopedOutside ? rathausClosures : closures) + "/\(id)" + preview, ["id": id, "from": tuesday, "reason": "Umzug"])
            }),
            "DELETE /api/v1/admin/offices/:officeId/closures/:closureId": Rule(expected: Self.expect(),
                                                                               call: at(closures + "/inventur" + preview, rathausClosures + "/rathaus-inventur" + preview)),
        ]
    }

    /// Every catalogue route of the route table has a row: a new one
    /// without its row fails here, so it cannot be forgotten.
    func testEveryCatalogueRouteChecksItsRoleAndReach() throws {
        let file = try setUpTwoMunicipalities()
        let sessions: [Who: [(String, String)]] = [
            .anonymous: [], .agent: try signIn("ms-agent"), .staff: try signIn("ms-staff"), .admin: admin,
            .scoped: try signIn("ms-admin"), .scopedOutside: try signIn("ms-admin"),
        ]
        let routes = try RoleBoundaryTests.apiRoutes().filter { $0.contains(" /api/v1/admin/") && !$0.contains("/admin/accounts") }
        let rules = rules(file: file)
        XCTAssertEqual(Set(routes), Set(rules.keys), "a row for every catalogue route, and no row for a route that is not there")
        let revisionsBefore = try revisions()
        for (route, rule) in rules.sorted(by: { $0.key < $1.key }) {
            let method = String(route.split(separator: " ")[0])
            for who in Who.allCases {
                let (path, body) = rule.call(who)
                let response = try send(method, path, body, as: sessions[who]!)
                let expected = rule.expected[who]!
                XCTAssertEqual(response.status, expected, "\(route) as \(who.rawValue): \(response.text.prefix(300))")
                if expected >= 400 && response.status == expected { assertProblem(response, expected, "\(route) as \(who.rawValue)") }
            }
        }
        XCTAssertEqual(try revisions(), revisionsBefore, "previews write nothing")
        let saved = try send("PUT", "/api/v1/admin/offices/buergeramt/rules/werktags", Self.rule("werktags", until: "11:00"),
                             as: sessions[.scoped]!)
        XCTAssertEqual(saved.status, 200, "the scoped admin saves at home: \(saved.text)")
        let trail = try send("GET", "/api/v1/admin/audit", as: sessions[.scoped]!)
        let catalogue = (trail.object["entries"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "catalogue" }
        XCTAssertEqual(catalogue.first?["by"] as? String, "ms-admin")
        XCTAssertTrue(catalogue.allSatisfy { entry in
            (entry["changes"] as? [[String: Any]] ?? []).allSatisfy { $0["municipalityId"] as? String == "musterstadt" }
        }, "the scoped admin reads Musterstadt's part of the trail: \(trail.text.prefix(600))")
    }
}
