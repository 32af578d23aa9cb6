// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Alongside",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "alongside", targets: ["alongside"])
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // In-process benchmarks (Benchmarks/InProcess). Only the malloc interposer trait: the default
        // traits also want a runtime interposer this machine's package mirror does not have.
        // Page snapshots (Tests/AlongsideWebTests/__Snapshots__), a test dependency only.
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing.git", from: "1.19.7"),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(
            name: "AlongsideCore",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AlongsideStore",
            dependencies: [
                "AlongsideCore",
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AlongsideWeb",
            dependencies: [
                "AlongsideCore",
                "AlongsideStore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        // The demo councils and the network-sized data set (`serve --demo`, `seed`): example data, kept out of
        // the server's own target.
        .target(
            name: "AlongsideDemo",
            dependencies: [
                "AlongsideCore",
                "AlongsideStore",
                "AlongsideWeb",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "alongside",
            dependencies: [
                "AlongsideDemo",
                "AlongsideWeb",
                .product(name: "Vapor", package: "vapor"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AlongsideTestSupport",
            dependencies: [
                "AlongsideStore",
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            ],
            path: "Tests/Support",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AlongsideCoreTests",
            dependencies: ["AlongsideCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AlongsideStoreTests",
            dependencies: [
                "AlongsideStore",
                "AlongsideTestSupport",
                .product(name: "Fluent", package: "fluent"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AlongsideWebTests",
            dependencies: [
                "AlongsideWeb",
                "AlongsideDemo",
                "AlongsideStore",
                "AlongsideTestSupport",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "InProcess",
            dependencies: [
                "AlongsideCore",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/InProcess",
            swiftSettings: swiftSettings,
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
