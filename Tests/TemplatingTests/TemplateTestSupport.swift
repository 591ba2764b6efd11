import XCTest
@testable import Templating

/// Renders `template` (as the template "page") with `partials` beside it.
func render(_ template: String, _ context: TemplateValue = [:], partials: [String: String] = [:]) throws -> String {
    var sources = partials
    sources["page"] = template
    return try TemplateLibrary(templates: sources).renderString("page", context)
}

/// The error loading `template` (as "page") fails with; fails the test if it loads.
func loadError(_ template: String, partials: [String: String] = [:],
               file: StaticString = #filePath, line: UInt = #line) -> TemplateError? {
    var sources = partials
    sources["page"] = template
    do {
        _ = try TemplateLibrary(templates: sources)
        XCTFail("expected a load error", file: file, line: line)
        return nil
    } catch {
        return error
    }
}

/// Asserts that loading fails at `line`:`column` for `reason`.
func assertLoadError(_ template: String, partials: [String: String] = [:], at position: (Int, Int),
                     _ reason: TemplateError.Reason, file: StaticString = #filePath, line: UInt = #line) {
    guard let error = loadError(template, partials: partials, file: file, line: line) else { return }
    XCTAssertEqual(error.reason, reason, "\(error)", file: file, line: line)
    XCTAssertEqual(error.line, position.0, "line of \(error)", file: file, line: line)
    XCTAssertEqual(error.column, position.1, "column of \(error)", file: file, line: line)
}

/// A fresh temporary directory holding `files` (path → contents); removed by the caller.
func temporaryDirectory(_ files: [String: String]) throws -> String {
    let root = NSTemporaryDirectory() + "templating-\(UUID().uuidString)"
    for (path, contents) in files {
        let full = root + "/" + path
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: URL(fileURLWithPath: full))
    }
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    return root
}
