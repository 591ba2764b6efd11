import XCTest
@testable import WebApp

/// The `y_` cases of Nicolas Seriot's JSONTestSuite (written inline, named
/// as there): documents every conforming parser must accept, with the
/// values they must produce.
final class JSONParserAcceptanceTests: XCTestCase {
    func testStructures() throws {
        let cases: [(String, String, JSONValue)] = [
            ("y_array_arraysWithSpaces", "[[]   ]", [[]]),
            ("y_array_empty", "[]", []),
            ("y_array_empty-string", #"[""]"#, [""]),
            ("y_array_false", "[false]", [false]),
            ("y_array_heterogeneous", #"[null, 1, "1", {}]"#, [nil, 1, "1", [:]]),
            ("y_array_null", "[null]", [nil]),
            ("y_array_with_1_and_newline", "[1\n]", [1]),
            ("y_array_with_leading_space", " [1]", [1]),
            ("y_array_with_several_null", "[1,null,null,null,2]", [1, nil, nil, nil, 2]),
            ("y_array_with_trailing_space", "[2] ", [2]),
            ("y_object", #"{"asd":"sdf", "dfg":"fgh"}"#, ["asd": "sdf", "dfg": "fgh"]),
            ("y_object_basic", #"{"asd":"sdf"}"#, ["asd": "sdf"]),
            ("y_object_empty", "{}", [:]),
            ("y_object_empty_key", #"{"":0}"#, ["": 0]),
            ("y_object_escaped_null_in_key", #"{"foo\u0000bar": 42}"#, ["foo\u{0}bar": 42]),
            ("y_object_extreme_numbers", #"{ "min": -1.0e+28, "max": 1.0e+28 }"#, ["min": .double(-1e28), "max": .double(1e28)]),
            ("y_object_simple", #"{"a":[]}"#, ["a": []]),
            ("y_object_with_newlines", "{\n\"a\": \"b\"\n}", ["a": "b"]),
            ("y_structure_lonely_false", "false", false),
            ("y_structure_lonely_int", "42", 42),
            ("y_structure_lonely_negative_real", "-0.1", .double(-0.1)),
            ("y_structure_lonely_null", "null", nil),
            ("y_structure_lonely_string", #""asd""#, "asd"),
            ("y_structure_lonely_true", "true", true),
            ("y_structure_string_empty", #""""#, ""),
            ("y_structure_trailing_newline", "[\"a\"]\n", ["a"]),
            ("y_structure_true_in_array", "[true]", [true]),
            ("y_structure_whitespace_array", " [] ", []),
            ("whitespace_all_four_kinds", " \t\r\n[ \t\r\n1 \t\r\n] \t\r\n", [1]),
        ]
        for (name, input, expected) in cases {
            XCTAssertEqual(try parseJSON(input), expected, name)
        }
    }

    func testStrings() throws {
        let cases: [(String, String, String)] = [
            ("y_string_1_2_3_bytes_UTF-8_sequences", #"["\u0060\u012a\u12AB"]"#, "\u{60}\u{12A}\u{12AB}"),
            ("y_string_accepted_surrogate_pair", #"["\uD801\udc37"]"#, "\u{10437}"),
            ("y_string_accepted_surrogate_pairs", #"["\ud83d\ude39\ud83d\udc8d"]"#, "\u{1F639}\u{1F48D}"),
            ("y_string_allowed_escapes", #"["\"\\\/\b\f\n\r\t"]"#, "\"\\/\u{8}\u{C}\n\r\t"),
            ("y_string_backslash_and_u_escaped_zero", #"["\\u0000"]"#, #"\u0000"#),
            ("y_string_backslash_doublequotes", #"["\""]"#, "\""),
            ("y_string_comments", #"["a/*b*/c/*d//e"]"#, "a/*b*/c/*d//e"),
            ("y_string_double_escape_a", #"["\\a"]"#, #"\a"#),
            ("y_string_double_escape_n", #"["\\n"]"#, #"\n"#),
            ("y_string_escaped_control_character", #"["\u0012"]"#, "\u{12}"),
            ("y_string_escaped_noncharacter", #"["\uFFFF"]"#, "\u{FFFF}"),
            ("y_string_in_array", #"["asd"]"#, "asd"),
            ("y_string_last_surrogates_1_and_2", #"["\uDBFF\uDFFF"]"#, "\u{10FFFF}"),
            ("y_string_nbsp_uescaped", #"["new\u00A0line"]"#, "new\u{A0}line"),
            ("y_string_null_escape", #"["\u0000"]"#, "\u{0}"),
            ("y_string_pi", #"["π"]"#, "π"),
            ("y_string_three-byte-utf-8", #"["\u0821"]"#, "\u{821}"),
            ("y_string_two-byte-utf-8", #"["\u0123"]"#, "\u{123}"),
            ("y_string_u+2028_line_sep", "[\"\u{2028}\"]", "\u{2028}"),
            ("y_string_utf8", #"["€𝄞"]"#, "€𝄞"),
            ("y_string_with_del_character", "[\"a\u{7F}a\"]", "a\u{7F}a"),
            ("escape_after_non_ascii", #"["Größe\n€"]"#, "Größe\n€"),
        ]
        for (name, input, expected) in cases {
            XCTAssertEqual(try parseJSON(input), [.string(expected)], name)
        }
        // y_string_nonCharacterInUTF-8_U+10FFFF, as raw bytes.
        XCTAssertEqual(try parseJSON(bytes: bytes("[\"", [0xF4, 0x8F, 0xBF, 0xBF], "\"]")), ["\u{10FFFF}"])
    }

    func testNumbersFromTheSuite() throws {
        let cases: [(String, String, JSONValue)] = [
            ("y_number", "[123e65]", .double(123e65)),
            ("y_number_0e+1", "[0e+1]", 0),
            ("y_number_0e1", "[0e1]", 0),
            ("y_number_after_space", "[ 4]", 4),
            ("y_number_double_close_to_zero", "[-0.000000000000000000000000000000000000000000000000000000000000000000000000000001]", .double(-1e-78)),
            ("y_number_int_with_exp", "[20e1]", 200),
            ("y_number_minus_zero", "[-0]", .double(-0.0)),
            ("y_number_negative_int", "[-123]", -123),
            ("y_number_negative_one", "[-1]", -1),
            ("y_number_real_capital_e", "[1E22]", .double(1e22)),
            ("y_number_real_capital_e_neg_exp", "[1E-2]", .double(0.01)),
            ("y_number_real_capital_e_pos_exp", "[1E+2]", 100),
            ("y_number_real_exponent", "[123e45]", .double(123e45)),
            ("y_number_real_fraction_exponent", "[123.456e78]", .double(123.456e78)),
            ("y_number_real_neg_exp", "[1e-2]", .double(0.01)),
            ("y_number_real_pos_exponent", "[1e+2]", 100),
            ("y_number_simple_int", "[123]", 123),
            ("y_number_simple_real", "[123.456789]", .double(123.456789)),
            ("i_number_double_huge_neg_exp", "[123.456e-789]", .double(0)),
            ("i_number_very_big_negative_int", "[-237462374673276894279832749832423479823246327846]",
             .double(-237462374673276894279832749832423479823246327846.0)),
        ]
        for (name, input, expected) in cases {
            XCTAssertEqual(try parseJSON(input), [expected], name)
        }
    }

    func testLongStringsAndManyKeys() throws {
        let long = String(repeating: "x", count: 100_000)
        XCTAssertEqual(try parseJSON("{\"x\":[{\"id\": \"\(long)\"}], \"id\": \"\(long)\"}")["id"], .string(long))
        // Beyond 16 members the duplicate check switches to a set.
        let members = (0..<1000).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        let object = try parseJSON("{\(members)}")
        XCTAssertEqual(object.objectValue?.count, 1000)
        XCTAssertEqual(object["k999"], 999)
        XCTAssertEqual(object.objectValue?.keys.first, "k0", "members keep their order")
    }
}
