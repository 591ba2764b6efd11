import Booking
import HTTPServer

/// The web application: the store, the static files and every route,
/// wired once at start into a frozen router.
public final class Application: Sendable {
    public let store: Store
    public let router: Router

    public init(databasePath: String, publicDirectory: String) throws {
        store = try Store(path: databasePath)
        let files = try StaticFiles(directory: publicDirectory)
        let builder = RouterBuilder()
        builder.use(SecurityHeaders.middleware)
        files.register(on: builder)
        HealthRoutes(store: store).register(on: builder)
        router = builder.build()
    }

    public func close() {
        store.close()
    }
}
