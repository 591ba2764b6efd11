// swift-tools-version:6.0
// libFuzzer targets for Terminbuch, in a package of their own so that the
// main package's `swift build` and `swift test` never see the sanitizers.
// Build and run with `Fuzz/run.sh <seconds>`; see Fuzz/README.md.
import PackageDescription

let package = Package(
    name: "TerminbuchFuzz",
    dependencies: [
        // Our own package, by local path: not a third-party dependency.
        .package(name: "Terminbuch", path: ".."),
    ],
    targets: [
        .executableTarget(name: "FuzzHTTPParser", dependencies: [.product(name: "HTTPServer", package: "Terminbuch")]),
        .executableTarget(name: "FuzzBookingJSON", dependencies: [
            .product(name: "WebApp", package: "Terminbuch"), .product(name: "HTTPServer", package: "Terminbuch"),
        ]),
        .executableTarget(name: "FuzzContactKey", dependencies: [.product(name: "Core", package: "Terminbuch")]),
    ]
)
