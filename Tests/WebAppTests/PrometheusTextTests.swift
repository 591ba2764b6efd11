import HTTPServer
import XCTest

@testable import WebApp

/// The text format's pieces: escaped label values, cumulative histogram
/// buckets, and the request counters by route pattern and status.
final class PrometheusTextTests: XCTestCase {
    func testLabelValuesAreEscaped() {
        var text = PrometheusText()
        text.family("x_total", .counter, help: "X.")
        text.sample("x_total", [("route", "/a\\b\"c\"\nd")], 2)
        XCTAssertEqual(text.text, "# HELP x_total X.\n# TYPE x_total counter\nx_total{route=\"/a\\\\b\\\"c\\\"\\nd\"} 2\n")
    }

    func testHistogramBucketsAreCumulativeWithSumAndCount() {
        let histogram = LatencyHistogram()
        for microseconds: Int64 in [800, 1_000, 20_000, 60_000_000] { histogram.observe(microseconds: microseconds) }
        histogram.observe(.milliseconds(3))
        var text = PrometheusText()
        histogram.write("d_seconds", labels: [("a", "b")], into: &text)
        let lines = text.text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "d_seconds_bucket{a=\"b\",le=\"0.001\"} 2", "a bound is inclusive")
        XCTAssertTrue(lines.contains("d_seconds_bucket{a=\"b\",le=\"0.0025\"} 2"))
        XCTAssertTrue(lines.contains("d_seconds_bucket{a=\"b\",le=\"0.005\"} 3"))
        XCTAssertTrue(lines.contains("d_seconds_bucket{a=\"b\",le=\"0.025\"} 4"))
        XCTAssertTrue(lines.contains("d_seconds_bucket{a=\"b\",le=\"10\"} 4"))
        XCTAssertEqual(Array(lines.suffix(3)), ["d_seconds_bucket{a=\"b\",le=\"+Inf\"} 5", "d_seconds_sum{a=\"b\"} 60.0248",
                                                "d_seconds_count{a=\"b\"} 5"])
        XCTAssertEqual(histogram.count, 5)
    }

    func testRequestsAreCountedByRoutePatternAndStatus() {
        let builder = RouterBuilder()
        builder.get("/offices/:id") { _ in .text("office") }
        builder.post("/offices/:id") { _ in .text("changed") }
        let router = builder.build()
        let metrics = RequestMetrics(router: router)
        let get = router.routes.first { $0.method == .get }
        for status in [200, 200, 404] { metrics.observe(Exchange(route: get, status: status, microseconds: 1_500)) }
        metrics.observe(Exchange(route: nil, status: 405, microseconds: 10))
        var text = PrometheusText()
        metrics.write(into: &text)
        let lines = Set(text.text.split(separator: "\n").map(String.init))
        XCTAssertTrue(lines.contains("terminbuch_http_requests_total{method=\"GET\",route=\"/offices/:id\",status=\"200\"} 2"))
        XCTAssertTrue(lines.contains("terminbuch_http_requests_total{method=\"GET\",route=\"/offices/:id\",status=\"404\"} 1"))
        XCTAssertTrue(lines.contains("terminbuch_http_requests_total{method=\"-\",route=\"-\",status=\"405\"} 1"))
        XCTAssertTrue(lines.contains("terminbuch_http_request_duration_seconds_count{method=\"GET\",route=\"/offices/:id\"} 3"))
        XCTAssertTrue(lines.contains("terminbuch_http_request_duration_seconds_bucket{method=\"GET\",route=\"/offices/:id\",le=\"0.001\"} 0"))
        XCTAssertTrue(lines.contains("terminbuch_http_request_duration_seconds_bucket{method=\"GET\",route=\"/offices/:id\",le=\"0.0025\"} 3"))
        XCTAssertFalse(text.text.contains("method=\"POST\""), "a route never asked is not written")
    }
}
