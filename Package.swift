// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ClauseAudit",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "ClauseAudit", targets: ["ClauseAudit"]),
        .executable(name: "clause-audit", targets: ["clause-audit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        // These come with Hummingbird; named so the server may import them directly.
        .package(url: "https://github.com/apple/swift-log.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.60.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.0.0"),
    ],
    targets: [
        // The system libraries. Only CICUShim sees ICU's headers (see architecture notes in README).
        .systemLibrary(name: "CICU", pkgConfig: "icu-i18n", providers: [.apt(["libicu-dev"])]),
        .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-16", providers: [.apt(["libpcre2-dev"])]),
        .target(name: "CICUShim", dependencies: ["CICU"], linkerSettings: [
            .linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata"),
        ]),

        // The road: text → rules → models → audit → report → command line.
        .target(name: "ClauseText", dependencies: [
            "CICUShim",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .target(name: "ClauseRules", dependencies: [
            "ClauseText", "CPCRE2",
            .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "ClauseModels", dependencies: [
            "ClauseText", "ClauseRules",
            .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "ClauseAudit", dependencies: [
            "ClauseText", "ClauseRules", "ClauseModels",
            .product(name: "Yams", package: "Yams"),  // .clause-audit.yml
        ]),
        .target(name: "ClauseReport", dependencies: ["ClauseAudit", "ClauseModels"]),
        // `clause-audit serve`: the local web page and JSON API.
        .target(name: "ClauseServer", dependencies: [
            "ClauseAudit", "ClauseReport", "ClauseModels",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .executableTarget(name: "clause-audit", dependencies: [
            "ClauseAudit", "ClauseReport", "ClauseModels", "ClauseServer",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Times `compare` on real model texts (release build); see model-contracts/README.md.
        .executableTarget(name: "compare-bench", dependencies: ["ClauseAudit", "ClauseModels"],
                          path: "Benchmarks/compare-bench"),

        // The in-process half of the issue-7 benchmark (Benchmarks/run.sh): meaningful in release builds only.
        .executableTarget(name: "clause-bench", dependencies: ["ClauseAudit"], path: "Benchmarks/clause-bench"),

        // What the test targets share (a seeded generator for the property tests).
        .target(name: "ClauseTestSupport", path: "Tests/Support"),
        .testTarget(name: "ClauseTextTests", dependencies: ["ClauseText", "ClauseTestSupport"]),
        .testTarget(name: "ClauseRulesTests", dependencies: ["ClauseRules", "ClauseTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ClauseAuditTests", dependencies: ["ClauseAudit", "ClauseReport", "ClauseTestSupport"]),
        .testTarget(name: "ClauseModelsTests", dependencies: ["ClauseModels", "ClauseAudit", "ClauseReport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "ClauseServerTests", dependencies: [
            "ClauseServer", "ClauseModels",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ]),
    ]
)

// Fuzz targets (fuzz/): declared only when CLAUSE_FUZZ is set, because they are built with
// -sanitize=fuzzer (libFuzzer supplies the driver); fuzz/run.sh builds and runs them.
if Context.environment["CLAUSE_FUZZ"] != nil {
    package.targets.append(.target(name: "FuzzSupport", path: "fuzz/Sources/FuzzSupport"))
    for name in ["decode", "html", "docx", "normalize", "segment", "rules", "prefilter", "audit"] {
        package.targets.append(.executableTarget(name: "fuzz-\(name)", dependencies: ["FuzzSupport", "ClauseText", "ClauseRules", "ClauseAudit"],
                                                 path: "fuzz/Sources/fuzz-\(name)"))
    }
}
