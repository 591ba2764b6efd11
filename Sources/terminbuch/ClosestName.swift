/// The known name nearest to a mistyped one, by edit distance (insertions,
/// deletions and substitutions of one character each), so that
/// `--prot` is answered with `--port`. A tie goes to the name listed first.
enum ClosestName {
    static func to(_ typed: String, among known: [String]) -> String? {
        known.min { distance(typed, $0) < distance(typed, $1) }
    }

    /// Levenshtein distance, one row at a time.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for (i, left) in a.enumerated() {
            var current = [i + 1]
            for (j, right) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (left == right ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
