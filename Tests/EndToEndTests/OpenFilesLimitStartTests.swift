import Foundation
import Glibc
import XCTest

/// `terminbuch serve` started with a low soft limit on open files (as many
/// systems start processes: 1024) raises it to the hard limit and says so.
final class OpenFilesLimitStartTests: XCTestCase {
    func testServeRaisesALowSoftLimitAndSaysSo() throws {
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        var original = rlimit()
        XCTAssertEqual(getrlimit(resource, &original), 0)
        guard original.rlim_max != rlim_t.max, original.rlim_max > 1000 else {
            throw XCTSkip("needs a finite hard limit above 1000")
        }
        var lowered = original
        lowered.rlim_cur = 1000
        XCTAssertEqual(setrlimit(resource, &lowered), 0)
        // The child inherits the lowered limit; the tests need theirs back at once.
        let server: ServerProcess
        do {
            defer { setrlimit(resource, &original) }
            server = try ServerProcess(arguments: ["--no-demo"])
        }
        defer { server.stop() }
        XCTAssertTrue(server.output.contains("terminbuch: raised the open-files limit from 1000 to \(original.rlim_max)"),
                      server.output)
        let limits = try String(contentsOfFile: "/proc/\(server.process.processIdentifier)/limits", encoding: .utf8)
        let line = limits.split(separator: "\n").first { $0.hasPrefix("Max open files") } ?? ""
        XCTAssertEqual(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst(3).first,
                       "\(original.rlim_max)"[...], String(line))
    }
}
