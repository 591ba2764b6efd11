import XCTest
@testable import Templating

/// A selection of the Mustache spec (github.com/mustache/spec, v1.3) inlined:
/// interpolation, sections, inverted sections, comments, partials and
/// inheritance. Left out on purpose: delimiters, lambdas, decimals, and the
/// re-indentation of blocks. One deliberate difference: a missing partial
/// renders as nothing in the spec, here it is a load error.
final class MustacheSpecTests: XCTestCase {
    struct Case {
        let name: String
        let data: TemplateValue
        let template: String
        var partials: [String: String] = [:]
        let expected: String
    }

    func run(_ cases: [Case], file: StaticString = #filePath, line: UInt = #line) {
        for test in cases {
            do {
                let output = try render(test.template, test.data, partials: test.partials)
                XCTAssertEqual(output, test.expected, test.name, file: file, line: line)
            } catch {
                XCTFail("\(test.name): \(error)", file: file, line: line)
            }
        }
    }

    func testInterpolation() {
        run([
            Case(name: "No Interpolation", data: [:], template: "Hello from {Mustache}!\n", expected: "Hello from {Mustache}!\n"),
            Case(name: "Basic Interpolation", data: ["subject": "world"], template: "Hello, {{subject}}!\n", expected: "Hello, world!\n"),
            Case(name: "HTML Escaping", data: ["forbidden": "& \" < >"],
                 template: "These characters should be HTML escaped: {{forbidden}}\n",
                 expected: "These characters should be HTML escaped: &amp; &quot; &lt; &gt;\n"),
            Case(name: "Triple Mustache", data: ["forbidden": "& \" < >"],
                 template: "These characters should not be HTML escaped: {{{forbidden}}}\n",
                 expected: "These characters should not be HTML escaped: & \" < >\n"),
            Case(name: "Ampersand", data: ["forbidden": "& \" < >"],
                 template: "These characters should not be HTML escaped: {{&forbidden}}\n",
                 expected: "These characters should not be HTML escaped: & \" < >\n"),
            Case(name: "Basic Integer Interpolation", data: ["mph": 85], template: "\"{{mph}} miles an hour!\"", expected: "\"85 miles an hour!\""),
            Case(name: "Basic Null Interpolation", data: ["cannot": nil], template: "I ({{cannot}}) be seen!", expected: "I () be seen!"),
            Case(name: "Context Miss Interpolation", data: [:], template: "I ({{cannot}}) be seen!", expected: "I () be seen!"),
            Case(name: "Dotted Names - Basic Interpolation", data: ["person": ["name": "Joe"]],
                 template: "\"{{person.name}}\" == \"{{#person}}{{name}}{{/person}}\"", expected: "\"Joe\" == \"Joe\""),
            Case(name: "Dotted Names - Arbitrary Depth", data: ["a": ["b": ["c": ["d": ["e": ["name": "Phil"]]]]]],
                 template: "\"{{a.b.c.d.e.name}}\" == \"Phil\"", expected: "\"Phil\" == \"Phil\""),
            Case(name: "Dotted Names - Broken Chains", data: ["a": [:]], template: "\"{{a.b.c}}\" == \"\"", expected: "\"\" == \"\""),
            Case(name: "Dotted Names - Broken Chain Resolution", data: ["a": ["b": [:]], "c": ["name": "Jim"]],
                 template: "\"{{a.b.c.name}}\" == \"\"", expected: "\"\" == \"\""),
            Case(name: "Dotted Names - Initial Resolution",
                 data: ["a": ["b": ["c": ["d": ["e": ["name": "Phil"]]]]], "b": ["c": ["d": ["e": ["name": "Wrong"]]]]],
                 template: "\"{{#a}}{{b.c.d.e.name}}{{/a}}\" == \"Phil\"", expected: "\"Phil\" == \"Phil\""),
            Case(name: "Dotted Names - Context Precedence", data: ["a": ["b": [:]], "b": ["c": "ERROR"]],
                 template: "{{#a}}{{b.c}}{{/a}}", expected: ""),
            Case(name: "Implicit Iterators - Basic Interpolation", data: "world", template: "Hello, {{.}}!\n", expected: "Hello, world!\n"),
            Case(name: "Implicit Iterators - HTML Escaping", data: "& \" < >",
                 template: "These characters should be HTML escaped: {{.}}\n",
                 expected: "These characters should be HTML escaped: &amp; &quot; &lt; &gt;\n"),
            Case(name: "Interpolation - Surrounding Whitespace", data: ["string": "---"], template: "| {{string}} |", expected: "| --- |"),
            Case(name: "Interpolation - Standalone", data: ["string": "---"], template: "  {{string}}\n", expected: "  ---\n"),
            Case(name: "Triple Mustache - Standalone", data: ["string": "---"], template: "  {{{string}}}\n", expected: "  ---\n"),
            Case(name: "Interpolation With Padding", data: ["string": "---"], template: "|{{ string }}|", expected: "|---|"),
            Case(name: "Triple Mustache With Padding", data: ["string": "---"], template: "|{{{ string }}}|", expected: "|---|"),
            Case(name: "Ampersand With Padding", data: ["string": "---"], template: "|{{& string }}|", expected: "|---|"),
        ])
    }

