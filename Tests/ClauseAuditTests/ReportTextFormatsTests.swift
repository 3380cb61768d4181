import ClauseAudit
import ClauseReport
import ClauseRules
import Foundation
import Testing

/// Markdown and CSV reports, byte for byte.
struct ReportTextFormatsTests {
    func result(_ text: String, path: String = "c.txt") -> AuditResult {
        bulkAuditor.audit(Array(text.utf8), path: path, scratch: MatchScratch())
    }

    @Test func markdownReport() {
        let md = MarkdownReport(rulesVersion: "t1").render(result("第一条 丢失概不负责。\n第二条 本店保留最终解释权。", path: "a_b.txt"))
        #expect(md == """
        # 格式条款审查报告：a\\_b.txt

        格式 text · 编码 UTF-8 · 26 字符  
        clause-audit 0.1.0 · 规则包 t1

        | 类别 | 说明 | 错误 | 警告 | 提示 | 合计 |
        |---|---|---:|---:|---:|---:|
        | C1 | 免除或者部分免除经营者责任 | 1 | 0 | 0 | 1 |
        | C5 | 经营者单方享有解释权或者最终解释权 | 0 | 1 | 0 | 1 |
        | **合计** | | 1 | 1 | 0 | **2** |

        ## 1. C1 错误：概不负责

        > 概不负责

        - **位置**：第一条，第 1 行第 7 列（规则 `test.no-liability`）
        - **问题**：经营者免除自身责任。
        - **依据**：网络交易监督管理办法（2021）第二十一条第（一）项
        - **建议**：依法承担责任。

        ## 2. C5 警告：最终解释权

        > 最终解释权

        - **位置**：第二条，第 2 行第 9 列（规则 `test.final-right`）
        - **问题**：经营者不能自己说了算。
        - **依据**：合同行政监督管理办法（2023）第八条第（七）项
        - **建议**：删除。


        """)
    }

    @Test func markdownEscapesTheContract() {
        #expect(Markdown.escape("<b>*x*</b> [a](b) | `c` & #1") == "\\<b\\>\\*x\\*\\</b\\> \\[a\\](b) \\| \\`c\\` \\& \\#1")
        #expect(Markdown.escape("- 列表") == "- 列表")
        #expect(Markdown.quote("- 列表\n12. 条\n+1") == "> \\- 列表  \n> 12\\. 条  \n> \\+1")
        #expect(Markdown.quote("一\n二") == "> 一  \n> 二")
    }

    @Test func markdownForCleanAndFailedDocuments() {
        #expect(MarkdownReport(rulesVersion: "t1").render(result("合同。")).hasSuffix("规则包 t1\n\n未发现问题条款。\n"))
        let failed = AuditResult(document: DocumentInfo(path: "x.pdf", format: .text), error: AuditError(code: "unsupported-format", message: "不支持"))
        #expect(MarkdownReport(rulesVersion: "t1").render(failed).hasSuffix("**无法审查（unsupported-format）**：不支持\n"))
    }

    @Test func csvRowsForFindingsCleanAndFailedDocuments() {
        let found = CSVReport.rows(result("丢失概不负责，\"真的\"。", path: "a.txt"), sha256: "ab")
        #expect(found == "a.txt,finding,C1,免除或者部分免除经营者责任,error,test.no-liability,概不负责,1,3,1,7,2,6,,概不负责,经营者免除自身责任。,网络交易监督管理办法（2021）第二十一条第（一）项,依法承担责任。,,,ab,\r\n")
        #expect(CSVReport.rows(result("合同。", path: "b.txt")) == "b.txt,clean,,,,,,,,,,,,,,,,,,,,\r\n")
        let failed = AuditResult(document: DocumentInfo(path: "c,d.pdf", format: .text), error: AuditError(code: "unsupported-format", message: "不支持\n的格式"))
        #expect(CSVReport.rows(failed, duplicateOf: "e.pdf") == "\"c,d.pdf\",error,,,,,,,,,,,,,,,,,unsupported-format,\"不支持\n的格式\",,e.pdf\r\n")
        #expect(CSVReport.header.hasPrefix("path,status,category,category_name,severity,rule,title,line,column,"))
        #expect(CSVReport.columns.count == 22)
    }

    @Test func csvQuotesAndDefusesFormulas() {
        #expect(CSVReport.line(["a\"b", "=SUM(A1)", "+1", "@x", "-2", "普通"]) == "\"a\"\"b\",'=SUM(A1),'+1,'@x,'-2,普通\r\n")
        #expect(CSVReport.line(["-", "+", "="]) == "-,+,'=\r\n")
    }

    @Test func progressLine() {
        #expect(ProgressLine.render(done: 50, total: 100, bytes: 5_000_000, totalBytes: 10_000_000, seconds: 2, width: 80)
            == "[###############---------------] 50/100 份 · 2.50 MB/s · 25.0 份/s · 剩余 0:02")
        #expect(ProgressLine.render(done: 3, total: nil, bytes: 0, totalBytes: nil, seconds: 1, width: 60)
            == "[---#------------------------] 3 份 · 0.00 MB/s · 3.0 份/s")
    }
}
