import ClauseAudit
import ClauseRules
import Foundation

/// SARIF 2.1.0 (`--format sarif`), for code-scanning dashboards: one run; `tool.driver.rules` holds
/// every rule or built-in check that fired; each result points at its text with a relative URI and a
/// region in code points (`columnKind: unicodeCodePoints`), and carries a fingerprint that survives
/// unrelated edits. Documents that could not be read become error notifications of the invocation.
public enum SARIFReport {
    public static let schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    public static let sourceRoot = "%SRCROOT%"

    public struct Options: Sendable {
        public var minSeverity: Severity = .info
        public var includeBaselined = false
        /// Whether a baseline was in use: then every result says whether it is new or unchanged.
        public var baselineUsed = false
        public var rulesVersion: String
        /// Relative URIs are relative to this folder (the working directory).
        public var workingDirectory: String

        public init(rulesVersion: String, workingDirectory: String = FileManager.default.currentDirectoryPath,
                    minSeverity: Severity = .info, includeBaselined: Bool = false, baselineUsed: Bool = false) {
            self.rulesVersion = rulesVersion
            self.workingDirectory = workingDirectory
            self.minSeverity = minSeverity
            self.includeBaselined = includeBaselined
            self.baselineUsed = baselineUsed
        }
    }

    public static func render(_ results: [LintResult], options: Options) -> String {
        value(results, options: options).serialized(pretty: true) + "\n"
    }

    public static func value(_ results: [LintResult], options: Options) -> JSONValue {
        var ruleIndex: [String: Int] = [:]
        var rules: [JSONValue] = []
        var sarifResults: [JSONValue] = []
        var notifications: [JSONValue] = []
        for result in results {
            let location = artifactLocation(result.document.path, options.workingDirectory)
            if let error = result.error {
                notifications.append(.object([
                    ("level", .string("error")),
                    ("message", .object([("text", .string("\(result.document.path): \(error.message)"))])),
                    ("locations", .array([.object([("physicalLocation", .object([("artifactLocation", location)]))])])),
                    ("properties", .object([("code", .string(error.code))])),
                ]))
                continue
            }
            for problem in result.reported(minSeverity: options.minSeverity, includeBaselined: options.includeBaselined) {
                let index: Int
                if let known = ruleIndex[problem.ruleId] {
                    index = known
                } else {
                    index = rules.count
                    ruleIndex[problem.ruleId] = index
                    rules.append(descriptor(problem))
                }
                sarifResults.append(self.result(problem, ruleIndex: index, location: location, options: options))
            }
        }
        var invocation: [(String, JSONValue)] = [("executionSuccessful", .bool(notifications.isEmpty))]
        if !notifications.isEmpty { invocation.append(("toolExecutionNotifications", .array(notifications))) }
        let driver: [(String, JSONValue)] = [
            ("name", .string(ToolInfo.name)),
            ("version", .string(ToolInfo.version)),
            ("semanticVersion", .string(ToolInfo.version)),
            ("rules", .array(rules)),
            ("properties", .object([("rules_version", .string(options.rulesVersion))])),
        ]
        let root = options.workingDirectory.hasSuffix("/") ? options.workingDirectory : options.workingDirectory + "/"
        let run: [(String, JSONValue)] = [
            ("tool", .object([("driver", .object(driver))])),
            ("invocations", .array([.object(invocation)])),
            ("originalUriBaseIds", .object([(sourceRoot, .object([("uri", .string("file://" + percentEncoded(root)))]))])),
            ("columnKind", .string("unicodeCodePoints")),
            ("results", .array(sarifResults)),
        ]
        return .object([
            ("$schema", .string(schema)),
            ("version", .string("2.1.0")),
            ("runs", .array([.object(run)])),
        ])
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    /// What a rule (or built-in check) is, once per run.
    static func descriptor(_ problem: LintProblem) -> JSONValue {
        var help = ""
        var markdown = ""
        if !problem.legalBasis.isEmpty {
            help += "依据：" + problem.legalBasis.joined(separator: "；") + "\n"
            markdown += "**依据**\n\n" + problem.legalBasis.map { "- \($0)\n" }.joined() + "\n"
        }
        help += "建议：" + problem.help
        markdown += "**建议**：" + problem.help
        var properties: [(String, JSONValue)] = []
        if let category = problem.category {
            properties.append(("category", .string(category.rawValue)))
            properties.append(("category_summary", .string(category.summary)))
            properties.append(("legal_basis", .strings(problem.legalBasis)))
        } else {
            properties.append(("group", .string(problem.group)))
        }
        properties.append(("tags", .strings([problem.group])))
        return .object([
            ("id", .string(problem.ruleId)),
            ("name", .string(name(problem.ruleId))),
            ("shortDescription", .object([("text", .string(problem.title))])),
            ("fullDescription", .object([("text", .string(problem.summary))])),
            ("defaultConfiguration", .object([("level", .string(level(problem.defaultSeverity)))])),
            ("help", .object([("text", .string(help)), ("markdown", .string(markdown))])),
            ("properties", .object(properties)),
        ])
    }

    static func result(_ problem: LintProblem, ruleIndex: Int, location: JSONValue, options: Options) -> JSONValue {
        let s = problem.span
        let region: JSONValue = .object([
            ("startLine", .int(s.line)), ("startColumn", .int(s.column)),
            ("endLine", .int(s.endLine)), ("endColumn", .int(s.endColumn)),
            ("snippet", .object([("text", .string(problem.text))])),
        ])
        var pairs: [(String, JSONValue)] = [
            ("ruleId", .string(problem.ruleId)),
            ("ruleIndex", .int(ruleIndex)),
            ("level", .string(level(problem.baselined ? .info : problem.severity))),
            ("message", .object([("text", .string(problem.message))])),
            ("locations", .array([.object([("physicalLocation", .object([("artifactLocation", location), ("region", region)]))])])),
            ("partialFingerprints", .object([(Fingerprint.sarifKey, .string(problem.fingerprint))])),
        ]
        if options.baselineUsed { pairs.append(("baselineState", .string(problem.baselined ? "unchanged" : "new"))) }
        if let category = problem.category { pairs.append(("properties", .object([("category", .string(category.rawValue))]))) }
        return .object(pairs)
    }

    /// `interpretation.final-right` → `InterpretationFinalRight`: SARIF's name is an identifier.
    static func name(_ id: String) -> String {
        id.split(whereSeparator: { $0 == "." || $0 == "-" || $0 == "_" })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// A document's place: relative to the working directory (under `%SRCROOT%`) when it is inside it,
    /// a `file://` URI otherwise. Standard input is `stdin`.
    public static func artifactLocation(_ path: String, _ workingDirectory: String) -> JSONValue {
        if path == "-" { return .object([("uri", .string("stdin"))]) }
        let absolute = path.hasPrefix("/") ? path : (workingDirectory as NSString).appendingPathComponent(path)
        let standard = URL(fileURLWithPath: absolute).standardizedFileURL.path
        let root = URL(fileURLWithPath: workingDirectory).standardizedFileURL.path
        let base = root.hasSuffix("/") ? root : root + "/"
        if standard.hasPrefix(base) {
            return .object([("uri", .string(percentEncoded(String(standard.dropFirst(base.count))))),
                            ("uriBaseId", .string(sourceRoot))])
        }
        return .object([("uri", .string("file://" + percentEncoded(standard)))])
    }

    /// RFC 3986: everything but unreserved characters and '/' as %XX of its UTF-8 bytes.
    static func percentEncoded(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if byte < 0x80, c.isLetter || c.isNumber || "-._~/".contains(c) {
                out.append(c)
            } else {
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }
}
