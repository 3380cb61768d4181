import ClauseAudit
import ClauseRules
import ClauseText

/// The JSON report of the spec (`--format json`; `jsonl` is the same object on one line).
public enum JSONReport {
    public static func render(_ result: AuditResult, rulesVersion: String, pretty: Bool) -> String {
        value(result, rulesVersion: rulesVersion).serialized(pretty: pretty)
    }

    public static func value(_ result: AuditResult, rulesVersion: String) -> JSONValue {
        let doc = result.document
        var document: [(String, JSONValue)] = [("path", .string(doc.path)), ("format", .string(doc.format.rawValue)),
                                               ("encoding", .optional(doc.encoding)), ("characters", .int(doc.characters))]
        // An extension of the spec: what the document states of its penalties, deposits and fees.
        if result.error == nil { document.append(("figures", .array(result.figures.map(figure)))) }
        var pairs: [(String, JSONValue)] = [
            ("tool", .object([("name", .string(ToolInfo.name)), ("version", .string(ToolInfo.version)),
                              ("rules_version", .string(rulesVersion))])),
            ("document", .object(document)),
        ]
        if let error = result.error {
            pairs.append(("error", .object([("code", .string(error.code)), ("message", .string(error.message))])))
            return .object(pairs)
        }
        pairs.append(("findings", .array(result.findings.map(finding))))
        if !result.warnings.isEmpty { pairs.append(("warnings", .strings(result.warnings))) }
        pairs.append(("summary", summary(result.summary)))
        pairs.append(("model_comparison", result.comparison.map(ComparisonReport.json) ?? .null))
        return .object(pairs)
    }

    static func finding(_ finding: Finding) -> JSONValue {
        .object([
            ("rule", .string(finding.rule.id)),
            ("category", .string(finding.category.rawValue)),
            ("severity", .string(finding.severity.rawValue)),
            ("message", .string(finding.message)),
            ("legal_basis", .strings(finding.rule.legalBasis)),
            ("suggestion", .string(finding.rule.suggestion)),
            ("span", span(finding.span)),
            ("text", .string(finding.text)),
            ("clause", finding.clause.map {
                .object([("label", .string($0.label)), ("start", .int($0.start)), ("end", .int($0.end))])
            } ?? .null),
        ])
    }

    static func figure(_ figure: StatedFigure) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("kind", .string(figure.kind.rawValue)), ("term", .string(figure.kind.term)),
                                            ("payer", .string(figure.payer?.rawValue ?? "unknown"))]
        switch figure.value {
        case let .yuan(yuan): pairs.append(("yuan", .number(yuan)))
        case let .percent(percent, perDay): pairs += [("percent", .number(percent)), ("per_day", .bool(perDay))]
        }
        pairs += [("breach", .optional(figure.breach?.rawValue)), ("span", span(figure.span)), ("text", .string(figure.text))]
        return .object(pairs)
    }

    static func span(_ s: SourceSpan) -> JSONValue {
        .object([("start", .int(s.start)), ("end", .int(s.end)), ("line", .int(s.line)), ("column", .int(s.column)),
                 ("end_line", .int(s.endLine)), ("end_column", .int(s.endColumn))])
    }

    static func summary(_ summary: Summary) -> JSONValue {
        .object([
            ("error", .int(summary.bySeverity[.error] ?? 0)),
            ("warning", .int(summary.bySeverity[.warning] ?? 0)),
            ("info", .int(summary.bySeverity[.info] ?? 0)),
            ("by_category", .object(summary.byCategory.sorted { $0.key < $1.key }.map { ($0.key.rawValue, .int($0.value)) })),
        ])
    }
}
