import ClauseRules
import Foundation
import Yams

/// `.clause-audit.yml`: what a project tells the linter. Read strictly: an unknown key or a bad value
/// is an error naming the file and line, because a typo that silently turns a check off is worse than
/// a failed commit.
///
/// ```yaml
/// min_severity: warning          # the gate: info | warning | error
/// exclude: [archive/**, "*.old.md"]
/// model: GF-2015-0208            # the model text a draft follows (id or path, relative to this file)
/// draft:
///   stage: auto                  # auto | template | filled | signed (see DraftChecks)
/// categories:                    # C1..C6, and the built-in groups draft and lint
///   C6: warning                  # off | on | info | warning | error
///   draft: off
/// rules:                         # rule ids of the pack, and built-in check ids (draft.*, lint.*)
///   interpretation.final-right: error
///   draft.empty-blank: on        # a rule's own setting wins over its category's
/// ```
public struct Configuration: Sendable {
    public static let fileName = ".clause-audit.yml"

    /// What a rule, check or category is set to.
    public enum Setting: Sendable, Equatable {
        case off, on
        case severity(Severity)

        init?(_ raw: String) {
            switch raw {
            case "off", "false": self = .off
            case "on", "true": self = .on
            default:
                guard let severity = Severity(rawValue: raw) else { return nil }
                self = .severity(severity)
            }
        }
    }

    /// The file read, or nil for the defaults (no file found).
    public var file: String?
    /// Where relative paths in the file (exclusions, a model path) start from.
    public var directory: String
    public var minSeverity: Severity?
    public var exclude: [String] = []
    /// The model text the drafts here follow, as written (an id, or a path relative to `directory`);
    /// `modelPath` resolves a path.
    public var model: String?
    public var draftStage: DraftStage = .auto
    public var rules: [String: Setting] = [:]
    public var categories: [String: Setting] = [:]
    /// Line of each key under `rules:`, to name it when the pack has no such rule.
    var ruleLines: [String: Int] = [:]

    /// Groups a `categories:` entry may name besides C1..C6.
    public static let groups: [String] = Category.allCases.map(\.rawValue) + BuiltinCheck.Group.allCases.map(\.rawValue)

    public init(directory: String) {
        self.directory = directory
    }

