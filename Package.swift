// swift-tools-version:6.0
// Terminbuch: appointments for German public offices.
// No package dependencies by design: the system's libsqlite3, libcrypto, libssl and Glibc only.
import PackageDescription

let package = Package(
    name: "Terminbuch",
    products: [
        .executable(name: "terminbuch", targets: ["terminbuch"]),
        // For the fuzz targets in Fuzz/, a package of their own (Fuzz/run.sh).
        .library(name: "HTTPServer", targets: ["HTTPServer"]),
        .library(name: "WebApp", targets: ["WebApp"]),
        .library(name: "Core", targets: ["Core"]),
    ],
    targets: [
        // System libraries and the Linux shim (module maps and headers only).
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCrypto", path: "Sources/CCrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CLinux", path: "Sources/CLinux"),
        .systemLibrary(name: "CTLS", path: "Sources/CTLS", providers: [.apt(["libssl-dev"])]),

        // Infrastructure: knows nothing of appointments.
        .target(name: "HTTPServer", dependencies: ["CLinux"]),
        .target(name: "SQLite", dependencies: ["CSQLite"]),
        .target(name: "Templating"),
        .target(name: "Mail", dependencies: ["CTLS"]),

        // The domain core and the application.
        // The allocator is optimised in debug builds too: its property tests
        // make hundreds of thousands of decisions, four times faster so.
        .target(name: "Scheduling", swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        .target(name: "Core", dependencies: ["Scheduling", "SQLite", "CCrypto"]),
        .target(name: "WebApp", dependencies: ["HTTPServer", "Core", "Scheduling", "Templating", "Mail"]),
        .executableTarget(name: "terminbuch", dependencies: ["WebApp", "HTTPServer", "Core", "Scheduling", "CLinux", "Mail"]),

        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer"]),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite"]),
        .testTarget(name: "SchedulingTests", dependencies: ["Scheduling"]),
        .testTarget(name: "TemplatingTests", dependencies: ["Templating"]),
        // aiosmtpd, Python's email and certificates made by openssl, for MailTests and EndToEndTests.
        .target(name: "MailTestSupport", path: "Tests/MailTestSupport"),
        .testTarget(name: "MailTests", dependencies: ["Mail", "MailTestSupport"], exclude: ["python"]),
        // WebApp for the catalogue file's reader: the demo is seeded from Examples/demo/catalogue.json.
        .testTarget(name: "CoreTests", dependencies: ["Core", "Scheduling", "SQLite", "WebApp"]),
        .testTarget(name: "WebAppTests", dependencies: ["WebApp", "HTTPServer"]),
        .testTarget(name: "EndToEndTests", dependencies: ["terminbuch", "WebApp", "HTTPServer", "MailTestSupport"]),
    ]
)
