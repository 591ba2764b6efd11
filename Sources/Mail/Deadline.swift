import Glibc

/// An instant on the monotonic clock, so a step's time left is what is
/// left of its whole allowance, however often it waited.
struct Deadline {
    private let end: Double

    init(seconds: Double) { end = Self.now() + seconds }

    var remainingMilliseconds: Int32 { Int32(max(0, min(Double(Int32.max), (end - Self.now()) * 1000)).rounded(.up)) }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