    func testSections() {
        run([
            Case(name: "Truthy", data: ["boolean": true], template: "\"{{#boolean}}This should be rendered.{{/boolean}}\"",
                 expected: "\"This should be rendered.\""),
            Case(name: "Falsey", data: ["boolean": false], template: "\"{{#boolean}}This should not be rendered.{{/boolean}}\"", expected: "\"\""),
            Case(name: "Null is falsey", data: ["null": nil], template: "\"{{#null}}This should not be rendered.{{/null}}\"", expected: "\"\""),
            Case(name: "Context", data: ["context": ["name": "Joe"]], template: "\"{{#context}}Hi {{name}}.{{/context}}\"", expected: "\"Hi Joe.\""),
            Case(name: "Parent contexts", data: ["a": "foo", "b": "wrong", "sec": ["b": "bar"], "c": ["d": "baz"]],
                 template: "\"{{#sec}}{{a}}, {{b}}, {{c.d}}{{/sec}}\"", expected: "\"foo, bar, baz\""),
            Case(name: "Variable test", data: ["foo": "bar"], template: "\"{{#foo}}{{.}} is {{foo}}{{/foo}}\"", expected: "\"bar is bar\""),
            Case(name: "List", data: ["list": [["item": 1], ["item": 2], ["item": 3]]],
                 template: "\"{{#list}}{{item}}{{/list}}\"", expected: "\"123\""),
            Case(name: "Empty List", data: ["list": []], template: "\"{{#list}}Yay lists!{{/list}}\"", expected: "\"\""),
            Case(name: "Doubled", data: ["bool": true, "two": "second"],
                 template: "{{#bool}}\n* first\n{{/bool}}\n* {{two}}\n{{#bool}}\n* third\n{{/bool}}\n",
                 expected: "* first\n* second\n* third\n"),
            Case(name: "Nested (Truthy)", data: ["bool": true], template: "| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |",
                 expected: "| A B C D E |"),
            Case(name: "Nested (Falsey)", data: ["bool": false], template: "| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |",
                 expected: "| A  E |"),
            Case(name: "Context Misses", data: [:], template: "[{{#missing}}Found key 'missing'!{{/missing}}]", expected: "[]"),
            Case(name: "Implicit Iterator - String", data: ["list": ["a", "b", "c", "d", "e"]],
                 template: "\"{{#list}}({{.}}){{/list}}\"", expected: "\"(a)(b)(c)(d)(e)\""),
            Case(name: "Implicit Iterator - Integer", data: ["list": [1, 2, 3, 4, 5]],
                 template: "\"{{#list}}({{.}}){{/list}}\"", expected: "\"(1)(2)(3)(4)(5)\""),
            Case(name: "Implicit Iterator - Array", data: ["list": [[1, 2, 3], ["a", "b", "c"]]],
                 template: "\"{{#list}}({{#.}}{{.}}{{/.}}){{/list}}\"", expected: "\"(123)(abc)\""),
            Case(name: "Dotted Names - Truthy", data: ["a": ["b": ["c": true]]],
                 template: "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"Here\"", expected: "\"Here\" == \"Here\""),
            Case(name: "Dotted Names - Falsey", data: ["a": ["b": ["c": false]]],
                 template: "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"\"", expected: "\"\" == \"\""),
            Case(name: "Dotted Names - Broken Chains", data: ["a": [:]],
                 template: "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"\"", expected: "\"\" == \"\""),
            Case(name: "Surrounding Whitespace", data: ["boolean": true], template: " | {{#boolean}}\t|\t{{/boolean}} | \n",
                 expected: " | \t|\t | \n"),
            Case(name: "Internal Whitespace", data: ["boolean": true],
                 template: " | {{#boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n", expected: " |  \n  | \n"),
            Case(name: "Indented Inline Sections", data: ["boolean": true],
                 template: " {{#boolean}}YES{{/boolean}}\n {{#boolean}}GOOD{{/boolean}}\n", expected: " YES\n GOOD\n"),
            Case(name: "Standalone Lines", data: ["boolean": true],
                 template: "| This Is\n{{#boolean}}\n|\n{{/boolean}}\n| A Line\n", expected: "| This Is\n|\n| A Line\n"),
            Case(name: "Indented Standalone Lines", data: ["boolean": true],
                 template: "| This Is\n  {{#boolean}}\n|\n  {{/boolean}}\n| A Line\n", expected: "| This Is\n|\n| A Line\n"),
            Case(name: "Standalone Line Endings", data: ["boolean": true],
                 template: "|\r\n{{#boolean}}\r\n{{/boolean}}\r\n|", expected: "|\r\n|"),
            Case(name: "Standalone Without Previous Line", data: ["boolean": true],
                 template: "  {{#boolean}}\n#{{/boolean}}\n/", expected: "#\n/"),
            Case(name: "Standalone Without Newline", data: ["boolean": true],
                 template: "#{{#boolean}}\n/\n  {{/boolean}}", expected: "#\n/\n"),
            Case(name: "Padding", data: ["boolean": true], template: "|{{# boolean }}={{/ boolean }}|", expected: "|=|"),
        ])
    }

