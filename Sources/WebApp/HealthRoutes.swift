import Booking
import HTTPServer

/// `GET /health`: 200 `{"status":"ok"}` when the database answers, 503 otherwise.
struct HealthRoutes {
    let store: Store

    func register(on builder: RouterBuilder) {
        builder.get("/health") { [store] _ in
            store.isHealthy()
                ? HTTPResponse(status: .ok, contentType: "application/json", body: Array(#"{"status":"ok"}"#.utf8))
                : HTTPResponse(status: .serviceUnavailable, contentType: "application/json",
                               body: Array(#"{"status":"unavailable"}"#.utf8))
        }
    }
}
