import ClauseAudit
import ClauseModels
import ClauseRules
import ClauseText

/// The report a person reads in a terminal: each finding with its line, the span underlined, the
/// message, the law and a fair rewrite. Colour only when asked (on a terminal).
public struct TextReport {
    public var color: Bool

    public init(color: Bool) { self.color = color }

    public func render(_ result: AuditResult) -> String {
        var out = ""
        if let error = result.error {
            return paint("\(result.document.path): error: \(error.message)", .red) + "\n"
        }
        for warning in result.warnings {
            out += paint("\(result.document.path): warning: \(warning)", .yellow) + "\n"
        }
        for finding in result.findings {
            out += render(finding, path: result.document.path, source: result.prepared?.source)
        }
        out += figures(result.figures)
        out += summaryLine(result)
        if let comparison = result.comparison {
            out += "\n" + ComparisonReport.text(comparison, path: result.document.path, color: color)
        }
        return out
    }

    func render(_ finding: Finding, path: String, source: SourceText?) -> String {
        let s = finding.span
        let tone: Tone = finding.severity == .error ? .red : finding.severity == .warning ? .yellow : .blue
        var out = paint("\(path):\(s.line):\(s.column): ", .bold)
            + paint("\(finding.severity.rawValue) \(finding.category.rawValue)", tone)
            + paint(" [\(finding.rule.id)] \(finding.rule.title)", .bold) + "\n"
        if let source {
            let gutter = String(s.line)
            let lineRange = source.lineRange(s.line)
            let line = source.slice(lineRange)
            let lead = source.slice(lineRange.lowerBound ..< max(lineRange.lowerBound, min(finding.sourceRange.lowerBound, lineRange.upperBound)))
            let marked = source.slice(finding.sourceRange.clamped(to: lineRange))
            let pad = String(repeating: " ", count: gutter.count)
            out += paint("\(gutter) | ", .dim) + line + "\n"
            out += paint("\(pad) | ", .dim) + String(repeating: " ", count: Self.width(lead))
                + paint(String(repeating: "^", count: max(1, Self.width(marked))), tone) + "\n"
        }
        out += "  " + finding.message + "\n"
        out += paint("  依据：", .dim) + finding.rule.legalBasis.joined(separator: "；") + "\n"
        out += paint("  建议：", .dim) + finding.rule.suggestion + "\n\n"
        return out
    }

    /// What the contract states of its penalties, deposits and fees, one line each; nothing when none.
    func figures(_ figures: [StatedFigure]) -> String {
        guard !figures.isEmpty else { return "" }
        return paint("合同中的金额与比例：", .bold) + "\n" + figures.map { f in
            "  \(f.span.line):\(f.span.column) \(f.kind.term) \(f.shown)，\(FigureSection.payer(f))\(FigureSection.breach(f))\n"
        }.joined() + "\n"
    }

    func summaryLine(_ result: AuditResult) -> String {
        let summary = result.summary
        guard !result.findings.isEmpty else { return "\(result.document.path): 未发现问题条款（no findings）\n" }
        let categories = summary.byCategory.sorted { $0.key < $1.key }.map { "\($0.key.rawValue) \($0.value)" }
        let counts = Severity.allCases.reversed().compactMap { severity in
            summary.bySeverity[severity].map { "\($0) \(severity.rawValue)" }
        }
        return "\(result.document.path): \(result.findings.count) 处问题（\(counts.joined(separator: ", "))；\(categories.joined(separator: "，"))）\n"
    }

    /// Columns a terminal gives the text: East Asian wide and full-width characters take two.
    static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            let v = scalar.value
            let wide = (0x1100 ... 0x115F).contains(v) || (0x2E80 ... 0xA4CF).contains(v) || (0xAC00 ... 0xD7A3).contains(v)
                || (0xF900 ... 0xFAFF).contains(v) || (0xFE30 ... 0xFE4F).contains(v) || (0xFF00 ... 0xFF60).contains(v)
                || (0xFFE0 ... 0xFFE6).contains(v) || (0x20000 ... 0x3FFFD).contains(v)
            let zero = scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .format
            return total + (zero ? 0 : wide ? 2 : 1)
        }
    }

    enum Tone: String {
        case red = "31", yellow = "33", blue = "34", bold = "1", dim = "2"
    }

    func paint(_ text: String, _ tone: Tone) -> String {
        color ? "\u{1B}[\(tone.rawValue)m\(text)\u{1B}[0m" : text
    }
}
