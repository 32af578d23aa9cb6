// swift-tools-version: 6.0
// A throwaway prototype for issue 28: the people list API served from the same SQLite file by Hummingbird and
// GRDB, measured beside Alongside (Vapor, SQLKit, SQLiteNIO) in the same run. Not built by CI or `swift test`.
import PackageDescription

let package = Package(
    name: "Prototype",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    ],
    targets: [
        .executableTarget(
            name: "Prototype",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        )
    ],
    // Top-level code calling global functions from route closures: Swift 5 mode keeps the throwaway short.
    swiftLanguageModes: [.v5]
)