    func testInvertedSections() {
        run([
            Case(name: "Falsey", data: ["boolean": false], template: "\"{{^boolean}}This should be rendered.{{/boolean}}\"",
                 expected: "\"This should be rendered.\""),
            Case(name: "Truthy", data: ["boolean": true], template: "\"{{^boolean}}This should not be rendered.{{/boolean}}\"", expected: "\"\""),
            Case(name: "Null is falsey", data: ["null": nil], template: "\"{{^null}}This should be rendered.{{/null}}\"",
                 expected: "\"This should be rendered.\""),
            Case(name: "Context", data: ["context": ["name": "Joe"]], template: "\"{{^context}}Hi {{name}}.{{/context}}\"", expected: "\"\""),
            Case(name: "List", data: ["list": [["n": 1], ["n": 2], ["n": 3]]], template: "\"{{^list}}{{n}}{{/list}}\"", expected: "\"\""),
            Case(name: "Empty List", data: ["list": []], template: "\"{{^list}}Yay lists!{{/list}}\"", expected: "\"Yay lists!\""),
            Case(name: "Nested (Falsey)", data: ["bool": false], template: "| A {{^bool}}B {{^bool}}C{{/bool}} D{{/bool}} E |",
                 expected: "| A B C D E |"),
            Case(name: "Context Misses", data: [:], template: "[{{^missing}}Found key 'missing'!{{/missing}}]",
                 expected: "[Found key 'missing'!]"),
            Case(name: "Dotted Names - Truthy", data: ["a": ["b": ["c": true]]],
                 template: "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"\"", expected: "\"\" == \"\""),
            Case(name: "Dotted Names - Falsey", data: ["a": ["b": ["c": false]]],
                 template: "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"Not Here\"", expected: "\"Not Here\" == \"Not Here\""),
            Case(name: "Standalone Lines", data: ["boolean": false],
                 template: "| This Is\n{{^boolean}}\n|\n{{/boolean}}\n| A Line\n", expected: "| This Is\n|\n| A Line\n"),
            Case(name: "Standalone Indented Lines", data: ["boolean": false],
                 template: "| This Is\n  {{^boolean}}\n|\n  {{/boolean}}\n| A Line\n", expected: "| This Is\n|\n| A Line\n"),
        ])
    }

