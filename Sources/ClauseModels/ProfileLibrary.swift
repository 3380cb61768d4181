import ClauseRules
import Foundation

/// Every profile in `model-contracts/`, validated on load.
public struct ProfileLibrary: Sendable {
    public var profiles: [ModelProfile]
    public var directory: String

    public init(profiles: [ModelProfile], directory: String = "") {
        self.profiles = profiles
        self.directory = directory
    }

    /// The profiles that ship with the tool (see `BundledFolder`).
    public static func bundledDirectory(executable: String = CommandLine.arguments.first ?? "") -> String? {
        BundledFolder.find("model-contracts", marker: "README.md", executable: executable)
    }

    /// Loads every `*.yml` in `directory` (not below it). Two profiles with one id are an error.
    public static func load(directory: String) throws(ProfileError) -> ProfileLibrary {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw ProfileError(file: directory, line: nil, message: "profile directory cannot be read")
        }
        var profiles: [ModelProfile] = []
        for name in names.sorted() where name.hasSuffix(".yml") || name.hasSuffix(".yaml") {
            let file = (directory as NSString).appendingPathComponent(name)
            let profile = try ModelProfile.load(file: file)
            if let first = profiles.first(where: { $0.id == profile.id }) {
                throw ProfileError(file: file, line: nil, message: "profile id '\(profile.id)' is already used by \(first.file)")
            }
            profiles.append(profile)
        }
        return ProfileLibrary(profiles: profiles, directory: directory)
    }

    /// A profile by id or by code (GF-2014-2401, gf—2014—2401 and gf-2014-2401 are one).
    public func profile(named name: String) -> ModelProfile? {
        let key = Self.codeKey(name)
        return profiles.first { Self.codeKey($0.id) == key } ?? profiles.first { $0.code.map(Self.codeKey) == key }
    }

    static func codeKey(_ s: String) -> String { CompactText.fold(s).lowercased() }
}
