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
