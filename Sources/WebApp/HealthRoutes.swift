import Core
import HTTPServer

/// `GET /health`: 200 `{"status":"ok"}` when the database answers, 503
/// otherwise — the process is alive. `GET /ready`: 200 `{"status":"ready"}`
/// when the store can be read and written now (`Store.readiness`) and mail
/// delivery is not stuck (`OutboxBacklog.isStuck`; not judged for a server
/// that sends no mail, `--no-mail`, whose messages wait by design), else the 503 problem
/// saying why — the server can take bookings and tell citizens of them.
/// Never from a cache, which would answer for a server that may be gone.
struct HealthRoutes {
    let store: Store
    /// Nil when the server sends no mail.
    let outbox: Outbox?

    func register(on builder: RouterBuilder) {
        builder.get("/health") { [store] _ in
            store.isHealthy()
                ? HTTPResponse(status: .ok, contentType: "application/json", body: Array(#"{"status":"ok"}"#.utf8),
                               headers: ["Cache-Control": "no-store"])
                : HTTPResponse(status: .serviceUnavailable, contentType: "application/json",
                               body: Array(#"{"status":"unavailable"}"#.utf8), headers: ["Cache-Control": "no-store"])
        }
        builder.get("/ready") { [store, outbox] _ in
            if let fault = store.readiness() { return fault.readinessProblem.response }
            do {
                if let backlog = try outbox?.backlog(), backlog.isStuck { return backlog.stuckProblem.response }
            } catch let fault as StoreUnavailable {
                return fault.readinessProblem.response
            }
            return HTTPResponse(status: .ok, contentType: "application/json", body: Array(#"{"status":"ready"}"#.utf8),
                                headers: ["Cache-Control": "no-store"])
        }
    }
}
