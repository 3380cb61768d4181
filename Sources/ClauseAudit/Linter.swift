import ClauseRules
import ClauseText
import Foundation

/// What linting one document gives: every problem left after configuration and suppressions, in
/// document order and fingerprinted, or the reason the document could not be read.
public struct LintResult: Sendable {
    public var document: DocumentInfo
    public var error: AuditError?
    public var warnings: [String] = []
    public var problems: [LintProblem] = []
    /// How many problems inline suppressions removed.
    public var suppressed = 0

    public init(document: DocumentInfo, error: AuditError? = nil, warnings: [String] = [], problems: [LintProblem] = []) {
        self.document = document
        self.error = error
        self.warnings = warnings
        self.problems = problems
    }

    /// A reviewer's audit seen through the linter's formats (`check --format line|sarif`): its
    /// findings as they are, fingerprinted.
    public init(_ audit: AuditResult) {
        self.init(document: audit.document, error: audit.error, warnings: audit.warnings,
                  problems: audit.findings.map(LintProblem.init))
        Fingerprint.assign(&problems)
    }

    /// The problems to show: at or above the gate, and baselined ones only when asked for.
    public func reported(minSeverity: Severity, includeBaselined: Bool = false) -> [LintProblem] {
        problems.filter { $0.severity >= minSeverity && (includeBaselined || !$0.baselined) }
    }

    /// Whether anything new at or above the gate was found: what exit status 1 means.
    public func fails(minSeverity: Severity) -> Bool {
        problems.contains { $0.severity >= minSeverity && !$0.baselined }
    }
}

/// The linter face: the auditor's findings, the draft checks, the project's configuration and the
/// document's own suppressions, in that order. Like the auditor, one value serves every thread.
public struct Linter: Sendable {
    public let auditor: Auditor
    public let configuration: Configuration
    public let draftStage: DraftStage

    public static let extensions: Set<String> = ["txt", "md", "markdown", "html", "htm", "xhtml", "docx"]

    public init(auditor: Auditor, configuration: Configuration, draftStage: DraftStage? = nil) {
        self.auditor = auditor
        self.configuration = configuration
        self.draftStage = draftStage ?? configuration.draftStage
    }

    /// Ids a suppression may name: the pack's rules, the categories, the draft checks and `draft`.
    public func isKnown(_ id: String) -> Bool {
        if Category(rawValue: id) != nil || id == BuiltinCheck.Group.draft.rawValue { return true }
        if let check = BuiltinCheck.named(id) { return check.group == .draft }
        return auditor.engine.pack.rules.contains { $0.id == id }
    }

    public func lint(_ bytes: [UInt8], path: String, options: Auditor.Options = .init(), scratch: MatchScratch) -> LintResult {
        finish(auditor.audit(bytes, path: path, options: options, scratch: scratch))
    }

    public func lint(file path: String, options: Auditor.Options = .init(), scratch: MatchScratch) -> LintResult {
        finish(auditor.audit(file: path, options: options, scratch: scratch))
    }

    private func finish(_ audit: AuditResult) -> LintResult {
        var result = LintResult(document: audit.document, error: audit.error, warnings: audit.warnings)
        guard audit.error == nil, let prepared = audit.prepared else { return result }
        var problems = audit.findings.map(LintProblem.init)
        problems += DraftChecks.run(prepared, stage: draftStage, enabled: configuration.isEnabled).map(LintProblem.init)
        // Configuration first: a suppression of a rule the project switched off has nothing to do,
        // and is reported as unused.
        problems = problems.compactMap(configuration.apply)
        problems.sort(by: Self.documentOrder)
        let outcome = Suppressions(source: prepared.source).apply(to: problems, isKnown: isKnown)
        problems = outcome.kept + outcome.diagnostics.map(LintProblem.init).compactMap(configuration.apply)
        problems.sort(by: Self.documentOrder)
        Fingerprint.assign(&problems)
        result.problems = problems
        result.suppressed = outcome.suppressed.count
        return result
    }

    static func documentOrder(_ a: LintProblem, _ b: LintProblem) -> Bool {
        (a.sourceRange.lowerBound, a.sourceRange.upperBound, a.ruleId) < (b.sourceRange.lowerBound, b.sourceRange.upperBound, b.ruleId)
    }

    /// The documents the command line names: files as given (unless excluded), folders walked for
    /// the formats the tool reads (hidden entries and excluded paths left out), in path order within a
    /// folder. A path that does not exist is kept, so that its error is reported.
    public func documents(in paths: [String], workingDirectory: String = FileManager.default.currentDirectoryPath) -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for path in paths {
            if path == "-" { out.append(path); continue }
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                if !configuration.isExcluded(path, workingDirectory: workingDirectory) { out.append(path) }
                continue
            }
            guard let walker = fm.enumerator(atPath: path) else { continue }
            var found: [String] = []
            while let relative = walker.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                let full = (path as NSString).appendingPathComponent(relative)
                if name.hasPrefix(".") || configuration.isExcluded(full, workingDirectory: workingDirectory) {
                    if (walker.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory { walker.skipDescendants() }
                    continue
                }
                let ext = (name as NSString).pathExtension.lowercased()
                if Self.extensions.contains(ext), (walker.fileAttributes?[.type] as? FileAttributeType) != .typeDirectory {
                    found.append(full)
                }
            }
            out += found.sorted()
        }
        return out
    }
}
