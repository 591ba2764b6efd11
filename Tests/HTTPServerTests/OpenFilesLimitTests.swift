import Glibc
import XCTest
@testable import HTTPServer

/// The server raises its own soft limit on open files to the hard limit.
final class OpenFilesLimitTests: XCTestCase {
    func testTheSoftLimitIsRaisedToTheHardLimit() throws {
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        var original = rlimit()
        XCTAssertEqual(getrlimit(resource, &original), 0)
        defer { setrlimit(resource, &original) }
        guard original.rlim_max != rlim_t.max, original.rlim_max > 512 else {
            throw XCTSkip("needs a finite hard limit above 512")
        }
        var lowered = original
        lowered.rlim_cur = 512
        XCTAssertEqual(setrlimit(resource, &lowered), 0)

        let change = try OpenFilesLimit.raiseToHardLimit()
        XCTAssertEqual(change, OpenFilesLimit.Change(from: 512, to: UInt64(original.rlim_max)))
        XCTAssertEqual(OpenFilesLimit.current, UInt64(original.rlim_max))
        XCTAssertNil(try OpenFilesLimit.raiseToHardLimit(), "nothing left to raise")
    }
}
