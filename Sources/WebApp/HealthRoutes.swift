import Core
import HTTPServer

/// `GET /health`: 200 `{"status":"ok"}` when the database answers, 503 otherwise;
/// never from a cache, which would answer for a server that may be gone.
struct HealthRoutes {
    let store: Store

    func register(on builder: RouterBuilder) {
        builder.get("/health") { [store] _ in
            store.isHealthy()
                ? HTTPResponse(status: .ok, contentType: "application/json", body: Array(#"{"status":"ok"}"#.utf8),
                               headers: ["Cache-Control": "no-store"])
                : HTTPResponse(status: .serviceUnavailable, contentType: "application/json",
                               body: Array(#"{"status":"unavailable"}"#.utf8), headers: ["Cache-Control": "no-store"])
        }
    }
}
