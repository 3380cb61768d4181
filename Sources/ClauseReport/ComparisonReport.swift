import ClauseAudit
import ClauseModels
import ClauseText
import Foundation

/// The comparison with a model contract in the JSON report (`model_comparison`) and in text.
public enum ComparisonReport {
    public static func json(_ c: ModelComparison) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("model", c.model.map { m in
                .object([("id", .string(m.id)), ("title", .string(m.title)), ("code", .optional(m.code)),
                         ("issuer", .optional(m.issuer)), ("year", m.year.map(JSONValue.int) ?? .null),
                         ("sector", .optional(m.sector)), ("text", .optional(m.textPath))])
            } ?? .null),
            ("similarity", .number(rounded(c.similarity))),
            ("basis", .string(c.basis.rawValue)),
            ("missing", .array(c.missing.map { m in
                .object([("model_clause", .string(m.modelClause)), ("title", .string(m.title)),
                         ("protects", .optional(m.protects)), ("model_text", .string(m.modelText))])
            })),
            ("changed", .array(c.changed.map { ch in
                .object([("model_clause", .string(ch.modelClause)), ("clause", .optional(ch.clause)),
                         ("span", JSONReport.span(ch.span)), ("text", .string(ch.text)), ("model_text", .string(ch.modelText)),
                         ("kind", .string(ch.kind.rawValue)), ("reason", .optional(ch.reason)), ("protects", .optional(ch.protects)),
                         ("edits", .array(ch.edits.map { .object([("deleted", .string($0.deleted)), ("inserted", .string($0.inserted))]) })),
                         ("findings", .strings(ch.findings))])
            })),
            ("added", .array(c.added.map { a in
                .object([("clause", .optional(a.clause)), ("span", JSONReport.span(a.span)), ("text", .string(a.text)),
                         ("findings", .strings(a.findings))])
            })),
            ("protections", .array(c.protections.map { p in
                .object([("id", .string(p.id)), ("model_clause", .string(p.modelClause)), ("protects", .string(p.protects)),
                         ("status", .string(p.status.rawValue)), ("span", p.span.map(JSONReport.span) ?? .null)])
            })),
            ("figures", .array(c.figures.map { f in
                .object([("id", .string(f.id)), ("model_clause", .string(f.modelClause)), ("what", .string(f.what)),
                         ("status", .string(f.status.rawValue)), ("model", .string(f.model)), ("contract", .optional(f.contract)),
                         ("span", f.span.map(JSONReport.span) ?? .null)])
            })),
        ]
        if !c.candidates.isEmpty {
            pairs.append(("candidates", .array(c.candidates.map {
                .object([("id", .string($0.id)), ("title", .string($0.title)), ("similarity", .number(rounded($0.similarity)))])
            })))
        }
        pairs.append(("notes", .strings(c.notes)))
        return .object(pairs)
    }

    static func rounded(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }

    /// The comparison for a terminal: what is missing, what changed and how, what was added.
    public static func text(_ c: ModelComparison, path: String, color: Bool = false) -> String {
        let report = TextReport(color: color)
        var out = report.paint("与示范文本比对（comparison with the model contract）", .bold) + "\n"
        if let m = c.model {
            let who = [m.issuer, m.year.map(String.init)].compactMap { $0 }.joined(separator: "，")
            out += "  示范文本：" + [m.code, "《\(m.title)》"].compactMap { $0 }.joined(separator: " ") + (who.isEmpty ? "" : "（\(who)）") + "\n"
            out += "  相似度：\(Int((c.similarity * 100).rounded()))%" + (c.basis == .text ? "（逐条比对全文 \(m.textPath ?? "")）" : "（仅按档案检查保护条款与数值）") + "\n"
        }
        for note in c.notes { out += "  " + report.paint("注：", .dim) + note + "\n" }
        guard c.model != nil else { return out }
        out += "\n" + report.paint("缺失（missing）\(c.missing.count)", .bold) + "\n"
        for m in c.missing {
            out += "  " + report.paint(m.modelClause, .red) + (m.title.isEmpty ? "" : " \(m.title)")
                + (m.protects.map { " —— 保护：\($0)" } ?? "") + "\n"
            if !m.modelText.isEmpty { out += report.paint("    示范文本：", .dim) + clip(m.modelText) + "\n" }
        }
        out += "\n" + report.paint("改动（changed）\(c.changed.count)", .bold) + "\n"
        for ch in c.changed {
            let tone: TextReport.Tone = ch.kind == .weaker ? .red : ch.kind == .stronger ? .blue : .yellow
            out += "  \(path):\(ch.span.line):\(ch.span.column): " + report.paint(ch.kind.rawValue, tone)
                + " \(ch.clause ?? "")（示范文本 \(ch.modelClause)）" + (ch.reason.map { " \($0)" } ?? "") + "\n"
            if let p = ch.protects { out += report.paint("    保护：", .dim) + p + "\n" }
            for e in ch.edits.prefix(4) {
                out += report.paint("    − ", .red) + clip(e.deleted.isEmpty ? "（无）" : e.deleted, 60)
                    + report.paint("  + ", .blue) + clip(e.inserted.isEmpty ? "（无）" : e.inserted, 60) + "\n"
            }
            if !ch.findings.isEmpty { out += report.paint("    规则：", .dim) + ch.findings.joined(separator: ", ") + "\n" }
        }
        out += "\n" + report.paint("新增（added）\(c.added.count)", .bold) + "\n"
        for a in c.added {
            out += "  \(path):\(a.span.line):\(a.span.column): \(a.clause ?? "")"
                + (a.findings.isEmpty ? "" : " " + report.paint("[\(a.findings.joined(separator: ", "))]", .red)) + "\n"
            out += "    " + clip(a.text) + "\n"
        }
        if !c.protections.isEmpty || !c.figures.isEmpty {
            func count(_ s: [ModelComparison.Status]) -> String {
                var parts: [String] = []
                for status in [ModelComparison.Status.kept, .weakened, .stronger, .missing, .changed] {
                    let n = s.filter { $0 == status }.count
                    if n > 0 { parts.append("\(status.rawValue) \(n)") }
                }
                return parts.joined(separator: ", ")
            }
            out += "\n保护条款（protections）：\(count(c.protections.map(\.status)))；数值（figures）：\(count(c.figures.map(\.status)))\n"
        }
        return out
    }

    /// One line of at most `limit` characters.
    static func clip(_ s: String, _ limit: Int = 90) -> String {
        let line = s.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        return line.count > limit ? String(line.prefix(limit)) + "…" : line
    }
}
