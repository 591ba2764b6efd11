import Foundation
import XCTest

/// Runs a property over many generated cases, each from its own seed.
///
/// Every case seed is derived from `SCHEDULING_SEED` (default fixed) and the
/// case number, so runs are reproducible. A failing case prints its seed; set
/// `SCHEDULING_CASE_SEED=0x…` to run just that case again.
enum PropertyRunner {
    static let defaultBaseSeed: UInt64 = 0x7E57_AB1E_2026_0001

    static var baseSeed: UInt64 {
        parseSeed(ProcessInfo.processInfo.environment["SCHEDULING_SEED"]) ?? defaultBaseSeed
    }

    static var onlyCaseSeed: UInt64? {
        parseSeed(ProcessInfo.processInfo.environment["SCHEDULING_CASE_SEED"])
    }

    static func parseSeed(_ text: String?) -> UInt64? {
        guard let text, !text.isEmpty else { return nil }
        if text.hasPrefix("0x") { return UInt64(text.dropFirst(2), radix: 16) }
        return UInt64(text)
    }

    /// Calls `property` for `count` cases; it returns nil when the case holds,
    /// or a description of what broke. Stops at the first failure.
    /// - Returns: the number of cases run, or nil after a failure (so callers
    ///   skip their coverage checks instead of piling up follow-up failures).
    @discardableResult
    static func check(_ name: String, cases count: Int = 1000, salt: UInt64,
                      file: StaticString = #filePath, line: UInt = #line,
                      _ property: (_ seed: UInt64) -> String?) -> Int? {
        let seeds: [UInt64]
        if let only = onlyCaseSeed {
            seeds = [only]
        } else {
            var derive = SplitMix64(seed: baseSeed ^ (salt &* 0x9E37_79B9_7F4A_7C15))
            seeds = (0..<count).map { _ in derive.next() }
        }
        for (index, seed) in seeds.enumerated() {
            if let failure = property(seed) {
                let hex = "0x" + String(seed, radix: 16)
                XCTFail("\(name): case \(index) failed (SCHEDULING_CASE_SEED=\(hex)): \(failure)", file: file, line: line)
                print("Reproduce with: SCHEDULING_CASE_SEED=\(hex) swift test --filter SchedulingTests")
                return nil
            }
        }
        return seeds.count
    }

    /// Whether coverage expectations apply (not when replaying one seed).
    static var isFullRun: Bool { onlyCaseSeed == nil }
}