    func testComments() {
        run([
            Case(name: "Inline", data: [:], template: "12345{{! Comment Block! }}67890", expected: "1234567890"),
            Case(name: "Multiline", data: [:], template: "12345{{!\n  This is a\n  multi-line comment...\n}}67890\n",
                 expected: "1234567890\n"),
            Case(name: "Standalone", data: [:], template: "Begin.\n{{! Comment Block! }}\nEnd.\n", expected: "Begin.\nEnd.\n"),
            Case(name: "Indented Standalone", data: [:], template: "Begin.\n  {{! Indented Comment Block! }}\nEnd.\n",
                 expected: "Begin.\nEnd.\n"),
            Case(name: "Standalone Line Endings", data: [:], template: "|\r\n{{! Standalone Comment }}\r\n|", expected: "|\r\n|"),
            Case(name: "Standalone Without Previous Line", data: [:], template: "  {{! I'm Still Standalone }}\n!", expected: "!"),
            Case(name: "Standalone Without Newline", data: [:], template: "!\n  {{! I'm Still Standalone }}", expected: "!\n"),
            Case(name: "Multiline Standalone", data: [:], template: "Begin.\n{{!\nSomething's going on here...\n}}\nEnd.\n",
                 expected: "Begin.\nEnd.\n"),
            Case(name: "Indented Inline", data: [:], template: "  12 {{! 34 }}\n", expected: "  12 \n"),
            Case(name: "Surrounding Whitespace", data: [:], template: "12345 {{! Comment Block! }} 67890", expected: "12345  67890"),
            Case(name: "Variable Name Collision", data: ["! comment": 1, "! comment ": 2, "!comment": 3, "comment": 4],
                 template: "comments never show: >{{! comment }}<", expected: "comments never show: ><"),
        ])
    }

    func testPartials() {
        run([
            Case(name: "Basic Behavior", data: [:], template: "\"{{>text}}\"", partials: ["text": "from partial"],
                 expected: "\"from partial\""),
            Case(name: "Context", data: ["text": "content"], template: "\"{{>partial}}\"", partials: ["partial": "*{{text}}*"],
                 expected: "\"*content*\""),
            Case(name: "Recursion", data: ["content": "X", "nodes": [["content": "Y", "nodes": []]]], template: "{{>node}}",
                 partials: ["node": "{{content}}<{{#nodes}}{{>node}}{{/nodes}}>"], expected: "X<Y<>>"),
            Case(name: "Nested", data: ["a": "hello", "b": "world"], template: "{{>outer}}",
                 partials: ["outer": "*{{a}} {{>inner}}*", "inner": "{{b}}!"], expected: "*hello world!*"),
            Case(name: "Surrounding Whitespace", data: [:], template: "| {{>partial}} |", partials: ["partial": "\t|\t"],
                 expected: "| \t|\t |"),
            Case(name: "Inline Indentation", data: ["data": "|"], template: "  {{data}}  {{> partial}}\n",
                 partials: ["partial": ">\n>"], expected: "  |  >\n>\n"),
            Case(name: "Standalone Line Endings", data: [:], template: "|\r\n{{>partial}}\r\n|", partials: ["partial": ">"],
                 expected: "|\r\n>|"),
            Case(name: "Standalone Without Previous Line", data: [:], template: "  {{>partial}}\n>",
                 partials: ["partial": ">\n>"], expected: "  >\n  >>"),
            Case(name: "Standalone Without Newline", data: [:], template: ">\n  {{>partial}}", partials: ["partial": ">\n>"],
                 expected: ">\n  >\n  >"),
            Case(name: "Standalone Indentation", data: ["content": "<\n->"], template: "\\\n {{>partial}}\n/\n",
                 partials: ["partial": "|\n{{{content}}}\n|\n"], expected: "\\\n |\n <\n->\n |\n/\n"),
            Case(name: "Padding Whitespace", data: ["boolean": true], template: "|{{> partial }}|", partials: ["partial": "[]"],
                 expected: "|[]|"),
        ])
        // Spec "Failed Lookup" renders nothing; a missing partial here is a typo to report at start.
        XCTAssertEqual(loadError("\"{{>text}}\"")?.reason, .unknownPartial("text"))
    }

