import Foundation
import Yams

/// The rule pack: `pack.yml` and every rule file below it, sector folders first (the order decides who
/// wins when two rules of one category fire on the same text).
public struct RulePack: Sendable {
    public var name: String
    public var version: String
    /// The law titles (with version) a legal basis may cite.
    public var laws: [String]
    /// Named pattern pieces, written `{{name}}` in patterns.
    public var fragments: [String: String]
    /// Context tests every rule gets in addition to its own.
    public var unless: [String]
    public var unlessBefore: [String]
    public var rules: [Rule]
    public var directory: String

    /// The rule pack that ships with the tool (see `BundledFolder`).
    public static func bundledDirectory(executable: String = CommandLine.arguments.first ?? "") -> String? {
        BundledFolder.find("clause-rules", marker: "pack.yml", executable: executable)
    }

    /// Loads and validates the pack in `directory`. Every problem names its file and line.
    public static func load(directory: String) throws(RuleLoadError) -> RulePack {
        let packFile = (directory as NSString).appendingPathComponent("pack.yml")
        let header = try YAMLFields(try parse(packFile), file: packFile, what: "pack.yml",
                                    known: ["name", "version", "laws", "fragments", "unless", "unless_before"])
        var fragments: [String: String] = [:]
        if let node = header.mapping["fragments"] {
            guard let mapping = node.mapping else { throw header.error("fragments", "'fragments' must be a mapping") }
            for (key, value) in mapping {
                guard let name = key.string, let pattern = value.string else {
                    throw RuleLoadError(file: packFile, line: key.mark?.line, message: "a fragment is a name and a pattern")
                }
                fragments[name] = pattern
            }
        }
        var pack = RulePack(
            name: try header.string("name"), version: try header.string("version"),
            laws: try header.strings("laws"), fragments: fragments,
            unless: try header.strings("unless"), unlessBefore: try header.strings("unless_before"),
            rules: [], directory: directory)
        var seen: [String: RuleLocation] = [:]
        for file in try ruleFiles(in: directory) {
            for rule in try RuleFileReader(file: file, pack: pack).rules() {
                if let first = seen[rule.id] {
                    throw RuleLoadError(file: file, line: rule.location.line,
                                        message: "rule id '\(rule.id)' is already used at \(first)")
                }
                seen[rule.id] = rule.location
                pack.rules.append(rule)
            }
        }
        return pack
    }

    /// Every `*.yml` / `*.yaml` below the directory except pack.yml: files in deeper folders first (a
    /// sector's rule is more specific than a general one and should win an overlap), then path order.
    static func ruleFiles(in directory: String) throws(RuleLoadError) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: directory) else {
            throw RuleLoadError(file: directory, line: nil, message: "rule directory cannot be read")
        }
        var files: [String] = []
        while let relative = walker.nextObject() as? String {
            guard relative.hasSuffix(".yml") || relative.hasSuffix(".yaml"), relative != "pack.yml" else { continue }
            files.append(relative)
        }
        let depth = { (path: String) in path.split(separator: "/").count }
        return files.sorted { (depth($1), $0) < (depth($0), $1) }.map { (directory as NSString).appendingPathComponent($0) }
    }

    static func parse(_ file: String) throws(RuleLoadError) -> Node {
        guard let node = try YAMLFields.parse(file: file) else {
            throw RuleLoadError(file: file, line: nil, message: "is empty")
        }
        return node
    }
}

extension YamlError {
    public var line: Int? {
        switch self {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _): mark.line
        case let .duplicatedKeysInMapping(_, context): context.mark.line
        default: nil
        }
    }

    public var problem: String {
        switch self {
        case let .scanner(_, problem, _, _), let .parser(_, problem, _, _), let .composer(_, problem, _, _): problem
        case let .duplicatedKeysInMapping(duplicates, _):
            "a key is given twice: " + duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
        default: description
        }
    }
}
