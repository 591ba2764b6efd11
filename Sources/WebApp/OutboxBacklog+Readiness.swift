import Core

/// How `/ready` says that mail delivery is stuck: 503 with the reason, for
/// operators, in the shape of the store's readiness problem. A restart does
/// not clear it; a worker that sends the due messages does.
extension OutboxBacklog {
    var stuckProblem: Problem {
        Problem(type: .mailDeliveryStuck,
                detail: "Not ready: mail delivery is stuck: \(pending) e-mails pending, the oldest due for "
                    + "\(oldestDueSeconds / 60) minutes (more than \(Self.stuckAfterMinutes)).",
                extensions: ["needsRestart": .bool(false), "oldestDueSeconds": .int(oldestDueSeconds)],
                headers: ["Cache-Control": "no-store"])
    }
}
