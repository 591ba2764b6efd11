import XCTest

@testable import SQLite

final class ValueTests: XCTestCase {
    private var directory: TemporaryDirectory!
    private var conn: Connection!

    override func setUpWithError() throws {
        directory = try TemporaryDirectory()
        conn = try Connection.open(path: directory.path())
        // No STRICT here: the table must accept every storage class in `v`.
        try conn.execute("CREATE TABLE cell(id INTEGER PRIMARY KEY, v ANY)")
    }

    override func tearDown() {
        conn = nil
        directory = nil
    }

    /// Stores `value` and reads it back as `T`.
    private func roundTrip<T: SQLiteValueConvertible>(_ value: T) throws -> T {
        let id = try conn.run("INSERT INTO cell(v) VALUES (?)", [value]).lastInsertRowID
        return try conn.scalar("SELECT v FROM cell WHERE id = ?", [id])
    }

    private func storageClass(ofRow id: Int64) throws -> String {
        try conn.scalar("SELECT typeof(v) FROM cell WHERE id = ?", [id])
    }

    func testIntegersRoundTripIncludingExtremes() throws {
        XCTAssertEqual(try roundTrip(42), 42)
        XCTAssertEqual(try roundTrip(-1), -1)
        XCTAssertEqual(try roundTrip(Int.max), Int.max)
        XCTAssertEqual(try roundTrip(Int64.min), Int64.min)
        XCTAssertEqual(try roundTrip(Int32.max), Int32.max)
        let id = try conn.run("INSERT INTO cell(v) VALUES (?)", [7]).lastInsertRowID
        XCTAssertEqual(try storageClass(ofRow: id), "integer")
    }

    func testDoublesRoundTrip() throws {
        XCTAssertEqual(try roundTrip(Double.pi), Double.pi)
        XCTAssertEqual(try roundTrip(-0.5), -0.5)
        XCTAssertEqual(try roundTrip(Double.greatestFiniteMagnitude), Double.greatestFiniteMagnitude)
        XCTAssertEqual(try roundTrip(Double.infinity), Double.infinity)
        // An integer result reads as a Double where the caller asks for one.
        XCTAssertEqual(try conn.scalar("SELECT 3 * 2", as: Double.self), 6.0)
    }

    func testBoolsAreStoredAsIntegers() throws {
        XCTAssertEqual(try roundTrip(true), true)
        XCTAssertEqual(try roundTrip(false), false)
        let id = try conn.run("INSERT INTO cell(v) VALUES (?)", [true]).lastInsertRowID
        XCTAssertEqual(try conn.scalar("SELECT v FROM cell WHERE id = ?", [id], as: Int.self), 1)
        XCTAssertEqual(try conn.scalar("SELECT 5", as: Bool.self), true, "non-zero is true, as in SQL")
    }

    func testUnicodeTextRoundTripsByteForByte() throws {
        let samples = [
            "Bürgerbüro Straße", "Führerscheinstelle", "Ærøskøbing", "日本語のテキスト",
            "👩🏽‍💻 🇩🇪", "e\u{301}" /* decomposed é */, "a\u{0}b" /* embedded NUL */, " padded ",
        ]
        for sample in samples {
            let back = try roundTrip(sample)
            XCTAssertEqual(Array(back.utf8), Array(sample.utf8), "\(sample.debugDescription)")
        }
        XCTAssertEqual(try conn.scalar("SELECT length(CAST(? AS BLOB))", ["Straße"], as: Int.self), 7, "stored as UTF-8")
    }

    func testEmptyStringAndEmptyBlobAreNotNull() throws {
        let text = try conn.run("INSERT INTO cell(v) VALUES (?)", [""]).lastInsertRowID
        XCTAssertEqual(try storageClass(ofRow: text), "text")
        XCTAssertEqual(try conn.scalar("SELECT v FROM cell WHERE id = ?", [text], as: String.self), "")

        let blob = try conn.run("INSERT INTO cell(v) VALUES (?)", [[UInt8]()]).lastInsertRowID
        XCTAssertEqual(try storageClass(ofRow: blob), "blob")
        XCTAssertEqual(try conn.scalar("SELECT v FROM cell WHERE id = ?", [blob], as: [UInt8].self), [])
    }

