@testable import Core
import Scheduling
import SQLite
import XCTest

/// One key per mailbox and per phone (issue 12, point 2): every spelling a
/// bot used to pass the per-contact limit gives the key of the address it
/// spells, every identifier given counts, and invisible characters are
/// refused rather than ignored.
final class ContactKeyTests: XCTestCase {
    func testSpellingsOfOneMailboxGiveOneKey() {
        let spellings: [String: [String]] = [
            "e:bot@gmail.com": ["bot@gmail.com", "bot+1@gmail.com", "bot+2@gmail.com", "b.o.t@gmail.com", "BOT@GMAIL.COM",
                                "bot@googlemail.com", "B.ot+x@GoogleMail.com", "\"bot\"@gmail.com", " bot@gmail.com\u{3000}"],
            "e:erika@example.de": ["erika@example.de", "Erika@Example.DE", "\"erika\"@example.de", "erika+termin@example.de",
                                   "ｅｒｉｋａ@ｅｘａｍｐｌｅ.ｄｅ", "erik\u{FF41}@example.de", "erika\u{FF20}example.de"],
            // Dots count everywhere but at gmail.
            "e:e.rika@example.de": ["e.rika@example.de", "E.Rika@example.de"],
            "e:fi@example.de": ["\u{FB01}@example.de", "FI@example.de"],
            "e:strasse@example.de": ["straße@example.de", "STRASSE@example.de"],
        ]
        for (key, variants) in spellings {
            for variant in variants { XCTAssertEqual(Contact.emailKey(variant), key, variant.debugDescription) }
        }
        XCTAssertNotEqual(Contact.emailKey("e.rika@example.de"), Contact.emailKey("erika@example.de"))
    }

    func testInvisibleAndQuotedTricksAreRefusedNotIgnored() {
        for trick in ["eri\u{200B}ka@example.de", "eri\u{00AD}ka@example.de", "\u{FEFF}erika@example.de",
                      "erika@exam\u{200D}ple.de", "erika\u{202E}@example.de", "\"eri ka\"@example.de",
                      "\"er\"ika\"@example.de", "er\\ika@example.de", "\"erika@example.de"] {
            XCTAssertNil(Contact.emailKey(trick), trick.debugDescription)
            XCTAssertEqual(Contact(name: "Erika", email: trick).problem?.field, "contact.email", trick.debugDescription)
        }
        XCTAssertEqual(Contact(name: "Erika", email: "eri\u{200B}ka@example.de").problem?.message,
                       "must not contain invisible or formatting characters (such as U+200B or U+202E)")
    }

    func testPhoneSpellingsGiveOneE164Key() {
        for spelling in ["+4904712222222", "+494712222222", "04712222222", "0049 0471 222 2222", "+49 (0)471 2222222",
                         "0471/222 22 22", "+49-471-2222222"] {
            XCTAssertEqual(Contact.phoneKey(spelling), "p:+494712222222", spelling)
        }
        XCTAssertEqual(Contact.phoneKey("+43 0664 1234567"), "p:+436641234567", "Austria's trunk 0 too")
        XCTAssertEqual(Contact.phoneKey("+39 06 1234 5678"), "p:+390612345678", "Italy keeps its 0")
    }

    func testNormalisingAKeyAgainChangesNothing() {
        for email in ["B.ot+x@GoogleMail.com", "ｅｒｉｋａ@ｅｘａｍｐｌｅ.ｄｅ", "\"erika\"@example.de", "straße@example.de"] {
            let once = Contact.normalisedEmail(email)!
            XCTAssertEqual(Contact.normalisedEmail(once), once, email)
        }
        for phone in ["+490004712222222", "0049 (0)471 22", "+4904712222222"] {
            if let once = Contact.normalisedPhone(phone) { XCTAssertEqual(Contact.normalisedPhone(once), once, phone) }
        }
    }

    func testTheVariantsCountAsOneContactForTheLimit() throws {
        let env = try TestEnvironment()
        try env.book(env.at("2026-11-24", "09:00"), contact: Contact(name: "Bot", email: "bot+1@gmail.com"))
        try env.book(env.at("2026-11-24", "09:15"), contact: Contact(name: "Bot", email: "b.o.t+2@googlemail.com"))
        for variant in ["bot@gmail.com", "\"bot\"@gmail.com", "ＢＯＴ@gmail.com", "bot+3@GMAIL.com"] {
            XCTAssertRefused(.contactLimitReached(limit: 2),
                             try env.book(env.at("2026-11-24", "09:30"), contact: Contact(name: "Bot", email: variant)), variant)
        }
        try env.book(env.at("2026-11-24", "10:00"), contact: Contact(name: "Max", phone: "+4904712222222"))
        try env.book(env.at("2026-11-24", "10:15"), contact: Contact(name: "Max", phone: "+494712222222"))
        XCTAssertRefused(.contactLimitReached(limit: 2),
                         try env.book(env.at("2026-11-24", "10:30"), contact: Contact(name: "Max", phone: "04712222222")))
    }

