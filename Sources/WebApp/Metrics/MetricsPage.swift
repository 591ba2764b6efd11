import Core
import HTTPServer

/// `GET /metrics`: every figure in the Prometheus text format, read at the
/// moment of the scrape. Served only on the metrics listener
/// (`--metrics-listen`), by a router of its own, never on the public port.
public struct MetricsPage: Sendable {
    let application: Application
    /// The public server, whose connections are counted.
    let server: HTTPServer

    public init(application: Application, server: HTTPServer) {
        self.application = application
        self.server = server
    }

    /// The metrics listener's router: `/metrics`, nothing else. The scrape
    /// reads the database (the outbox), so it runs on the blocking pool.
    public func router() -> Router {
        let builder = RouterBuilder()
        builder.get("/metrics") { [self] _ in
            HTTPResponse(status: .ok, contentType: PrometheusText.contentType, body: Array(render().utf8),
                         headers: ["Cache-Control": "no-store"])
        }
        return builder.build()
    }

    func render() -> String {
        var text = PrometheusText()
        application.requestMetrics.write(into: &text)
        text.gauge("terminbuch_http_open_connections", help: "Connections open on the public listener.", server.openConnections)
        writeTally(into: &text)
        writeWriter(into: &text)
        writeOutbox(into: &text)
        writeProcess(into: &text)
        return text.text
    }

    private static let tallyFamilies: [(Tally.Event, name: String, help: String)] = [
        (.bookingCreated, "terminbuch_bookings_created_total", "Bookings made, by channel and office."),
        (.bookingCancelled, "terminbuch_bookings_cancelled_total", "Bookings cancelled, by channel and office."),
        (.bookingMoved, "terminbuch_bookings_moved_total", "Bookings moved to another time, by channel and office."),
        (.holdMade, "terminbuch_holds_total", "Holds made while a form is filled in, by channel and office."),
        (.walkInTicketIssued, "terminbuch_walk_in_tickets_total", "Walk-in tickets issued, by channel and office."),
    ]

    private func writeTally(into text: inout PrometheusText) {
        let counts = application.store.tally.snapshot
            .sorted { ($0.key.officeId, $0.key.channel) < ($1.key.officeId, $1.key.channel) }
        for family in Self.tallyFamilies {
            text.family(family.name, .counter, help: family.help)
            for (key, count) in counts where key.event == family.0 {
                text.sample(family.name, [("channel", key.channel.rawValue), ("office", key.officeId.rawValue)], count)
            }
        }
    }

    private func writeWriter(into text: inout PrometheusText) {
        let figures = application.store.writerFigures
        text.gauge("terminbuch_sqlite_write_queue_depth", help: "Write transactions waiting for the single writer.",
                   figures.queuedWrites)
        text.gauge("terminbuch_sqlite_wal_bytes", help: "Size of the database's write-ahead log file.", figures.walBytes)
        text.family("terminbuch_sqlite_commit_duration_seconds", .histogram,
                    help: "The writer's transactions from BEGIN to a durable COMMIT; a group commit is one.")
        application.commitLatency.write("terminbuch_sqlite_commit_duration_seconds", labels: [], into: &text)
    }

    /// Left out while the store cannot be read: `/ready` says why.
    private func writeOutbox(into text: inout PrometheusText) {
        guard let backlog = try? application.useCases.outbox.backlog() else { return }
        text.gauge("terminbuch_outbox_pending_messages", help: "E-mails waiting to be sent, due or not.", backlog.pending)
        text.gauge("terminbuch_outbox_failed_messages", help: "E-mails given up on.", backlog.failed)
        text.gauge("terminbuch_outbox_oldest_due_age_seconds",
                   help: "How long the longest-waiting due e-mail has been due; 0 when none is.", Int(backlog.oldestDueSeconds))
    }

    private func writeProcess(into text: inout PrometheusText) {
        let process = ProcessFigures.read()
        if let bytes = process.residentBytes {
            text.gauge("process_resident_memory_bytes", help: "Resident memory size in bytes.", bytes)
        }
        if let files = process.openFiles {
            text.gauge("process_open_fds", help: "Number of open file descriptors.", files)
        }
    }
}
