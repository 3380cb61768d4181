import ClauseAudit
import ClauseModels
import ClauseRules
import ClauseText

/// The side-by-side view of a comparison as one self-contained HTML page: model left, contract
/// right, aligned unit by unit, words taken out struck through, words put in underlined, rule
/// findings marked on the contract. No script, no external resource (the Content-Security-Policy
/// forbids both), every piece of text escaped.
public enum ComparisonHTML {
    public static func render(_ result: AuditResult) -> String {
        var out = """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; base-uri 'none'">
        <meta name="referrer" content="no-referrer">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape("合同与示范文本比对 – " + result.document.path))</title>
        <style>\(style)</style>
        </head>
        <body>

        """
        out += "<h1>合同与示范文本比对</h1>\n"
        out += "<p class=\"doc\">合同：<code>\(escape(result.document.path))</code></p>\n"
        guard let c = result.comparison else {
            out += "<p>未做比对（no comparison）。</p>\n</body>\n</html>\n"
            return out
        }
        if let m = c.model {
            let who = [m.issuer, m.year.map(String.init)].compactMap { $0 }.joined(separator: "，")
            out += "<p class=\"doc\">示范文本：\(escape([m.code, "《\(m.title)》"].compactMap { $0 }.joined(separator: " ")))"
                + (who.isEmpty ? "" : "（\(escape(who))）") + (m.textPath.map { "，文本 <code>\(escape($0))</code>" } ?? "") + "</p>\n"
        }
        out += "<p class=\"doc\">相似度 \(Int((c.similarity * 100).rounded()))%；缺失 \(c.missing.count)，改动 \(c.changed.count)"
            + "（其中不利于消费者 \(c.changed.filter { $0.kind == .weaker }.count)），新增 \(c.added.count)</p>\n"
        for note in c.notes { out += "<p class=\"note\">\(escape(note))</p>\n" }

        out += summary(c)
        if c.basis == .text {
            out += table(c, result: result)
        }
        out += checkTable(c)
        out += "</body>\n</html>\n"
        return out
    }

    static let style = """
    body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC",sans-serif;margin:1.5em;color:#222;line-height:1.6}
    h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.5em}
    .doc{margin:.2em 0}.note{color:#8a5a00;margin:.2em 0}
    table{border-collapse:collapse;width:100%;table-layout:fixed}
    td,th{border:1px solid #ccc;vertical-align:top;padding:.4em .6em;text-align:left}
    th{background:#f4f4f4;font-weight:600}
    td.side{white-space:pre-wrap;word-break:break-all}
    td.empty{background:#fafafa;color:#999}
    .label{font-weight:600;color:#444;display:block;white-space:normal}
    del{background:#fde2e2;color:#9b1c1c}
    ins{background:#dcf5e3;color:#14532d;text-decoration:underline}
    .filled{background:#eef2ff}
    .moved{background:#fff7d6}
    mark.finding{background:#ffd6a5;border-bottom:2px solid #d9480f}
    .kind{display:inline-block;font-size:.8em;padding:0 .4em;border-radius:.3em;margin-left:.4em;color:#fff}
    .weaker{background:#c92a2a}.stronger{background:#2b8a3e}.different{background:#868e96}
    .missing{background:#c92a2a}.added{background:#1c7ed6}
    ul{padding-left:1.2em}li{margin:.3em 0}
    .st{white-space:nowrap;font-weight:600;background:none}.st.kept,.st.stronger{color:#2e7d32}
    .st.weakened,.st.missing{color:#b3261e}.st.changed{color:#8a5a00}
    """

    static func summary(_ c: ModelComparison) -> String {
        var out = ""
        if !c.missing.isEmpty {
            out += "<h2>缺失</h2>\n<ul>\n"
            for m in c.missing {
                out += "<li><strong>\(escape(m.modelClause))</strong> \(escape(m.title))"
                    + (m.protects.map { " —— 保护：\(escape($0))" } ?? "") + "</li>\n"
            }
            out += "</ul>\n"
        }
        if !c.changed.isEmpty {
            out += "<h2>改动</h2>\n<ul>\n"
            for ch in c.changed {
                out += "<li><strong>\(escape(ch.clause ?? ""))</strong>（示范文本 \(escape(ch.modelClause))）"
                    + "<span class=\"kind \(ch.kind.rawValue)\">\(escape(ch.kind.rawValue))</span> "
                    + escape(ch.reason ?? "") + (ch.protects.map { "<br>保护：\(escape($0))" } ?? "")
                    + "<br>示范文本：\(escape(ch.modelText))<br>合同：\(escape(ch.text))"
                    + (ch.findings.isEmpty ? "" : "<br>规则：\(escape(ch.findings.joined(separator: ", ")))") + "</li>\n"
            }
            out += "</ul>\n"
        }
        if !c.added.isEmpty {
            out += "<h2>新增</h2>\n<ul>\n"
            for a in c.added {
                out += "<li><strong>\(escape(a.clause ?? ""))</strong> 第 \(a.span.line) 行"
                    + (a.findings.isEmpty ? "" : " <span class=\"kind weaker\">\(escape(a.findings.joined(separator: ", ")))</span>")
                    + "<br>\(escape(a.text))</li>\n"
            }
            out += "</ul>\n"
        }
        return out
    }

