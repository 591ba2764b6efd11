import Foundation
import XCTest

/// Runs a property over many generated cases, each from its own seed.
///
/// Every case seed is derived from `SCHEDULING_SEED` (default fixed) and the
/// case number, so runs are reproducible. A failing case prints its seed; set
/// `SCHEDULING_CASE_SEED=0x…` to run just that case again.
///
/// In CI (`CI` set) each property also runs from a fresh random base seed,
/// printed with the command that repeats the run, so that every CI run
/// explores cases no run before it has, and a failure among them reproduces.
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
    ///   With a fresh base seed besides the fixed one, still the cases of one.
    @discardableResult
    static func check(_ name: String, cases count: Int = 1000, salt: UInt64,
                      file: StaticString = #filePath, line: UInt = #line,
                      _ property: (_ seed: UInt64) -> String?) -> Int? {
        if let only = onlyCaseSeed {
            return run(name, seeds: [only], file: file, line: line, property)
        }
        guard let cases = run(name, seeds: caseSeeds(base: baseSeed, salt: salt, count: count), file: file, line: line, property)
        else { return nil }
        if let fresh = freshBaseSeed {
            let hex = hexadecimal(fresh)
            let suite = String(describing: file).split(separator: "/").last.map { $0.replacingOccurrences(of: ".swift", with: "") } ?? ""
            print("\(name): also from the fresh base seed \(hex); "
                  + "repeat with: SCHEDULING_SEED=\(hex) swift test --filter SchedulingTests.\(suite)")
            guard run(name, seeds: caseSeeds(base: fresh, salt: salt, count: count), file: file, line: line, property) != nil
            else { return nil }
        }
        return cases
    }

    /// A random base seed in CI, unless `SCHEDULING_SEED` asks for one run.
    static var freshBaseSeed: UInt64? {
        let environment = ProcessInfo.processInfo.environment
        guard environment["CI"].map({ !$0.isEmpty }) ?? false, parseSeed(environment["SCHEDULING_SEED"]) == nil else { return nil }
        return UInt64.random(in: .min ... .max)
    }

    static func caseSeeds(base: UInt64, salt: UInt64, count: Int) -> [UInt64] {
        var derive = SplitMix64(seed: base ^ (salt &* 0x9E37_79B9_7F4A_7C15))
        return (0..<count).map { _ in derive.next() }
    }

    private static func run(_ name: String, seeds: [UInt64], file: StaticString, line: UInt,
                            _ property: (_ seed: UInt64) -> String?) -> Int? {
        for (index, seed) in seeds.enumerated() {
            if let failure = property(seed) {
                let hex = hexadecimal(seed)
                XCTFail("\(name): case \(index) failed (SCHEDULING_CASE_SEED=\(hex)): \(failure)", file: file, line: line)
                print("Reproduce with: SCHEDULING_CASE_SEED=\(hex) swift test --filter SchedulingTests")
                return nil
            }
        }
        return seeds.count
    }

    static func hexadecimal(_ seed: UInt64) -> String { "0x" + String(seed, radix: 16) }

    /// Whether coverage expectations apply (not when replaying one seed).
    static var isFullRun: Bool { onlyCaseSeed == nil }
}
