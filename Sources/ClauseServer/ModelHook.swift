import ClauseAudit
import ClauseModels

/// What the reviewer asked for in the "示范文本" menu: pick the closest model contract, none, or a
/// named profile.
public enum ModelChoice: Sendable, Equatable, CustomStringConvertible {
    case auto
    case none
    case profile(String)

    /// `auto` is auto; `""` and `none` are none; anything else names a profile.
    public init(_ value: String?) {
        let value = value?.trimmingSpaces ?? ""
        switch value {
        case "auto": self = .auto
        case "", "none": self = .none
        default: self = .profile(value)
        }
    }

    public var description: String {
        switch self {
        case .auto: "auto"
        case .none: "none"
        case let .profile(id): id
        }
    }
}

/// An entry of the page's model menu.
public struct ModelOption: Sendable, Equatable {
    public var id: String
    public var label: String
    /// Other names a request may use (the profile's code, GF-2014-0171).
    public var aliases: [String]
    public init(id: String, label: String, aliases: [String] = []) {
        self.id = id
        self.label = label
        self.aliases = aliases
    }
}

/// The hook through which the model-contract comparison joins the server. The server lists
/// `options` in its menu, refuses (400) a profile that is not among them, and after each
/// successful audit calls `compare` on the same worker thread, inside the request's time budget.
/// Without a provider the menu offers auto and none, and `model_comparison` stays null.
public protocol ModelComparisonProvider: Sendable {
    /// The profiles the reviewer may pick, in menu order.
    var options: [ModelOption] { get }
    /// The comparison for one audited document (`choice` is never a profile outside `options`);
    /// nil for `none`.
    func compare(_ result: AuditResult, choice: ModelChoice) -> ModelComparison?
}

extension ModelComparisonProvider {
    /// The option a name (id or alias) stands for.
    func option(named name: String) -> ModelOption? {
        let key = name.lowercased()
        return options.first { $0.id.lowercased() == key } ?? options.first { $0.aliases.contains { $0.lowercased() == key } }
    }
}

/// The profiles of `model-contracts/`. Only profiles: the server never reads a model text named in
/// a request, so `auto` looks among the profiles, and a profile is checked on its own (protections
/// and figures), as `check --model ID` does without `--model-dir`.
public struct ProfileModels: ModelComparisonProvider {
    public let library: ProfileLibrary
    let auditor: Auditor

    public init(library: ProfileLibrary, auditor: Auditor) {
        self.library = library
        self.auditor = auditor
    }

    public var options: [ModelOption] {
        library.profiles.map { profile in
            let label = [profile.code, "《\(profile.title)》"].compactMap { $0 }.joined(separator: " ")
            return ModelOption(id: profile.id, label: label, aliases: profile.code.map { [$0] } ?? [])
        }
    }

    public func compare(_ result: AuditResult, choice: ModelChoice) -> ModelComparison? {
        guard result.error == nil, let contract = result.prepared else { return nil }
        switch choice {
        case .none:
            return nil
        case .auto:
            // No texts: `auto` then ranks the profiles and touches no file.
            return try? auditor.compare(result, model: "auto", sources: ModelSources(library: library, texts: []))
        case let .profile(id):
            guard let profile = library.profiles.first(where: { $0.id == id }) else { return nil }
            return ProfileComparer(profile: profile).check(contract: contract, findings: result.findings)
        }
    }
}