    func testInheritance() {
        run([
            Case(name: "Default", data: [:], template: "{{$title}}Default title{{/title}}\n", expected: "Default title\n"),
            Case(name: "Variable", data: ["bar": "baz"], template: "{{$foo}}{{bar}}{{/foo}}", expected: "baz"),
            Case(name: "Triple Mustache", data: ["bar": "<baz>"], template: "{{$foo}}{{{bar}}}{{/foo}}", expected: "<baz>"),
            Case(name: "Sections", data: ["bar": ["baz": "qux"]], template: "{{$foo}}{{#bar}}{{baz}}{{/bar}}{{/foo}}", expected: "qux"),
            Case(name: "Negated Sections", data: ["baz": "three"], template: "{{$foo}}{{^bar}}{{baz}}{{/bar}}{{/foo}}", expected: "three"),
            Case(name: "Mustache Injection", data: ["bar": "{{baz}}"], template: "{{$foo}}{{bar}}{{/foo}}", expected: "{{baz}}"),
            Case(name: "Inherit", data: [:], template: "{{<include}}{{/include}}",
                 partials: ["include": "{{$foo}}default content{{/foo}}"], expected: "default content"),
            Case(name: "Overridden content", data: [:], template: "{{<super}}{{$title}}sub template title{{/title}}{{/super}}",
                 partials: ["super": "...{{$title}}Default title{{/title}}..."], expected: "...sub template title..."),
            Case(name: "Data does not override block", data: ["var": "var in data"],
                 template: "{{<include}}{{$var}}var in template{{/var}}{{/include}}",
                 partials: ["include": "{{$var}}var in include{{/var}}"], expected: "var in template"),
            Case(name: "Data does not override block default", data: ["var": "var in data"], template: "{{<include}}{{/include}}",
                 partials: ["include": "{{$var}}var in include{{/var}}"], expected: "var in include"),
            Case(name: "Overridden parent", data: [:], template: "test {{<parent}}{{$stuff}}override{{/stuff}}{{/parent}}",
                 partials: ["parent": "{{$stuff}}...{{/stuff}}"], expected: "test override"),
            Case(name: "Two overridden parents", data: [:],
                 template: "test {{<parent}}{{$stuff}}override1{{/stuff}}{{/parent}} {{<parent}}{{$stuff}}override2{{/stuff}}{{/parent}}\n",
                 partials: ["parent": "|{{$stuff}}...{{/stuff}}{{$default}} default{{/default}}|"],
                 expected: "test |override1 default| |override2 default|\n"),
            Case(name: "Only one override", data: [:], template: "{{<parent}}{{$stuff2}}override two{{/stuff2}}{{/parent}}",
                 partials: ["parent": "{{$stuff}}new default one{{/stuff}}, {{$stuff2}}new default two{{/stuff2}}"],
                 expected: "new default one, override two"),
            Case(name: "Parent template", data: [:], template: "{{>parent}}|{{<parent}}{{/parent}}",
                 partials: ["parent": "{{$foo}}default content{{/foo}}"], expected: "default content|default content"),
            Case(name: "Multi-level inheritance", data: [:], template: "{{<parent}}{{$a}}c{{/a}}{{/parent}}",
                 partials: ["parent": "{{<older}}{{$a}}p{{/a}}{{/older}}", "older": "{{<grandParent}}{{$a}}o{{/a}}{{/grandParent}}",
                            "grandParent": "{{$a}}g{{/a}}"], expected: "c"),
            Case(name: "Multi-level inheritance, no sub child", data: [:], template: "{{<parent}}{{/parent}}",
                 partials: ["parent": "{{<older}}{{$a}}p{{/a}}{{/older}}", "older": "{{<grandParent}}{{$a}}o{{/a}}{{/grandParent}}",
                            "grandParent": "{{$a}}g{{/a}}"], expected: "p"),
            Case(name: "Text inside parent", data: [:], template: "{{<parent}} asdfasd {{$foo}}hmm{{/foo}} asdfasdfasdf {{/parent}}",
                 partials: ["parent": "{{$foo}}default content{{/foo}}"], expected: "hmm"),
            Case(name: "Block scope", data: ["fruit": "apples", "nested": ["fruit": "bananas"]],
                 template: "{{<parent}}{{$block}}I say {{fruit}}.{{/block}}{{/parent}}",
                 partials: ["parent": "{{#nested}}{{$block}}You say {{fruit}}.{{/block}}{{/nested}}"], expected: "I say bananas."),
        ])
    }
}
