import Foundation
@testable import ClauseText

/// Test data that lives outside the repository (../shared), read at run time.
enum SharedCorpus {
    /// ../shared as seen from the package root.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared")

    static let agreementsFolder = root.appendingPathComponent("corpus/agreements/text")

    static var isAvailable: Bool { FileManager.default.fileExists(atPath: agreementsFolder.path) }

    /// The plain-text agreements, sorted by file name (empty when ../shared is missing).
    static let agreements: [(name: String, text: String)] = {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: agreementsFolder.path) else { return [] }
        return names.filter { $0.hasSuffix(".txt") }.sorted().compactMap { name in
            guard let data = FileManager.default.contents(atPath: agreementsFolder.appendingPathComponent(name).path)
            else { return nil }
            return (name, String(decoding: data, as: UTF8.self))
        }
    }()
}

/// A small, fast, seeded generator (SplitMix64) so that a failing random case can be replayed.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
