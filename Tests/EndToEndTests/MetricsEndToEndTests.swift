import Foundation
import XCTest

/// `--metrics-listen`: the real server's `/metrics` on a listener of its
/// own, parsed as Prometheus reads the text format; its counters move by
/// exactly what happened between two scrapes, and the public port does
/// not serve it. (`scripts/metrics-check` runs Prometheus's own
/// `promtool check metrics` on the same text.)
final class MetricsEndToEndTests: XCTestCase {
    static let office = "buergerbuero-mitte"

    func testCountersMoveWithBookingsAndTheMetricsStayOffThePublicPort() throws {
        let server = try DemoServer.start(extraArguments: ["--metrics-listen", "127.0.0.1:0"])
        defer { server.stop() }
        let metricsPort = try Self.metricsPort(of: server.process)
        let client = APIClient(port: server.port)
        let scraper = APIClient(port: metricsPort)

        let before = try Self.scrape(scraper)
        let starts = try client.slotStarts(office: Self.office, date: server.date)
        XCTAssertGreaterThanOrEqual(starts.count, 2)
        for (index, start) in starts.prefix(2).enumerated() {
            let booked = try client.post("/api/v1/bookings", json: APIClient.bookingBody(
                office: Self.office, start: start, name: "Metrik \(index)", email: "metrik-\(index)@example.org"))
            XCTAssertEqual(booked.status, 201, booked.text)
        }
        let refused = try client.post("/api/v1/bookings", json: APIClient.bookingBody(
            office: Self.office, service: "no-such-service", start: starts[0], name: "Falsch", email: "falsch@example.org"))
        XCTAssertEqual(refused.status, 422, refused.text)
        let after = try Self.scrape(scraper)

        let created = "terminbuch_bookings_created_total{channel=\"online\",office=\"\(Self.office)\"}"
        XCTAssertEqual(after.value(created) - before.value(created), 2, "two bookings, the refused one not counted")
        let posted = "terminbuch_http_requests_total{method=\"POST\",route=\"/api/v1/bookings\",status=\"201\"}"
        XCTAssertEqual(after.value(posted) - before.value(posted), 2)
        let refusals = "terminbuch_http_requests_total{method=\"POST\",route=\"/api/v1/bookings\",status=\"422\"}"
        XCTAssertEqual(after.value(refusals) - before.value(refusals), 1)
        let timed = "terminbuch_http_request_duration_seconds_count{method=\"POST\",route=\"/api/v1/bookings\"}"
        XCTAssertEqual(after.value(timed) - before.value(timed), 3)
        let slowest = "terminbuch_http_request_duration_seconds_bucket{method=\"POST\",route=\"/api/v1/bookings\",le=\"+Inf\"}"
        XCTAssertEqual(after.value(slowest), after.value(timed), "the last bucket holds every request")
        XCTAssertGreaterThan(after.value("terminbuch_sqlite_commit_duration_seconds_count"),
                             before.value("terminbuch_sqlite_commit_duration_seconds_count"))
        XCTAssertGreaterThanOrEqual(after.value("terminbuch_http_open_connections"), 1, "the client's keep-alive connection")
        XCTAssertGreaterThan(after.value("process_resident_memory_bytes"), 1_000_000)
        XCTAssertGreaterThan(after.value("process_open_fds"), 3)
        XCTAssertEqual(after.value("terminbuch_outbox_pending_messages") - before.value("terminbuch_outbox_pending_messages"), 2,
                       "each booking's confirmation e-mail, waiting for the delivery worker")
        XCTAssertLessThan(after.value("terminbuch_outbox_oldest_due_age_seconds"), 15 * 60)
        XCTAssertNotNil(after.samples["terminbuch_sqlite_wal_bytes"])
        XCTAssertNotNil(after.samples["terminbuch_sqlite_write_queue_depth"])
        XCTAssertEqual(after.types["terminbuch_bookings_created_total"], "counter")
        XCTAssertEqual(after.types["terminbuch_http_request_duration_seconds"], "histogram")

        let publicMetrics = try client.get("/metrics")
        XCTAssertEqual(publicMetrics.status, 404, "never on the public port")
        XCTAssertFalse(publicMetrics.text.contains("terminbuch_"))
        XCTAssertEqual(try scraper.get("/health").status, 404, "the metrics listener serves /metrics alone")
        let unmatched = "terminbuch_http_requests_total{method=\"-\",route=\"-\",status=\"404\"}"
        XCTAssertEqual(try Self.scrape(scraper).value(unmatched) - after.value(unmatched), 1, "the public /metrics, counted as unmatched")
    }

    func testAMalformedListenAddressIsAUsageError() throws {
        let process = Process()
        process.executableURL = ServerProcess.executable
        process.arguments = ["serve", "--metrics-listen", "9464", "--database", "/nonexistent/never-created.sqlite",
                             "--public", ServerProcess.packageRoot.appendingPathComponent("Public").path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 64)
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertTrue(text.contains("--metrics-listen takes host:port"), text)
    }

    /// The metrics listener's port, from the line the server says when it listens.
    static func metricsPort(of process: ServerProcess) throws -> Int {
        guard process.waitForOutput(containing: "/metrics\n"),
              let port = process.output.firstMatch(of: /metrics on http:\/\/127\.0\.0\.1:(\d+)\/metrics/).flatMap({ Int($0.1) })
        else { throw RawClient.Failure(description: "no metrics listener:\n\(process.output)") }
        return port
    }

    static func scrape(_ client: APIClient) throws -> Exposition {
        let response = try client.get("/metrics")
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8")
        return try Exposition(parsing: response.text)
    }

    /// The text format read as Prometheus reads it: `# HELP` and `# TYPE`
    /// before a family's samples, each sample `name{labels} value`.
    struct Exposition {
        var samples: [String: Double] = [:]
        var types: [String: String] = [:]

        init(parsing text: String) throws {
            var helped: Set<String> = []
            for line in text.split(separator: "\n") {
                let fields = line.split(separator: " ", maxSplits: 3).map(String.init)
                if line.hasPrefix("# HELP ") {
                    helped.insert(fields[2])
                } else if line.hasPrefix("# TYPE ") {
                    XCTAssertTrue(helped.contains(fields[2]), "HELP before TYPE of \(fields[2])")
                    XCTAssertTrue(["counter", "gauge", "histogram"].contains(fields[3]), String(line))
                    if fields[3] == "counter" { XCTAssertTrue(fields[2].hasSuffix("_total"), fields[2]) }
                    types[fields[2]] = fields[3]
                } else {
                    guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                        throw RawClient.Failure(description: "not a sample: \(line)")
                    }
                    let series = String(line[..<space])
                    let name = String(series.prefix { $0 != "{" })
                    let family = ["_bucket", "_sum", "_count"].first { name.hasSuffix($0) && types[String(name.dropLast($0.count))] == "histogram" }
                        .map { String(name.dropLast($0.count)) } ?? name
                    XCTAssertNotNil(types[family], "TYPE before the samples of \(family)")
                    XCTAssertNil(samples[series], "one sample per series: \(series)")
                    samples[series] = value
                }
            }
        }

        /// A series' value; 0 for one not yet written (a counter appears with its first event).
        func value(_ series: String) -> Double { samples[series] ?? 0 }
    }
}
