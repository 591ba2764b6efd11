import Core
import Glibc

extension ProcessLog {
    /// One line per retention run (`Application.startRetention`), the
    /// count of every kind, none left out: what an operator checks a run
    /// by, and what the tests wait for. A failed run is told on standard
    /// error, as an error.
    func retention(_ trigger: RetentionTrigger, _ outcome: Result<RetentionReport, any Error>) {
        switch outcome {
        case .success(let report):
            let counts = RetentionKind.allCases.map { ($0.rawValue, report[$0]) }
            let text = "terminbuch: retention run (\(trigger.rawValue)) erased or removed "
                + counts.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
                + (report.logEmptied == false ? "; a reader held the write-ahead log, the next checkpoint empties it" : "")
                + (report.stoppedEarly ? "; stopped early for the shutdown, the next run goes on" : "")
            Self.write(format.event("retention", text, counts: counts), to: STDOUT_FILENO)
        case .failure(let error):
            let text = "terminbuch: retention run (\(trigger.rawValue)) failed, tried again at the next retention time: \(error)"
            Self.write(format.event("retention", text, counts: [], level: .error), to: STDERR_FILENO)
        }
    }
}
