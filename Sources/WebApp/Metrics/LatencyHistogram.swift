/// A latency histogram in `AtomicCounters`, from `base` on: one slot per
/// bucket (the last for everything slower), then the sum in microseconds.
/// The buckets suit a web request and a commit alike: an fsync takes about
/// a millisecond, a page a few, a request past ten seconds has failed.
struct LatencyHistogram {
    /// Upper bounds in microseconds, with their text for `le`.
    static let bounds: [(microseconds: Int64, text: String)] = [
        (1_000, "0.001"), (2_500, "0.0025"), (5_000, "0.005"), (10_000, "0.01"), (25_000, "0.025"), (50_000, "0.05"),
        (100_000, "0.1"), (250_000, "0.25"), (500_000, "0.5"), (1_000_000, "1"), (2_500_000, "2.5"), (10_000_000, "10"),
    ]
    /// The buckets, the one past the last bound, and the sum.
    static let slotCount = bounds.count + 2

    let counters: AtomicCounters
    let base: Int

    /// A histogram with counters of its own.
    init() {
        self.init(counters: AtomicCounters(count: Self.slotCount), base: 0)
    }

    init(counters: AtomicCounters, base: Int) {
        self.counters = counters
        self.base = base
    }

    func observe(microseconds: Int64) {
        let bucket = Self.bounds.firstIndex { microseconds <= $0.microseconds } ?? Self.bounds.count
        counters.add(1, at: base + bucket)
        counters.add(Int(max(0, microseconds)), at: base + Self.bounds.count + 1)
    }

    func observe(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        observe(microseconds: seconds * 1_000_000 + attoseconds / 1_000_000_000_000)
    }

    /// Observations so far; a reading taken while others observe may be a
    /// few behind in one bucket, never ahead.
    var count: Int { (0...Self.bounds.count).reduce(0) { $0 + counters[base + $1] } }

    /// Writes the `_bucket` (cumulative, as Prometheus wants), `_sum` and
    /// `_count` lines; the family's `# HELP` and `# TYPE` are the caller's.
    func write(_ name: String, labels: [(String, String)], into text: inout PrometheusText) {
        var cumulative = 0
        for (index, bound) in Self.bounds.enumerated() {
            cumulative += counters[base + index]
            text.sample(name + "_bucket", labels + [("le", bound.text)], cumulative)
        }
        cumulative += counters[base + Self.bounds.count]
        text.sample(name + "_bucket", labels + [("le", "+Inf")], cumulative)
        text.sample(name + "_sum", labels, seconds: Double(counters[base + Self.bounds.count + 1]) / 1_000_000)
        text.sample(name + "_count", labels, cumulative)
    }
}
