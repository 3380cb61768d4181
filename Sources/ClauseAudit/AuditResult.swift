import ClauseModels
import ClauseRules
import ClauseText

/// What the audit of one document gives: the document, its findings or the reason it could not be
/// audited, and what the reports need to show the text.
public struct AuditResult: Sendable {
    public var document: DocumentInfo
    public var findings: [Finding] = []
    /// The 违约金, 定金, 手续费 and 滞纳金 the document states, with who pays them.
    public var figures: [StatedFigure] = []
    public var error: AuditError?
    public var warnings: [String] = []
    /// The text layer's output, for reports that show the text (nil when the document failed).
    public var prepared: PreparedText?
    /// The comparison with a model contract (`compare`, `check --model`).
    public var comparison: ModelComparison?

    public init(document: DocumentInfo, findings: [Finding] = [], error: AuditError? = nil,
                warnings: [String] = [], prepared: PreparedText? = nil) {
        self.document = document
        self.findings = findings
        self.error = error
        self.warnings = warnings
        self.prepared = prepared
    }

    /// Findings at or above a severity.
    public func findings(atLeast severity: Severity) -> [Finding] {
        findings.filter { $0.severity >= severity }
    }

    public var summary: Summary { Summary(findings) }
}

public struct DocumentInfo: Sendable, Equatable {
    public var path: String
    public var format: InputFormat
    /// The encoding the text was decoded from (nil for DOCX, where the question does not arise).
    public var encoding: String?
    /// Code points in the text positions refer to.
    public var characters: Int = 0

    public init(path: String, format: InputFormat, encoding: String? = nil, characters: Int = 0) {
        self.path = path
        self.format = format
        self.encoding = encoding
        self.characters = characters
    }
}

public struct AuditError: Error, Sendable, Equatable {
    public var code: String
    public var message: String
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}

/// Counts by severity and by category.
public struct Summary: Sendable, Equatable {
    public var bySeverity: [Severity: Int] = [:]
    public var byCategory: [Category: Int] = [:]

    public init(_ findings: [Finding]) {
        for finding in findings {
            bySeverity[finding.severity, default: 0] += 1
            byCategory[finding.category, default: 0] += 1
        }
    }
}
