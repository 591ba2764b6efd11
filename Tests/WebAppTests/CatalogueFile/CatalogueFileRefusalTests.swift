import Core
import Scheduling
import WebApp
import XCTest

/// Bad catalogue files, each refused whole with exactly the problems it
/// has, as `path: message`. Every case changes one thing of a file that
/// `testTheBaseFileIsValid` shows is good on its own.
final class CatalogueFileRefusalTests: XCTestCase {
    // MARK: The good file the cases spoil

    static func file(_ extra: [String: JSONValue] = [:], municipalities: [JSONValue]? = nil, services: [JSONValue]? = nil,
                     offices: [JSONValue]? = nil, removing: [String] = []) -> JSONValue {
        merged(["version": 1, "municipalities": .array(municipalities ?? [municipality()]),
                "services": .array(services ?? [service()]), "offices": .array(offices ?? [office()])], extra, removing)
    }

    static func municipality(_ extra: [String: JSONValue] = [:]) -> JSONValue {
        merged(["id": "bremerhaven", "name": "Bremerhaven"], extra)
    }

    static func service(_ extra: [String: JSONValue] = [:]) -> JSONValue {
        merged(["id": "personalausweis", "name": "Personalausweis", "baseMinutes": 20], extra)
    }

    static func office(_ extra: [String: JSONValue] = [:], rules: [JSONValue]? = nil, closures: [JSONValue]? = nil) -> JSONValue {
        merged(["id": "mitte", "municipality": "bremerhaven", "name": "Bürgerbüro Mitte", "kind": "citizensOffice",
                "address": ["street": "Hinrich-Schmalfeldt-Straße 1", "postalCode": "27576", "city": "Bremerhaven"],
                "land": "HB", "services": [["service": "personalausweis"]],
                "rules": .array(rules ?? [rule()]), "closures": .array(closures ?? [closure()])], extra)
    }

    static func rule(_ extra: [String: JSONValue] = [:], removing: [String] = []) -> JSONValue {
        merged(["id": "mo-vormittag", "weekdays": ["monday"], "band": ["start": "08:00", "end": "12:00"],
                "validFrom": "2026-11-02", "counters": 3, "slotMinutes": 15], extra, removing)
    }

    /// A municipality's legal contact with every key, the officer's name too.
    static func contact(_ extra: [String: JSONValue] = [:], removing: [String] = []) -> JSONValue {
        merged(["operator": "Magistrat der Stadt Bremerhaven",
                "address": ["street": "Hinrich-Schmalfeldt-Straße 1", "postalCode": "27576", "city": "Bremerhaven"],
                "email": "buergerbuero@magistrat.bremerhaven.de",
                "privacyOfficer": ["name": "Erika Mustermann", "email": "datenschutz@magistrat.bremerhaven.de"]], extra, removing)
    }

    static func closure(_ extra: [String: JSONValue] = [:]) -> JSONValue {
        merged(["id": "betriebsausflug", "from": "2026-12-02", "reason": "Betriebsausflug"], extra)
    }

