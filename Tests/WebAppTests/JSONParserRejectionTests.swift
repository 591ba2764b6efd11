import XCTest
@testable import WebApp

/// The `n_` cases of JSONTestSuite, plus the `i_` (implementation-defined)
/// cases this parser decides to refuse, each with the byte offset a client
/// is told.
final class JSONParserRejectionTests: XCTestCase {
    func testSyntaxErrorsWithOffsets() {
        let cases: [(String, String, Int)] = [
            ("n_array_1_true_without_comma", "[1 true]", 3),
            ("n_array_colon_instead_of_comma", #"["": 1]"#, 3),
            ("n_array_comma_after_close", #"[""],"#, 4),
            ("n_array_comma_and_number", "[,1]", 1),
            ("n_array_double_comma", "[1,,2]", 3),
            ("n_array_extra_close", #"["x"]]"#, 5),
            ("n_array_extra_comma", #"["",]"#, 4),
            ("n_array_incomplete", #"["x""#, 4),
            ("n_array_inner_array_no_comma", "[3[4]]", 2),
            ("n_array_items_separated_by_semicolon", "[1:2]", 2),
            ("n_array_just_comma", "[,]", 1),
            ("n_array_just_minus", "[-]", 2),
            ("n_array_missing_value", #"[   , ""]"#, 4),
            ("n_array_number_and_comma", "[1,]", 3),
            ("n_array_unclosed", "[\"\"", 3),
            ("n_array_unclosed_trailing_comma", "[1,", 3),
            ("n_incomplete_false", "[fals]", 5),
            ("n_incomplete_null", "[nul]", 4),
            ("n_incomplete_true", "[tru]", 4),
            ("n_structure_capitalized_True", "[True]", 1),
            ("n_number_++", "[++1234]", 1),
            ("n_number_+1", "[+1]", 1),
            ("n_number_-01", "[-01]", 3),
            ("n_number_-1.0.", "[-1.0.]", 5),
            ("n_number_.-1", "[.-1]", 1),
            ("n_number_0.e1", "[0.e1]", 3),
            ("n_number_1.0e", "[1.0e]", 5),
            ("n_number_1.0e+", "[1.0e+]", 6),
            ("n_number_2.e3", "[2.e3]", 3),
            ("n_number_Inf", "[Inf]", 1),
            ("n_number_NaN", "[NaN]", 1),
            ("n_number_hex_1_digit", "[0x1]", 2),
            ("n_number_infinity", "[Infinity]", 1),
            ("n_number_minus_infinity", "[-Infinity]", 2),
            ("n_number_neg_int_starting_with_zero", "[-012]", 3),
            ("n_number_with_leading_zero", "[012]", 2),
            ("n_number_real_without_fractional_part", "[1.]", 3),
            ("n_number_starting_with_dot", "[.123]", 1),
            ("n_object_bad_value", #"["x", truth]"#, 9),
            ("n_object_comma_instead_of_colon", #"{"x", null}"#, 4),
            ("n_object_missing_colon", #"{"a" b}"#, 5),
            ("n_object_missing_key", #"{:"b"}"#, 1),
            ("n_object_missing_value", #"{"a":"#, 5),
            ("n_object_no-colon", #"{"a""#, 4),
            ("n_object_non_string_key", "{1:1}", 1),
            ("n_object_single_quote", "{'a':0}", 1),
            ("n_object_trailing_comma", #"{"id":0,}"#, 8),
            ("n_object_trailing_comment", #"{"a":"b"}/**/"#, 9),
            ("n_object_trailing_comment_slash_open", #"{"a":"b"}//"#, 9),
            ("n_object_unquoted_key", #"{a: "b"}"#, 1),
            ("n_object_with_trailing_garbage", #"{"a": true} "x""#, 12),
            ("n_structure_double_array", "[][]", 2),
            ("n_structure_lone-open-bracket", "[", 1),
            ("n_structure_number_with_trailing_garbage", "2@", 1),
            ("n_structure_trailing_#", #"{"a":"b"}#{}"#, 9),
            ("n_structure_unclosed_object", #"{"asd":"asd""#, 12),
            ("n_structure_whitespace_formfeed", "[\u{C}]", 1),
            ("n_single_space", " ", 1),
            ("n_structure_no_data", "", 0),
            ("n_multidigit_number_then_00", "123\u{0}", 3),
            ("n_string_single_quote", "['single quote']", 1),
        ]
        for (name, input, offset) in cases {
            XCTAssertEqual(rejection(input)?.offset, offset, name)
        }
    }

    func testStringErrors() {
        let cases: [(String, String, JSONParseError.Reason, Int)] = [
            ("n_string_1_surrogate_then_escape", #"["\uD800\"]"#, .loneSurrogate(0xD800), 2),
            ("n_string_escape_x", #"["\x00"]"#, .invalidEscape(UInt8(ascii: "x")), 3),
            ("n_string_escaped_emoji", "[\"\\🌀\"]", .invalidEscape(0xF0), 3),
            ("n_string_incomplete_escape", #"["\"]"#, .unexpectedEnd, 5),
            ("n_string_incomplete_surrogate_escape_invalid", #"["\uD800\uD800\x"]"#, .loneSurrogate(0xD800), 2),
            ("n_string_invalid_backslash_esc", #"["\a"]"#, .invalidEscape(UInt8(ascii: "a")), 3),
            ("n_string_invalid_unicode_escape", #"["\uqqqq"]"#, .invalidUnicodeEscape, 4),
            ("n_string_unescaped_ctrl_char", "[\"a\u{0}a\"]", .controlCharacterInString(0), 3),
            ("n_string_unescaped_newline", "[\"new\nline\"]", .controlCharacterInString(0x0A), 5),
            ("n_string_unescaped_tab", "[\"\t\"]", .controlCharacterInString(0x09), 2),
            ("i_string_1st_valid_surrogate_2nd_invalid", #"["\uD888\u1234"]"#, .loneSurrogate(0xD888), 2),
            ("i_string_incomplete_surrogate_pair", #"["\uDd1ea"]"#, .loneSurrogate(0xDD1E), 2),
            ("i_string_inverted_surrogates_U+1D11E", #"["\uDd1e\uD834"]"#, .loneSurrogate(0xDD1E), 2),
            ("i_string_lone_second_surrogate", #"["\uDFAA"]"#, .loneSurrogate(0xDFAA), 2),
            ("unescaped_control_after_escape", "[\"\\n\u{1F}\"]", .controlCharacterInString(0x1F), 4),
            ("short_unicode_escape", #"["\u12"]"#, .invalidUnicodeEscape, 6),
        ]
        for (name, input, reason, offset) in cases {
            let error = rejection(input)
            XCTAssertEqual(error?.reason, reason, name)
            XCTAssertEqual(error?.offset, offset, name)
        }
    }

    func testInvalidUTF8IsRefusedAtItsFirstByte() {
        let cases: [(String, [UInt8], Int)] = [
            ("n_string_invalid_utf8_after_escape", bytes("[\"\\", 0xE5, "\"]"), 3),
            ("n_string_invalid-utf-8-in-escape", bytes("[\"\\u", 0xE5, "\"]"), 4),
            ("i_string_invalid_utf-8", bytes("[\"", 0xFF, "\"]"), 2),
            ("i_string_lone_utf8_continuation_byte", bytes("[\"", 0x81, "\"]"), 2),
            ("i_string_overlong_sequence_2_bytes", bytes("[\"", [0xC0, 0xAF], "\"]"), 2),
            ("i_string_overlong_sequence_6_bytes", bytes("[\"", [0xFC, 0x83, 0xBF, 0xBF, 0xBF, 0xBF], "\"]"), 2),
            ("i_string_overlong_three_bytes", bytes("[\"", [0xE0, 0x80, 0xAF], "\"]"), 2),
            ("i_string_UTF-8_invalid_sequence", bytes("[\"", [0xE6, 0x97, 0xA5, 0xD1, 0x88, 0xFA], "\"]"), 7),
            ("i_string_not_in_unicode_range", bytes("[\"", [0xF4, 0xBF, 0xBF, 0xBF], "\"]"), 2),
            ("i_string_truncated-utf-8", bytes("[\"", [0xE0, 0xFF], "\"]"), 2),
            ("i_string_UTF8_surrogate_U+D800", bytes("[\"", [0xED, 0xA0, 0x80], "\"]"), 2),
            ("i_string_iso_latin_1", bytes("[\"", 0xE9, "\"]"), 2),
            ("truncated_at_end_of_input", bytes("[\"", [0xE2, 0x82]), 2),
            ("after_escape_in_slow_path", bytes("[\"\\n", 0xC3, "\"]"), 4),
            ("n_structure_UTF8_BOM_no_data", [0xEF, 0xBB, 0xBF], 0),
            ("n_structure_incomplete_UTF8_BOM", bytes([0xEF, 0xBB], "{}"), 0),
        ]
        for (name, input, offset) in cases {
            XCTAssertEqual(rejection(input)?.offset, offset, name)
        }
        XCTAssertEqual(rejection(bytes("[\"", 0xFF, "\"]"))?.reason, .invalidUTF8)
    }

    func testSpecificReasons() {
        XCTAssertEqual(rejection("[1,]")?.reason, .trailingComma)
        XCTAssertEqual(rejection(#"{"a":1,}"#)?.reason, .trailingComma)
        XCTAssertEqual(rejection("[01]")?.reason, .leadingZero)
        XCTAssertEqual(rejection("")?.reason, .emptyInput)
        XCTAssertEqual(rejection("  \n")?.reason, .emptyInput)
        XCTAssertEqual(rejection("[1] 2")?.reason, .trailingContent)
        XCTAssertEqual(rejection("[1")?.reason, .unexpectedEnd)
        XCTAssertEqual(rejection("/* c */ 1")?.reason, .unexpectedByte(UInt8(ascii: "/"), expected: "a value"))
        XCTAssertEqual(rejection("[1e400]")?.reason, .numberOutOfRange)
        XCTAssertEqual(rejection("[-1e+9999]")?.reason, .numberOutOfRange, "i_number_neg_int_huge_exp")
        XCTAssertEqual(rejection("[1.5e99999999999999999999]")?.reason, .numberOutOfRange)
    }

    func testDuplicateKeysAreRefusedAtTheSecondKey() {
        // y_object_duplicated_key in the suite; the API refuses it, since
        // which value wins differs between parsers (a smuggling vector).
        let error = rejection(#"{"a":"b","a":"c"}"#)
        XCTAssertEqual(error?.reason, .duplicateKey("a"))
        XCTAssertEqual(error?.offset, 9)
        XCTAssertEqual(rejection(#"{"a":1,"\u0061":2}"#)?.reason, .duplicateKey("a"), "escapes are compared decoded")
        XCTAssertEqual(rejection(#"{"x":{"a":1,"a":1}}"#)?.offset, 12)
        // With many members (the set-based check).
        let members = (0..<40).map { "\"k\($0)\":0" }.joined(separator: ",")
        XCTAssertEqual(rejection("{\(members),\"k7\":1}")?.reason, .duplicateKey("k7"))
        // The same key in sibling objects is fine.
        XCTAssertNoThrow(try parseJSON(#"[{"a":1},{"a":2}]"#))
    }

    func testDepthLimit() throws {
        let deepest = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        XCTAssertNoThrow(try parseJSON(deepest))
        let tooDeep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        let error = rejection(tooDeep)
        XCTAssertEqual(error?.reason, .nestingTooDeep(limit: 64))
        XCTAssertEqual(error?.offset, 64)
        let objects = String(repeating: #"{"a":"#, count: 65) + "1" + String(repeating: "}", count: 65)
        XCTAssertEqual(rejection(objects)?.reason, .nestingTooDeep(limit: 64))
        // n_structure_100000_opening_arrays: refused early, without deep recursion.
        XCTAssertEqual(rejection(String(repeating: "[", count: 100_000))?.offset, 64)
        XCTAssertThrowsError(try JSONParser.parse(Array("[[1]]".utf8), maxDepth: 1))
    }

    func testMessagesNameTheProblem() {
        XCTAssertEqual(rejection("[1 true]")?.description, "unexpected 't', expected ',' or ']' (at byte 3)")
        XCTAssertEqual(rejection(#"{"a":1,"a":2}"#)?.message, "duplicate object key \"a\"")
        XCTAssertEqual(rejection("[\"\t\"]")?.message, "control character U+0009 must be escaped in a string")
        XCTAssertEqual(rejection(#"["\uDFAA"]"#)?.message, #"unpaired UTF-16 surrogate \uDFAA"#)
        XCTAssertEqual(rejection(bytes(0x01))?.message, "unexpected byte 0x1, expected a value")
    }

    func testEntryPointsAgree() throws {
        let text = #"{"a":[1,2.5,"ü"]}"#
        let fromBytes = try JSONParser.parse(Array(text.utf8))
        let fromString = try JSONParser.parse(text)
        let fromBuffer = try Array(text.utf8).withUnsafeBytes { try JSONParser.parse($0) }
        XCTAssertEqual(fromBytes, fromString)
        XCTAssertEqual(fromBytes, fromBuffer)
    }
}
