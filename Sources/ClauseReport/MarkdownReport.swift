import ClauseAudit
import ClauseRules

/// The report as Markdown, for pasting into an issue, a wiki page or a review comment: a summary
/// table, then each finding with the quoted text, where it is, the message, the law and a rewrite.
public struct MarkdownReport {
    public var rulesVersion: String

    public init(rulesVersion: String) { self.rulesVersion = rulesVersion }

    public func render(_ results: [AuditResult]) -> String {
        results.map(render).joined(separator: "\n---\n\n")
    }

    public func render(_ result: AuditResult) -> String {
        let info = result.document
        var out = "# 格式条款审查报告：\(Markdown.escape(info.path))\n\n"
        var meta = ["格式 \(info.format.rawValue)"]
        if let encoding = info.encoding { meta.append("编码 \(encoding)") }
        meta.append("\(info.characters) 字符")
        out += meta.joined(separator: " · ") + "  \n"
        out += "\(ToolInfo.name) \(ToolInfo.version) · 规则包 \(Markdown.escape(rulesVersion))\n\n"
        if let error = result.error {
            return out + "**无法审查（\(Markdown.escape(error.code))）**：\(Markdown.escape(error.message))\n"
        }
        for warning in result.warnings { out += "> **注意**：\(Markdown.escape(warning))\n\n" }
        guard !result.findings.isEmpty else { return out + "未发现问题条款。\n" }

        out += "| 类别 | 说明 | 错误 | 警告 | 提示 | 合计 |\n|---|---|---:|---:|---:|---:|\n"
        for category in Category.allCases {
            let of = result.findings.filter { $0.category == category }
            guard !of.isEmpty else { continue }
            let counts = Severity.allCases.reversed().map { s in String(of.filter { $0.severity == s }.count) }
            out += "| \(category.rawValue) | \(category.summary) | " + counts.joined(separator: " | ") + " | \(of.count) |\n"
        }
        let totals = Severity.allCases.reversed().map { s in String(result.findings.filter { $0.severity == s }.count) }
        out += "| **合计** | | " + totals.joined(separator: " | ") + " | **\(result.findings.count)** |\n\n"

        for (i, finding) in result.findings.enumerated() {
            out += "## \(i + 1). \(finding.category.rawValue) \(HTML.severityName(finding.severity))：\(Markdown.escape(finding.rule.title))\n\n"
            out += Markdown.quote(finding.text) + "\n\n"
            var place = "第 \(finding.span.line) 行第 \(finding.span.column) 列"
            if let clause = finding.clause { place = Markdown.escape(clause.label) + "，" + place }
            out += "- **位置**：\(place)（规则 `\(finding.rule.id)`）\n"
            out += "- **问题**：\(Markdown.escape(finding.message))\n"
            if !finding.rule.legalBasis.isEmpty {
                out += "- **依据**：\(finding.rule.legalBasis.map(Markdown.escape).joined(separator: "；"))\n"
            }
            if !finding.rule.suggestion.isEmpty { out += "- **建议**：\(Markdown.escape(finding.rule.suggestion))\n" }
            out += "\n"
        }
        return out
    }
}

/// Markdown escaping: text from a contract must read as text, never as markup.
public enum Markdown {
    /// Escapes inline markup, for text inside a line. Line breaks become spaces (use `quote` for text
    /// whose lines matter).
    public static func escape(_ text: some StringProtocol) -> String {
        escapeInline(text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " "))
    }

    /// A block quote, one `>` line per line of the text.
    public static func quote(_ text: some StringProtocol) -> String {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        return lines.map { "> " + escapeLine($0) }.joined(separator: "  \n")
    }

    static func escapeInline(_ line: some StringProtocol) -> String {
        var out = ""
        for scalar in line.unicodeScalars {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&", "!", "#":
                out += "\\"
                out.unicodeScalars.append(scalar)
            default:
                out.unicodeScalars.append(scalar < " " && scalar != "\t" ? "\u{FFFD}" : scalar)
            }
        }
        return out
    }

    /// A whole line: inline markup, and block markup at its start.
    static func escapeLine(_ line: some StringProtocol) -> String {
        var out = escapeInline(line)
        // A line that starts like a list item or a heading underline stays text.
        let trimmed = out.drop { $0 == " " }
        if let first = trimmed.first, "-+=".contains(first) {
            let at = out.index(out.startIndex, offsetBy: out.count - trimmed.count)
            out.insert("\\", at: at)
        } else if let dot = trimmed.firstIndex(where: { !$0.isASCII || !$0.isNumber }),
                  dot != trimmed.startIndex, trimmed[dot] == "." || trimmed[dot] == ")" {
            out.insert("\\", at: dot)
        }
        return out
    }
}