    private static func merged(_ base: [String: JSONValue], _ extra: [String: JSONValue], _ removing: [String] = []) -> JSONValue {
        var object = JSONObject(base.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        for (key, value) in extra.sorted(by: { $0.key < $1.key }) { object[key] = value }
        for key in removing { object[key] = nil }
        return .object(object)
    }

    // MARK: Cases

    struct Case {
        let name: String
        let file: JSONValue
        let problems: [String]
    }

    static let nord: [String: JSONValue] = ["id": "nord", "name": "Bürgerbüro Nord"]

    static let cases: [Case] = [
        Case(name: "unknown key at the top", file: file(["colour": "blue"]), problems: ["colour: is not a known key"]),
        Case(name: "unknown key of an office", file: file(offices: [office(["colour": "blue"])]),
             problems: ["offices[0].colour: is not a known key"]),
        Case(name: "a translation into a language the pages do not speak",
             file: file(services: [service(["translations": ["fr": ["name": "Carte d'identité"]]])]),
             problems: ["services[0].translations.fr: is not a known key"]),
        Case(name: "an English documents list that is no list",
             file: file(services: [service(["translations": ["en": ["documents": "passport"]]])]),
             problems: ["services[0].translations.en.documents: must be an array, not a string"]),
        Case(name: "misspelt key of a rule", file: file(offices: [office(rules: [rule(["slotMinute": 15], removing: ["slotMinutes"])])]),
             problems: ["offices[0].rules[0].slotMinute: is not a known key", "offices[0].rules[0].slotMinutes: is required"]),
        Case(name: "no version", file: file(removing: ["version"]), problems: ["version: is required"]),
        Case(name: "another version", file: file(["version": 2]), problems: ["version: must be 1"]),
        Case(name: "not an object", file: ["offices"], problems: ["must be a JSON object, not an array"]),
        Case(name: "name of the wrong type", file: file(offices: [office(["name": 5])]),
             problems: ["offices[0].name: must be a string, not an integer"]),
        Case(name: "counters as text", file: file(offices: [office(rules: [rule(["counters": "3"])])]),
             problems: ["offices[0].rules[0].counters: must be an integer, not a string"]),
        Case(name: "rules not a list", file: file(offices: [office(["rules": ["id": "x"]])]),
             problems: ["offices[0].rules: must be an array, not an object"]),
        Case(name: "overlapping rules",
             file: file(offices: [office(rules: [rule(), rule(["id": "mo-mittag", "band": ["start": "11:00", "end": "13:00"]])])]),
             problems: ["offices[0].rules[0]: overlaps rule mo-mittag, first on 2026-11-02",
                        "offices[0].rules[1]: overlaps rule mo-vormittag, first on 2026-11-02"]),
        Case(name: "band ending before it starts", file: file(offices: [office(rules: [rule(["band": ["start": "12:00", "end": "08:00"]])])]),
             problems: ["offices[0].rules[0].band: ends before it starts"]),
        Case(name: "empty band", file: file(offices: [office(rules: [rule(["band": ["start": "08:00", "end": "08:00"]])])]),
             problems: ["offices[0].rules[0].band: ends before it starts"]),
        Case(name: "band with no time", file: file(offices: [office(rules: [rule(["band": ["start": "08:00", "end": "25:00"]])])]),
             problems: ["offices[0].rules[0].band.end: must be a time like 12:00"]),
        Case(name: "slot minutes not dividing the band", file: file(offices: [office(rules: [rule(["slotMinutes": 25])])]),
             problems: ["offices[0].rules[0].slotMinutes: does not divide the band"]),
        Case(name: "slot longer than the band", file: file(offices: [office(rules: [rule(["slotMinutes": 300])])]),
             problems: ["offices[0].rules[0].slotMinutes: is longer than the band"]),
        Case(name: "slot of no minutes", file: file(offices: [office(rules: [rule(["slotMinutes": 0])])]),
             problems: ["offices[0].rules[0].slotMinutes: must be positive"]),
        Case(name: "walk-in share above 1", file: file(offices: [office(rules: [rule(["walkInReserve": ["share": 1.5]])])]),
             problems: ["offices[0].rules[0].walkInReserve: must be a share from 0 to 1 or from 0 to the counters"]),
        Case(name: "more walk-in counters than counters", file: file(offices: [office(rules: [rule(["walkInReserve": ["counters": 4]])])]),
             problems: ["offices[0].rules[0].walkInReserve: must be a share from 0 to 1 or from 0 to the counters"]),
        Case(name: "walk-in share and counters at once",
             file: file(offices: [office(rules: [rule(["walkInReserve": ["share": 0.5, "counters": 1]])])]),
             problems: ["offices[0].rules[0].walkInReserve: must have exactly one of share and counters"]),
        Case(name: "phone reserve beyond the bookable counters", file: file(offices: [office(rules: [rule(["phoneReserve": 4])])]),
             problems: ["offices[0].rules[0].phoneReserve: must be from 0 to the bookable counters"]),
        Case(name: "no counters", file: file(offices: [office(rules: [rule(["counters": 0])])]),
             problems: ["offices[0].rules[0].counters: must be positive"]),
        Case(name: "unknown Land", file: file(offices: [office(["land": "XX"])]),
             problems: ["offices[0].land: is no Land code (BW, BY, BE, … TH)"]),
        Case(name: "unknown time zone", file: file(offices: [office(["timeZone": "Mars/Olympus"])]),
             problems: ["offices[0].timeZone: is no time zone Terminbuch knows (\"Mars/Olympus\")"]),
        Case(name: "unknown office kind", file: file(offices: [office(["kind": "townHall"])]),
             problems: ["offices[0].kind: must be one of citizensOffice, vehicleRegistration, drivingLicence, mobile"]),
        Case(name: "duplicate office id", file: file(offices: [office(), office(rules: [], closures: [])]),
             problems: ["offices[1].id: repeats the id \"mitte\""]),
        Case(name: "duplicate service id", file: file(services: [service(), service(["name": "Personalausweis (vorläufig)"])]),
             problems: ["services[1].id: repeats the id \"personalausweis\""]),
        Case(name: "duplicate municipality id", file: file(municipalities: [municipality(), municipality()]),
             problems: ["municipalities[1].id: repeats the id \"bremerhaven\""]),
        Case(name: "a rule id of another office", file: file(offices: [office(), office(nord, closures: [])]),
             problems: ["offices[1].rules[0].id: repeats the id \"mo-vormittag\""]),
        Case(name: "a closure id of another office", file: file(offices: [office(), office(nord, rules: [])]),
             problems: ["offices[1].closures[0].id: repeats the id \"betriebsausflug\""]),
        Case(name: "a service offered by no office", file: file(services: [service(), service(["id": "reisepass", "name": "Reisepass"])]),
             problems: ["services[1]: is offered by no office"]),
        Case(name: "an offering naming no service",
             file: file(offices: [office(["services": [["service": "personalausweis"], ["service": "fuehrerschein"]]])]),
             problems: ["offices[0].services[1].service: names no service of the file (\"fuehrerschein\")"]),
        Case(name: "a service offered twice", file: file(offices: [office(["services": [["service": "personalausweis"],
                                                                                        ["service": "personalausweis"]]])]),
             problems: ["offices[0].services[1].service: repeats the service \"personalausweis\""]),
        Case(name: "an unknown channel", file: file(offices: [office(["services": [["service": "personalausweis", "channels": ["fax"]]]])]),
             problems: ["offices[0].services[0].channels[0]: must be online, phone or desk"]),
        Case(name: "a municipality not in the file", file: file(offices: [office(["municipality": "bremen"])]),
             problems: ["offices[0].municipality: names no municipality of the file (\"bremen\")"]),
        Case(name: "closure dates out of order", file: file(offices: [office(closures: [closure(["through": "2026-12-01"])])]),
             problems: ["offices[0].closures[0].through: is before from"]),
        Case(name: "a closure on no date", file: file(offices: [office(closures: [closure(["from": "2026-02-30"])])]),
             problems: ["offices[0].closures[0].from: must be a date like 2026-12-01"]),
        Case(name: "a closure band ending before it starts",
             file: file(offices: [office(closures: [closure(["band": ["start": "14:00", "end": "10:00"]])])]),
             problems: ["offices[0].closures[0].band: ends before it starts"]),
        Case(name: "rule dates out of order", file: file(offices: [office(rules: [rule(["validUntil": "2026-10-31"])])]),
             problems: ["offices[0].rules[0].validUntil: is before validFrom"]),
        Case(name: "a weekday in German", file: file(offices: [office(rules: [rule(["weekdays": ["montag"]])])]),
             problems: ["offices[0].rules[0].weekdays[0]: must be a weekday in English, like monday"]),
        Case(name: "no weekday", file: file(offices: [office(rules: [rule(["weekdays": []])])]),
             problems: ["offices[0].rules[0].weekdays: names no weekday"]),
        Case(name: "a cycle without its first week", file: file(offices: [office(rules: [rule(["repeatEveryWeeks": 2], removing: ["validFrom"])])]),
             problems: ["offices[0].rules[0].validFrom: is required when the rule repeats every few weeks: it is the week the cycle counts from"]),
        Case(name: "an id with spaces", file: file(offices: [office(["id": "Mitte Büro"])]),
             problems: ["offices[0].id: must be 1 to 64 lowercase letters, digits or '-'"]),
        Case(name: "a service of no minutes", file: file(services: [service(["baseMinutes": 0])]),
             problems: ["services[0].baseMinutes: must be from 1 to 1440"]),
        Case(name: "a fee in fractions of a cent", file: file(services: [service(["feeCents": 12.5])]),
             problems: ["services[0].feeCents: must be a whole number from 0 to 10000000"]),
        Case(name: "a release time that is no time", file: file(offices: [office(["policy": ["releaseTime": "7 Uhr"]])]),
             problems: ["offices[0].policy.releaseTime: must be a time like 07:00"]),
        Case(name: "the double opt-in's time and the reminder's out of range, the switch no boolean",
             file: file(offices: [office(["policy": ["confirmationRequired": "yes", "confirmationMinutes": 0, "reminderHours": 169]])]),
             problems: ["offices[0].policy.confirmationRequired: must be true or false, not a string",
                        "offices[0].policy.confirmationMinutes: must be from 1 to 1440",
                        "offices[0].policy.reminderHours: must be from 0 to 168"]),
        Case(name: "a day and more to confirm, a reminder before the time", file: file(offices: [office(["policy": [
                 "confirmationMinutes": 1441, "reminderHours": -1]])]),
             problems: ["offices[0].policy.confirmationMinutes: must be from 1 to 1440",
                        "offices[0].policy.reminderHours: must be from 0 to 168"]),
        Case(name: "a rule's location without its address",
             file: file(offices: [office(rules: [rule(["location": ["name": "Stadtbibliothek Leherheide"]])])]),
             problems: ["offices[0].rules[0].location.address: is required"]),
        Case(name: "a rule's location with a blank city",
             file: file(offices: [office(rules: [rule(["location": ["name": "Stadtbibliothek Leherheide",
                                                                    "address": ["street": "Am Leher Markt 1", "postalCode": "27578",
                                                                                "city": " "]]])])]),
             problems: ["offices[0].rules[0].location: needs a name, street, postal code and city, none of them blank"]),
        Case(name: "a rule's location that is a string", file: file(offices: [office(rules: [rule(["location": "Bibliothek"])])]),
             problems: ["offices[0].rules[0].location: must be an object, not a string"]),
        Case(name: "a LeiKa key one digit short", file: file(services: [service(["leikaKey": "9912345676000"])]),
             problems: ["services[0].leikaKey: must be the 14 digits of a FIM/LeiKa service key"]),
        Case(name: "a LeiKa key with a letter", file: file(services: [service(["leikaKey": "99123456760O00"])]),
             problems: ["services[0].leikaKey: must be the 14 digits of a FIM/LeiKa service key"]),
        Case(name: "a LeiKa key as a number", file: file(services: [service(["leikaKey": 99123456760000])]),
             problems: ["services[0].leikaKey: must be a string, not an integer"]),
        Case(name: "personal data kept no day", file: file(municipalities: [municipality(["retentionDays": 0])]),
             problems: ["municipalities[0].retentionDays: must be from 1 to 365"]),
        Case(name: "personal data kept over a year", file: file(municipalities: [municipality(["retentionDays": 400])]),
             problems: ["municipalities[0].retentionDays: must be from 1 to 365"]),
        Case(name: "a contact without its privacy officer",
             file: file(municipalities: [municipality(["contact": contact(removing: ["privacyOfficer"])])]),
             problems: ["municipalities[0].contact.privacyOfficer: is required"]),
        Case(name: "a contact without its operator", file: file(municipalities: [municipality(["contact": contact(removing: ["operator"])])]),
             problems: ["municipalities[0].contact.operator: is required"]),
        Case(name: "a contact with a telephone", file: file(municipalities: [municipality(["contact": contact(["phone": "0471 590-0"])])]),
             problems: ["municipalities[0].contact.phone: is not a known key"]),
        Case(name: "a contact e-mail without a domain",
             file: file(municipalities: [municipality(["contact": contact(["email": "buergerbuero"])])]),
             problems: ["municipalities[0].contact.email: must be an e-mail address like name@example.de"]),
        Case(name: "a privacy officer's e-mail no mailbox has (the contact e-mail rule)",
             file: file(municipalities: [municipality(["contact": contact(["privacyOfficer": ["email": "datenschutz@magistrat..de"]])])]),
             problems: ["municipalities[0].contact.privacyOfficer.email: must be an e-mail address like name@example.de"]),
        Case(name: "a privacy officer without an e-mail",
             file: file(municipalities: [municipality(["contact": contact(["privacyOfficer": ["name": "Erika Mustermann"]])])]),
             problems: ["municipalities[0].contact.privacyOfficer.email: is required"]),
        Case(name: "an office mailbox that is no address", file: file(offices: [office(["mailbox": "buergerbuero-mitte"])]),
             problems: ["offices[0].mailbox: must be an e-mail address like name@example.de"]),
        Case(name: "an office mailbox with an invisible character",
             file: file(offices: [office(["mailbox": "buerger\u{200B}buero@magistrat.bremerhaven.de"])]),
             problems: ["offices[0].mailbox: must not contain invisible or formatting characters (such as U+200B or U+202E)"]),
        Case(name: "several problems at once",
             file: file(services: [service(["baseMinutes": "20"])], offices: [office(["land": "XX"], rules: [rule(["slotMinutes": 25])])]),
             problems: ["services[0].baseMinutes: must be an integer, not a string", "offices[0].land: is no Land code (BW, BY, BE, … TH)"]),
    ]

    func testTheBaseFileIsValid() throws {
        let document = try CatalogueFile.read(Self.file().jsonBytes)
        XCTAssertEqual(document.offices.map(\.office.id), ["mitte"])
        XCTAssertEqual(document.offices.first?.rules.map(\.id), ["mo-vormittag"])
    }

    func testTheDetailsAreReadWithTheirDefaults() throws {
        let bare = try CatalogueFile.read(Self.file().jsonBytes)
        XCTAssertEqual(bare.municipalities.first?.retentionDays, 14)
        XCTAssertNil(bare.municipalities.first?.contact)
        XCTAssertNil(bare.services.first?.leikaKey)
        XCTAssertNil(bare.offices.first?.office.mailbox)

        let detailed = try CatalogueFile.read(Self.file(
            municipalities: [Self.municipality(["retentionDays": 30, "contact": Self.contact()])],
            services: [Self.service(["leikaKey": "99102013104000"])],
            offices: [Self.office(["mailbox": "mitte@magistrat.bremerhaven.de"])]).jsonBytes)
        XCTAssertEqual(detailed.municipalities.first?.retentionDays, 30)
        XCTAssertEqual(detailed.municipalities.first?.contact, MunicipalityContact(
            operatorName: "Magistrat der Stadt Bremerhaven",
            address: Address(street: "Hinrich-Schmalfeldt-Straße 1", postalCode: "27576", city: "Bremerhaven"),
            email: "buergerbuero@magistrat.bremerhaven.de",
            privacyOfficer: MunicipalityContact.PrivacyOfficer(name: "Erika Mustermann", email: "datenschutz@magistrat.bremerhaven.de")))
        XCTAssertEqual(detailed.services.first?.leikaKey, "99102013104000")
        XCTAssertEqual(detailed.offices.first?.office.mailbox, "mitte@magistrat.bremerhaven.de")

        let unnamedOfficer = try CatalogueFile.read(Self.file(municipalities: [Self.municipality([
            "contact": Self.contact(["privacyOfficer": ["email": "datenschutz@magistrat.bremerhaven.de"]])])]).jsonBytes)
        XCTAssertNil(unnamedOfficer.municipalities.first?.contact?.privacyOfficer.name)
    }

    func testEachBadFileIsRefusedWithItsPathsAndMessages() {
        XCTAssertGreaterThanOrEqual(Self.cases.count, 30)
        for badFile in Self.cases {
            do {
                _ = try CatalogueFile.read(badFile.file.jsonBytes)
                XCTFail("\(badFile.name): accepted")
            } catch {
                XCTAssertEqual(error.problems.map(\.description), badFile.problems, badFile.name)
            }
        }
    }

    func testTextThatIsNoJSONIsRefused() {
        XCTAssertThrowsError(try CatalogueFile.read(Array("{\"version\": 1,".utf8))) { error in
            let problems = (error as? InvalidCatalogue)?.problems ?? []
            XCTAssertEqual(problems.count, 1)
            XCTAssertEqual(problems.first?.path, "")
            XCTAssertTrue(problems.first?.message.hasPrefix("is not JSON: ") == true, "\(problems)")
        }
    }
}