    func testBlobsRoundTripAllByteValues() throws {
        let bytes = (0...255).map { UInt8($0) } + [0, 0, 255]
        XCTAssertEqual(try roundTrip(bytes), bytes)
        let id = try conn.run("INSERT INTO cell(v) VALUES (?)", [bytes]).lastInsertRowID
        XCTAssertEqual(try storageClass(ofRow: id), "blob")
    }

    func testNullAndOptionals() throws {
        let none: String? = nil
        let id = try conn.run("INSERT INTO cell(v) VALUES (?)", [none]).lastInsertRowID
        XCTAssertEqual(try storageClass(ofRow: id), "null")
        XCTAssertNil(try conn.scalar("SELECT v FROM cell WHERE id = ?", [id], as: String?.self))
        XCTAssertNil(try conn.scalar("SELECT v FROM cell WHERE id = ?", [id], as: Int?.self))
        XCTAssertEqual(try conn.scalar("SELECT v FROM cell WHERE id = ?", [id], as: SQLiteValue.self), .null)

        let literalNil = try conn.run("INSERT INTO cell(v) VALUES (?)", [nil]).lastInsertRowID
        XCTAssertEqual(try storageClass(ofRow: literalNil), "null")

        let some: Int? = 5
        XCTAssertEqual(try roundTrip(some), 5)
    }

    func testReadingByNameAndIndex() throws {
        let row = try XCTUnwrap(try conn.queryOne(
            "SELECT 1 AS id, 'Mitte' AS name, NULL AS phone, 2.5 AS share, x'00ff' AS token"))
        XCTAssertEqual(row.columnNames, ["id", "name", "phone", "share", "token"])
        XCTAssertEqual(try row["id"] as Int, 1)
        XCTAssertEqual(try row[1] as String, "Mitte")
        XCTAssertEqual(try row["NAME"] as String, "Mitte", "column names match case-insensitively")
        XCTAssertNil(try row["phone"] as String?)
        XCTAssertEqual(try row["share"] as Double, 2.5)
        XCTAssertEqual(try row["token"] as [UInt8], [0x00, 0xFF])
        XCTAssertEqual(row.values[3], .real(2.5))
        XCTAssertTrue(row.hasColumn("token"))
        XCTAssertFalse(row.hasColumn("email"))
    }

    func testDecodingErrorsNameTheColumnAndTheSQL() throws {
        let sql = "SELECT NULL AS phone, ? AS name, 2.5 AS share"
        let row = try XCTUnwrap(try conn.queryOne(sql, ["Erika Mustermann"]))

        XCTAssertThrowsError(try row["phone"] as String) { error in
            guard case RowDecodingError.unexpectedNull(let column, _, let errorSQL) = error else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(column, "phone")
            XCTAssertEqual(errorSQL, sql)
            XCTAssertTrue("\(error)".contains("String?"), "says how to fix it: \(error)")
        }
        XCTAssertThrowsError(try row["name"] as Int) { error in
            guard case RowDecodingError.typeMismatch(let column, _, let storageClass, _) = error else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(column, "name")
            XCTAssertEqual(storageClass, "TEXT")
            XCTAssertFalse("\(error)".contains("Erika"), "values (personal data) stay out of error messages")
        }
        XCTAssertThrowsError(try row["share"] as Int, "a REAL is not silently truncated")
        XCTAssertThrowsError(try row["email"] as String) { error in
            guard case RowDecodingError.noSuchColumn("email", let available, _) = error else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(available, ["phone", "name", "share"])
        }
        XCTAssertThrowsError(try row[3] as String) { error in
            guard case RowDecodingError.indexOutOfRange(3, 3, _) = error else { return XCTFail("\(error)") }
        }
    }

    func testScalarWithoutRowIsNilForOptionalsAndAnErrorOtherwise() throws {
        XCTAssertNil(try conn.scalar("SELECT v FROM cell WHERE id = -1", as: Int?.self))
        XCTAssertThrowsError(try conn.scalar("SELECT v FROM cell WHERE id = -1", as: Int.self)) { error in
            guard case RowDecodingError.noRow = error else { return XCTFail("\(error)") }
        }
    }
}