    /// The model as a file path when it names an existing file (relative to the config's folder).
    public var modelPath: String? {
        guard let model else { return nil }
        let path = model.hasPrefix("/") ? model : (directory as NSString).appendingPathComponent(model)
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    // MARK: finding and reading

    /// `.clause-audit.yml` in `directory` or the nearest folder above it.
    public static func find(from directory: String) -> String? {
        var dir = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            let candidate = dir.appendingPathComponent(fileName).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return nil }
            dir = parent
        }
    }

    /// The configuration in force: the named file, else the one found upward from the working
    /// directory, else the defaults.
    public static func resolve(explicit: String?, workingDirectory: String) throws(RuleLoadError) -> Configuration {
        if let explicit {
            guard FileManager.default.fileExists(atPath: explicit) else {
                throw RuleLoadError(file: explicit, line: nil, message: "configuration file not found")
            }
            return try load(file: explicit)
        }
        if let found = find(from: workingDirectory) { return try load(file: found) }
        return Configuration(directory: workingDirectory)
    }

    public static func load(file: String) throws(RuleLoadError) -> Configuration {
        let absolute = URL(fileURLWithPath: file).standardizedFileURL
        var config = Configuration(directory: absolute.deletingLastPathComponent().path)
        config.file = file
        guard let node = try YAMLFields.parse(file: file) else { return config }  // an empty file: defaults
        let top = try YAMLFields(node, file: file, what: Self.fileName,
                                 known: ["min_severity", "exclude", "model", "draft", "categories", "rules"])
        config.minSeverity = try top.enumValue("min_severity", Severity.self)
        if let single = top.mapping["exclude"]?.scalar, !single.string.isEmpty {
            config.exclude = [single.string]  // one pattern needs no list
        } else {
            config.exclude = try top.strings("exclude")
        }
        for pattern in config.exclude where pattern.trimmingSpaces.isEmpty {
            throw top.error("exclude", "an 'exclude' pattern must not be empty")
        }
        config.model = try top.optionalString("model")
        if let draft = try top.nested("draft", what: "draft", known: ["stage"]) {
            config.draftStage = try draft.enumValue("stage", DraftStage.self) ?? .auto
        }
        (config.categories, _) = try settings(top, "categories") { name in
            Self.groups.contains(name) ? nil : "unknown category '\(name)' (known: \(Self.groups.joined(separator: ", ")))"
        }
        (config.rules, config.ruleLines) = try settings(top, "rules") { _ in nil }
        return config
    }

    /// A mapping of names to settings; `check` says what is wrong with a name, if anything.
    private static func settings(_ fields: YAMLFields, _ key: String, check: (String) -> String?)
        throws(RuleLoadError) -> ([String: Setting], [String: Int]) {
        guard let node = fields.mapping[key] else { return ([:], [:]) }
        if let scalar = node.scalar, scalar.string.isEmpty { return ([:], [:]) }
        guard let mapping = node.mapping else { throw fields.error(key, "'\(key)' must be a mapping of names to off | on | info | warning | error") }
        var out: [String: Setting] = [:]
        var lines: [String: Int] = [:]
        for (name, value) in mapping {
            let line = name.mark?.line
            guard let text = name.scalar?.string else {
                throw RuleLoadError(file: fields.file, line: line, message: "keys of '\(key)' must be names")
            }
            if let problem = check(text) { throw RuleLoadError(file: fields.file, line: line, message: problem) }
            guard let raw = value.scalar?.string, let setting = Setting(raw) else {
                throw RuleLoadError(file: fields.file, line: value.mark?.line ?? line,
                                    message: "'\(text)' must be off, on, info, warning or error, not '\(value.scalar?.string ?? "a \(value.kindName)")'")
            }
            out[text] = setting
            lines[text] = line
        }
        return (out, lines)
    }

    /// Every name under `rules:` must be a rule of the pack in use or a built-in check.
    public func validate(against pack: RulePack) throws(RuleLoadError) {
        let ids = Set(pack.rules.map(\.id)).union(BuiltinCheck.all.map(\.id))
        for name in rules.keys.sorted() where !ids.contains(name) {
            throw RuleLoadError(file: file ?? Self.fileName, line: ruleLines[name],
                                message: "unknown rule '\(name)' (not in rule pack \(pack.name) \(pack.version), and not a built-in check)")
        }
    }

    // MARK: applying

    /// The severity a problem gets here, or nil when it is switched off. A rule's own setting wins
    /// over its category's; `on` keeps the category's severity if it sets one.
    public func severity(ruleId: String, group: String, default severity: Severity) -> Severity? {
        let category = categories[group]
        switch rules[ruleId] {
        case .off: return nil
        case let .severity(s): return s
        case .on:
            if case let .severity(s) = category { return s }
            return severity
        case nil:
            switch category {
            case .off: return nil
            case let .severity(s): return s
            case .on, nil: return severity
            }
        }
    }

    /// The problem as configured, or nil when its rule or category is off.
    public func apply(to problem: LintProblem) -> LintProblem? {
        guard let severity = severity(ruleId: problem.ruleId, group: problem.group, default: problem.severity) else {
            return nil
        }
        var configured = problem
        configured.severity = severity
        return configured
    }

    /// The findings as configured: those switched off go, the others get their configured severity.
    public func apply(to findings: [Finding]) -> [Finding] {
        findings.compactMap { finding in
            guard let severity = severity(ruleId: finding.rule.id, group: finding.category.rawValue,
                                          default: finding.severity) else { return nil }
            var configured = finding
            configured.severity = severity
            return configured
        }
    }

    public func isEnabled(_ check: BuiltinCheck) -> Bool {
        severity(ruleId: check.id, group: check.group.rawValue, default: check.severity) != nil
    }

    /// Whether an `exclude:` pattern covers the path (relative to the working directory, or absolute).
    /// A pattern without '/' matches any single folder or file name; one with '/' matches the path
    /// relative to the configuration's folder, or a folder above the file; the syntax is `PathGlob`'s,
    /// the same as `audit --exclude`.
    public func isExcluded(_ path: String, workingDirectory: String = FileManager.default.currentDirectoryPath) -> Bool {
        guard !exclude.isEmpty else { return false }
        let absolute = path.hasPrefix("/") ? path : (workingDirectory as NSString).appendingPathComponent(path)
        let standard = URL(fileURLWithPath: absolute).standardizedFileURL.path
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        let relative: String? = standard.hasPrefix(base) ? String(standard.dropFirst(base.count)) : nil
        let components = (relative ?? standard).split(separator: "/").map(String.init)
        for pattern in exclude {
            let glob = PathGlob(pattern.trimmingSpaces)
            if !glob.isAnchored {
                if components.contains(where: glob.matches) { return true }
                continue
            }
            guard relative != nil else { continue }
            // the path itself, or any folder above it
            for end in 1 ... components.count where glob.matches(components[0 ..< end].joined(separator: "/")) {
                return true
            }
        }
        return false
    }
}

extension Node {
    var kindName: String {
        switch self {
        case .mapping: "mapping"
        case .sequence: "list"
        case .scalar: "text"
        case .alias: "alias"
        }
    }
}
