import ClauseRules
import Foundation

/// Known problems a project has accepted for now (`--baseline FILE`, written by `--write-baseline`).
/// Only problems not in the baseline gate the exit status, so a team can adopt the linter on old
/// documents and still stop every new problem.
///
/// Entries match by document path (relative to the baseline file's folder, so the file works from
/// any working directory) and fingerprint (rule id, normalized text, occurrence: see `Fingerprint`),
/// never by line. Each entry matches one problem: a second copy of a known clause is new.
///
/// The file is JSON: `{"version": 1, "findings": [{"path", "rule", "fingerprint", "line", "text"}]}`;
/// `line` and `text` are there for the people who review the file and are not compared.
public struct Baseline: Sendable {
    public static let formatVersion = 1

    public struct Entry: Sendable, Equatable {
        public var path: String
        public var rule: String
        public var fingerprint: String
        public var line: Int
        public var text: String

        public init(path: String, rule: String, fingerprint: String, line: Int, text: String) {
            self.path = path
            self.rule = rule
            self.fingerprint = fingerprint
            self.line = line
            self.text = text
        }
    }

    public var entries: [Entry]
    /// The folder entry paths are relative to.
    public var directory: String

    public init(directory: String, entries: [Entry] = []) {
        self.directory = URL(fileURLWithPath: directory).standardizedFileURL.path
        self.entries = entries
    }

    /// The baseline of everything the results hold (gate or not), for a file in `directory`.
    public init(directory: String, results: [LintResult], workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.init(directory: directory)
        for result in results where result.error == nil {
            let path = key(for: result.document.path, workingDirectory: workingDirectory)
            for problem in result.problems {
                entries.append(Entry(path: path, rule: problem.ruleId, fingerprint: problem.fingerprint,
                                     line: problem.span.line, text: problem.text))
            }
        }
    }

    /// Reads a baseline file; anything malformed is an error naming the file.
    public static func load(file: String) throws(RuleLoadError) -> Baseline {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw RuleLoadError(file: file, line: nil, message: "baseline cannot be read")
        }
        func fail(_ why: String) -> RuleLoadError { RuleLoadError(file: file, line: nil, message: "not a clause-audit baseline: \(why)") }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw fail("not a JSON object")
        }
        guard let version = object["version"] as? Int, version == formatVersion else {
            throw fail("'version' must be \(formatVersion)")
        }
        guard let list = object["findings"] as? [[String: Any]] else { throw fail("'findings' must be a list of objects") }
        var entries: [Entry] = []
        for (index, item) in list.enumerated() {
            guard let path = item["path"] as? String, let rule = item["rule"] as? String,
                  let fingerprint = item["fingerprint"] as? String else {
                throw fail("finding \(index + 1) needs 'path', 'rule' and 'fingerprint'")
            }
            entries.append(Entry(path: path, rule: rule, fingerprint: fingerprint,
                                 line: item["line"] as? Int ?? 0, text: item["text"] as? String ?? ""))
        }
        let directory = URL(fileURLWithPath: file).standardizedFileURL.deletingLastPathComponent().path
        return Baseline(directory: directory, entries: entries)
    }

    /// A document path as the baseline records it: relative to the baseline's folder, '/'-separated.
    /// Standard input stays `-`.
    public func key(for path: String, workingDirectory: String = FileManager.default.currentDirectoryPath) -> String {
        guard path != "-" else { return path }
        let absolute = path.hasPrefix("/") ? path : (workingDirectory as NSString).appendingPathComponent(path)
        let target = URL(fileURLWithPath: absolute).standardizedFileURL.pathComponents
        let base = URL(fileURLWithPath: directory).standardizedFileURL.pathComponents
        var common = 0
        while common < min(target.count, base.count) && target[common] == base[common] { common += 1 }
        let ups = Array(repeating: "..", count: base.count - common)
        return (ups + target[common...]).joined(separator: "/")
    }

    /// Marks the problems of one document that the baseline holds.
    public func mark(_ result: inout LintResult, workingDirectory: String = FileManager.default.currentDirectoryPath) {
        let path = key(for: result.document.path, workingDirectory: workingDirectory)
        var available: [String: Int] = [:]
        for entry in entries where entry.path == path { available[entry.fingerprint, default: 0] += 1 }
        guard !available.isEmpty else { return }
        for i in result.problems.indices {
            let fingerprint = result.problems[i].fingerprint
            if let count = available[fingerprint], count > 0 {
                available[fingerprint] = count - 1
                result.problems[i].baselined = true
            }
        }
    }
}