    func testTheEmailAndThePhoneBothCount() throws {
        let env = try TestEnvironment()
        // One booking by e-mail and phone, one by the phone alone.
        try env.book(env.at("2026-11-24", "09:00"), contact: Contact(name: "Lena", email: "lena@example.org", phone: "0471 987654"))
        try env.book(env.at("2026-11-24", "09:15"), contact: Contact(name: "Lena", phone: "+49 471 987654"))
        // A new e-mail does not hide the phone, and a new phone not the e-mail.
        XCTAssertRefused(.contactLimitReached(limit: 2), try env.book(
            env.at("2026-11-24", "09:30"), contact: Contact(name: "Lena", email: "lena.neu@example.org", phone: "0471 987654")))
        let other = try TestEnvironment()
        try other.book(other.at("2026-11-24", "09:00"), contact: Contact(name: "Lena", email: "lena@example.org"))
        try other.book(other.at("2026-11-24", "09:15"), contact: Contact(name: "Lena", email: "lena@example.org", phone: "0471 1"))
        XCTAssertRefused(.contactLimitReached(limit: 2), try other.book(
            other.at("2026-11-24", "09:30"), contact: Contact(name: "Lena", email: "Lena@Example.org", phone: "0471 555555")))
        // A booking sharing no key is another contact.
        XCTAssertNoThrow(try other.book(other.at("2026-11-24", "09:30"), contact: Contact(name: "Lena", phone: "0471 555555")))
    }

    /// The limit is looked up by key, never by walking the office's bookings.
    func testTheLimitIsAnIndexedLookupByKey() throws {
        let env = try TestEnvironment()
        let plan = try env.store.read { db in
            try db.query("EXPLAIN QUERY PLAN " + BookingRows.upcomingCountSQL(keys: 2),
                         ["e:a@example.org", "p:+494711", "buergerbuero-mitte", 0, -1]).map { try $0["detail"] as String }
        }
        XCTAssertEqual(plan.first { $0.contains("booking_contact_keys") }.map { $0.contains("booking_contact_keys_by_key (key=?)") },
                       true, "\(plan)")
        XCTAssertTrue(plan.contains { $0.contains("INTEGER PRIMARY KEY") }, "\(plan)")
        XCTAssertFalse(plan.contains { $0.contains("bookings_by_office_and_start") }, "\(plan)")
    }

    func testTheSearchFindsEverySpellingByEitherKey() throws {
        let env = try TestEnvironment()
        let both = try env.book(env.at("2026-11-24", "09:00"),
                                contact: Contact(name: "Lena Brandt", email: "lena.brandt@gmail.com", phone: "0471 987654")).booking
        for query in ["lenabrandt+x@googlemail.com", "LENA.BRANDT@gmail.com", "+49 (0)471 987654", "+4904719 87654"] {
            XCTAssertEqual(try env.bookings.search(query, office: nil, date: nil, access: .anyOffice).map(\.code), [both.code], query)
        }
    }

    /// A database from before `v10-contact-keys`: its bookings carry one
    /// old-style key each and get every key of today's rule.
    func testTheMigrationKeysExistingBookings() throws {
        let env = try TestEnvironment()
        let both = try env.book(env.at("2026-11-24", "09:00"),
                                contact: Contact(name: "Bot", email: "bot+1@gmail.com", phone: "0471 987654")).booking
        let other = try env.book(env.at("2026-11-24", "09:15"), contact: Contact(name: "Bot", email: "b.ot@gmail.com")).booking
        let path = env.directory.appendingPathComponent("terminbuch.sqlite").path
        env.store.close()
        // Back to v7: one `contact_key` per booking, as `trim().lowercased()` wrote it; one row whose stored
        // address today's rule cannot key keeps that old key.
        try Connection.open(path: path).execute("""
            DROP TABLE booking_contact_keys;
            ALTER TABLE bookings ADD COLUMN contact_key TEXT NOT NULL DEFAULT '';
            UPDATE bookings SET contact_key = coalesce('e:' || lower(contact_email), 'p:' || contact_phone);
            CREATE INDEX bookings_by_contact ON bookings(office_id, contact_key, start);
            DELETE FROM schema_migrations WHERE name = 'v10-contact-keys';
            UPDATE bookings SET contact_email = 'kaputt' WHERE id = \(other.id);
            """)

        let store = try Store(path: path)
        defer { store.close() }
        let useCases = UseCases(store: store, clock: env.clock, passwordHasher: PasswordHasher(testCost: 10))
        let keys = try store.read { db in
            try db.query("SELECT booking_id, key FROM booking_contact_keys WHERE booking_id IN (?, ?) ORDER BY booking_id, key",
                         [both.id, other.id]).map {
                "\(try $0["booking_id"] as Int64 == both.id ? "both" : "other") \(try $0["key"] as String)"
            }
        }
        XCTAssertEqual(keys, ["both e:bot@gmail.com", "both p:+49471987654", "other e:b.ot@gmail.com"])
        XCTAssertEqual(try useCases.bookings.search("0471 987654", office: nil, date: nil, access: .anyOffice).map(\.code),
                       [both.code])
        XCTAssertNil(try store.read { db in try db.queryOne("SELECT 1 FROM pragma_table_info('bookings') WHERE name = 'contact_key'") })
    }
}
