import ClauseAudit
import ClauseRules

/// The summary of a bulk run as text (for the terminal), CSV (for pasting into the statistics forms
/// regulators fill in: cases by category come first, with Chinese names), HTML and JSON.
public enum SummaryReport {
    public enum Format: String, Sendable, CaseIterable {
        case text, csv, html, json

        /// The format a file name's extension asks for (text when it says nothing known).
        public init(path: String) {
            switch path.split(separator: ".").last?.lowercased() ?? "" {
            case "csv": self = .csv
            case "html", "htm": self = .html
            case "json": self = .json
            default: self = .text
            }
        }
    }

    /// The item of Art. 21 of 网络交易监督管理办法 each category is.
    public static func item(_ category: Category) -> String {
        let numbers = ["一", "二", "三", "四", "五", "六"]
        return "第二十一条第（\(numbers[Category.allCases.firstIndex(of: category)!])）项"
    }

    static func percent(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "0.0%" : ProgressLine.fixed(Double(part) * 100 / Double(whole), 1) + "%"
    }

    static func documentLine(_ s: BulkSummary) -> String {
        var out = "文件 \(s.documents) 份：审查 \(s.audited) 份，无法审查 \(s.errors) 份"
        if !s.errorsByCode.isEmpty {
            out += "（" + s.errorsByCode.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: "，") + "）"
        }
        if s.duplicates > 0 { out += "，其中内容重复 \(s.duplicates) 份" }
        return out
    }

    // MARK: text

    public static func text(_ s: BulkSummary) -> String {
        var out = "clause-audit 批量审查汇总\n\n"
        out += documentLine(s) + "\n"
        let severities = Severity.allCases.reversed().map { "\(HTML.severityName($0)) \(s.bySeverity[$0] ?? 0)" }.joined(separator: "，")
        out += "发现问题 \(s.findings) 处（\(severities)），涉及 \(s.documentsWithFindings) 份文件（占已审查 \(percent(s.documentsWithFindings, of: s.audited))）\n"
        if s.prominence > 0 {
            out += "重大利害关系条款未以显著方式提示（合同行政监督管理办法第六条）：\(s.prominence) 处，\(s.documentsWithProminence) 份文件；不计入下表各类别\n"
        }
        if let seconds = s.seconds, seconds > 0 {
            out += "用时 \(ProgressLine.fixed(seconds, 1)) 秒，\(ProgressLine.fixed(Double(s.documents - s.counts.resumed) / seconds, 1)) 份/秒，"
                + "\(ProgressLine.fixed(Double(s.bytes) / seconds / 1_000_000, 2)) MB/秒\n"
        }
        if s.counts.resumed > 0 { out += "续跑：沿用此前已完成的 \(s.counts.resumed) 份\n" }
        let d = s.counts.discovery
        if d.filesNotSelected > 0 || d.foldersNotEntered > 0 {
            out += "未选入：\(d.filesNotSelected) 个文件（扩展名、--include/--exclude 或隐藏文件），\(d.foldersNotEntered) 个文件夹\n"
        }

        out += "\n按类别（网络交易监督管理办法第二十一条）\n"
        var rows = [["类别", "说明", "问题条款", "涉及文件", "文件占比"]]
        for c in Category.allCases {
            rows.append([c.rawValue, HTML.shortName(c), String(s.byCategory[c] ?? 0), String(s.documentsWithCategory[c] ?? 0),
                         percent(s.documentsWithCategory[c] ?? 0, of: s.audited)])
        }
        out += table(rows, right: [2, 3, 4])

        if !s.byRule.isEmpty {
            out += "\n按规则\n"
            out += table([["规则", "类别", "问题条款"]] + s.rulesByCount.map { [$0.rule, $0.category.rawValue, String($0.count)] }, right: [2])
        }
        if !s.byLegalBasis.isEmpty {
            out += "\n按法律依据（一处问题可引用多条）\n"
            out += table([["法律依据", "引用次数"]] + s.legalBasisByCount.map { [$0.basis, String($0.count)] }, right: [1])
        }
        if !s.worst.isEmpty {
            out += "\n问题最多的文件\n"
            out += table([["文件", "错误", "警告", "提示", "合计", "类别"]] + s.worst.map {
                [$0.path, String($0.bySeverity[.error] ?? 0), String($0.bySeverity[.warning] ?? 0), String($0.bySeverity[.info] ?? 0),
                 String($0.total), $0.categories.map(\.rawValue).joined(separator: " ")]
            }, right: [1, 2, 3, 4])
        }
        return out
    }

    /// Columns padded to the widest cell (East Asian characters count two).
    static func table(_ rows: [[String]], right: Set<Int> = []) -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], TextReport.width(cell)) } }
        return rows.map { row in
            row.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - TextReport.width(cell))
                return right.contains(i) ? pad + cell : (i == row.count - 1 ? cell : cell + pad)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    // MARK: CSV

    /// Several tables one after another, separated by an empty line; the first is the table of cases
    /// by category, ready to paste.
    public static func csv(_ s: BulkSummary) -> String {
        var out = CSVReport.line(["类别代码", "类别", "条款依据", "问题条款数", "涉及文件数", "文件占比"])
        for c in Category.allCases {
            out += CSVReport.line([c.rawValue, c.summary, "网络交易监督管理办法（2021）" + item(c), String(s.byCategory[c] ?? 0),
                                   String(s.documentsWithCategory[c] ?? 0), percent(s.documentsWithCategory[c] ?? 0, of: s.audited)])
        }
        let content = s.byCategory.values.reduce(0, +)
        out += CSVReport.line(["合计", "", "", String(content), String(s.documentsWithFindings), percent(s.documentsWithFindings, of: s.audited)])
        out += CSVReport.line(["提示义务", "重大利害关系条款未以显著方式提示", "合同行政监督管理办法（2023）第六条第一款",
                               String(s.prominence), String(s.documentsWithProminence), percent(s.documentsWithProminence, of: s.audited)])
        out += "\r\n" + CSVReport.line(["项目", "数值"])
        var facts: [(String, String)] = [("文件总数", String(s.documents)), ("已审查", String(s.audited)), ("无法审查", String(s.errors))]
        for (code, n) in s.errorsByCode.sorted(by: { $0.key < $1.key }) { facts.append(("无法审查：\(code)", String(n))) }
        facts += [("内容重复", String(s.duplicates)), ("问题条款", String(s.findings))]
        for severity in Severity.allCases.reversed() { facts.append(("问题条款：\(HTML.severityName(severity))", String(s.bySeverity[severity] ?? 0))) }
        facts.append(("有问题的文件", String(s.documentsWithFindings)))
        facts.append(("续跑沿用", String(s.counts.resumed)))
        facts.append(("未选入的文件", String(s.counts.discovery.filesNotSelected)))
        if let seconds = s.seconds { facts.append(("用时（秒）", ProgressLine.fixed(seconds, 2))) }
        for (k, v) in facts { out += CSVReport.line([k, v]) }
        out += "\r\n" + CSVReport.line(["规则", "类别代码", "问题条款数"])
        for r in s.rulesByCount { out += CSVReport.line([r.rule, r.category.rawValue, String(r.count)]) }
        out += "\r\n" + CSVReport.line(["法律依据", "引用次数"])
        for b in s.legalBasisByCount { out += CSVReport.line([b.basis, String(b.count)]) }
        out += "\r\n" + CSVReport.line(["问题最多的文件", "错误", "警告", "提示", "合计", "类别"])
        for w in s.worst {
            out += CSVReport.line([w.path, String(w.bySeverity[.error] ?? 0), String(w.bySeverity[.warning] ?? 0),
                                   String(w.bySeverity[.info] ?? 0), String(w.total), w.categories.map(\.rawValue).joined(separator: " ")])
        }
        return out
    }

    // MARK: JSON

    public static func json(_ s: BulkSummary) -> JSONValue {
        .object([
            ("documents", .int(s.documents)),
            ("audited", .int(s.audited)),
            ("errors", .int(s.errors)),
            ("errors_by_code", .object(s.errorsByCode.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
            ("duplicates", .int(s.duplicates)),
            ("resumed", .int(s.counts.resumed)),
            ("files_not_selected", .int(s.counts.discovery.filesNotSelected)),
            ("findings", .int(s.findings)),
            ("by_severity", .object(Severity.allCases.reversed().map { ($0.rawValue, .int(s.bySeverity[$0] ?? 0)) })),
            ("by_category", .object(Category.allCases.map { c in
                (c.rawValue, .object([("findings", .int(s.byCategory[c] ?? 0)), ("documents", .int(s.documentsWithCategory[c] ?? 0)),
                                      ("share", .number(s.share(c)))]))
            })),
            ("prominence", .object([("findings", .int(s.prominence)), ("documents", .int(s.documentsWithProminence))])),
            ("documents_with_findings", .int(s.documentsWithFindings)),
            ("by_rule", .object(s.rulesByCount.map { ($0.rule, .int($0.count)) })),
            ("by_legal_basis", .object(s.legalBasisByCount.map { ($0.basis, .int($0.count)) })),
            ("worst", .array(s.worst.map { w in
                .object([("path", .string(w.path)), ("error", .int(w.bySeverity[.error] ?? 0)),
                         ("warning", .int(w.bySeverity[.warning] ?? 0)), ("info", .int(w.bySeverity[.info] ?? 0)),
                         ("total", .int(w.total)), ("categories", .strings(w.categories.map(\.rawValue)))])
            })),
            ("seconds", s.seconds.map(JSONValue.number) ?? .null),
            ("bytes", .int(s.bytes)),
        ])
    }

    // MARK: HTML

    /// The summary as a page. `documents` is the markup of the document list (the report index adds
    /// it); `link` turns a path into the href of its report, for the worst list.
    public static func html(_ s: BulkSummary, documents: String? = nil, link: ((String) -> String?)? = nil) -> String {
        var body = "<header class=\"top\"><div class=\"wrap\"><h1>格式条款批量审查汇总</h1>"
        body += "<p class=\"tool\">\(HTML.escape(ToolInfo.name)) \(HTML.escape(ToolInfo.version))</p></div></header>\n<main class=\"wrap\">\n"
        body += "<section class=\"doc\"><p>\(HTML.escape(documentLine(s)))</p>"
        body += "<p>发现问题 <b>\(s.findings)</b> 处，涉及 <b>\(s.documentsWithFindings)</b> 份文件（占已审查 \(percent(s.documentsWithFindings, of: s.audited))）。</p>"
        if s.prominence > 0 {
            body += "<p>重大利害关系条款未以显著方式提示（合同行政监督管理办法第六条）：\(s.prominence) 处，\(s.documentsWithProminence) 份文件，不计入下表各类别。</p>"
        }
        body += "<h2>按类别（网络交易监督管理办法第二十一条）</h2><table class=\"summary\"><thead><tr><th>类别</th><th>说明</th><th>问题条款</th><th>涉及文件</th><th>文件占比</th></tr></thead><tbody>"
        for c in Category.allCases {
            body += "<tr><td><span class=\"badge badge-\(c.rawValue)\">\(c.rawValue)</span></td><td>\(HTML.escape(c.summary))</td>"
                + "<td class=\"num\">\(s.byCategory[c] ?? 0)</td><td class=\"num\">\(s.documentsWithCategory[c] ?? 0)</td>"
                + "<td class=\"num\">\(percent(s.documentsWithCategory[c] ?? 0, of: s.audited))</td></tr>"
        }
        body += "</tbody></table>"
        if !s.worst.isEmpty {
            body += "<h2>问题最多的文件</h2><table class=\"summary\"><thead><tr><th>文件</th><th>错误</th><th>警告</th><th>提示</th><th>合计</th><th>类别</th></tr></thead><tbody>"
            for w in s.worst {
                let name = link?(w.path).map { "<a href=\"\(HTML.escape($0))\">\(HTML.escape(w.path))</a>" } ?? HTML.escape(w.path)
                body += "<tr><td>\(name)</td><td class=\"num\">\(w.bySeverity[.error] ?? 0)</td><td class=\"num\">\(w.bySeverity[.warning] ?? 0)</td>"
                    + "<td class=\"num\">\(w.bySeverity[.info] ?? 0)</td><td class=\"num\">\(w.total)</td>"
                    + "<td>\(w.categories.map { "<span class=\"badge badge-\($0.rawValue)\">\($0.rawValue)</span>" }.joined(separator: " "))</td></tr>"
            }
            body += "</tbody></table>"
        }
        if !s.byRule.isEmpty {
            body += "<h2>按规则</h2><table class=\"summary\"><thead><tr><th>规则</th><th>类别</th><th>问题条款</th></tr></thead><tbody>"
            for r in s.rulesByCount {
                body += "<tr><td><code>\(HTML.escape(r.rule))</code></td><td><span class=\"badge badge-\(r.category.rawValue)\">\(r.category.rawValue)</span></td><td class=\"num\">\(r.count)</td></tr>"
            }
            body += "</tbody></table>"
        }
        if !s.byLegalBasis.isEmpty {
            body += "<h2>按法律依据</h2><table class=\"summary\"><thead><tr><th>法律依据</th><th>引用次数</th></tr></thead><tbody>"
            for b in s.legalBasisByCount { body += "<tr><td>\(HTML.escape(b.basis))</td><td class=\"num\">\(b.count)</td></tr>" }
            body += "</tbody></table>"
        }
        body += "</section>\n"
        if let documents { body += "<section class=\"doc\"><h2>全部文件</h2>\n\(documents)</section>\n" }
        body += "</main>\n"
        return HTML.page(title: "格式条款批量审查汇总", style: HTMLReport.style + "\n.doc h2{margin:18px 0 6px;font-size:17px}.list td{font-size:13.5px}", script: nil, body: body)
    }
}