    static func table(_ c: ModelComparison, result: AuditResult) -> String {
        guard let modelSource = c.modelSource, let contractSource = result.prepared?.source else { return "" }
        var out = "<h2>逐条对照</h2>\n<table>\n<colgroup><col style=\"width:50%\"><col style=\"width:50%\"></colgroup>\n"
        out += "<tr><th>示范文本</th><th>合同</th></tr>\n"
        let findings = result.findings.sorted { $0.sourceRange.lowerBound < $1.sourceRange.lowerBound }
        for row in c.rows {
            out += "<tr>"
            if let label = row.modelLabel {
                out += "<td class=\"side\"><span class=\"label\">\(escape(label))</span>"
                    + side(row.model, source: modelSource, findings: []) + "</td>"
            } else {
                out += "<td class=\"empty\">（示范文本无此内容）</td>"
            }
            if let label = row.contractLabel {
                let lower = row.contract.first?.range.lowerBound ?? 0, upper = row.contract.last?.range.upperBound ?? 0
                let kinds = c.changed.filter { $0.sourceRange.lowerBound < upper && lower < $0.sourceRange.upperBound }.map(\.kind.rawValue)
                let badges = Array(Set(kinds)).sorted().map { "<span class=\"kind \($0)\">\($0)</span>" }.joined()
                    + (row.modelLabel == nil ? "<span class=\"kind added\">added</span>" : "")
                out += "<td class=\"side\"><span class=\"label\">\(escape(label))\(badges)</span>"
                    + side(row.contract, source: contractSource, findings: findings) + "</td>"
            } else {
                out += "<td class=\"empty\"><span class=\"kind missing\">missing</span> 合同中没有此内容</td>"
            }
            out += "</tr>\n"
        }
        return out + "</table>\n"
    }

    /// One side's text: segments by their mark, findings marked inside them.
    static func side(_ segments: [ModelComparison.Segment], source: SourceText, findings: [Finding]) -> String {
        var out = ""
        for segment in segments {
            var cuts = [segment.range.lowerBound, segment.range.upperBound]
            for f in findings where f.sourceRange.overlaps(segment.range) {
                cuts.append(max(f.sourceRange.lowerBound, segment.range.lowerBound))
                cuts.append(min(f.sourceRange.upperBound, segment.range.upperBound))
            }
            cuts = Array(Set(cuts)).sorted()
            var inner = ""
            for (a, b) in zip(cuts, cuts.dropFirst()) where a < b {
                let text = escape(trimmed(source.slice(a ..< b)))
                if let f = findings.first(where: { $0.sourceRange.lowerBound <= a && b <= $0.sourceRange.upperBound }) {
                    inner += "<mark class=\"finding\" title=\"\(escape("\(f.rule.id)（\(f.category.rawValue)）：\(f.message)"))\">\(text)</mark>"
                } else {
                    inner += text
                }
            }
            switch segment.mark {
            case .same: out += inner
            case .deleted: out += "<del>\(inner)</del>"
            case .inserted: out += "<ins>\(inner)</ins>"
            case .filled: out += "<span class=\"filled\" title=\"填写的内容\">\(inner)</span>"
            case .moved: out += "<span class=\"moved\" title=\"移动了位置\">\(inner)</span>"
            }
        }
        return out
    }

    /// Runs of blank lines shortened to one, so the columns stay readable.
    static func trimmed(_ s: String) -> String {
        var out = ""
        var newlines = 0
        for ch in s {
            if ch == "\n" || ch == "\r\n" {
                newlines += 1
                if newlines <= 2 { out.append("\n") }
            } else {
                if !(ch == " " && newlines > 0) { newlines = 0 }
                out.append(ch)
            }
        }
        return out
    }

    /// Text as HTML, escaped the way every report page escapes it.
    public static func escape(_ s: String) -> String { HTML.escape(s) }
}
