import ClauseAudit
import ClauseModels
import ClauseReport
import ClauseRules
import ClauseText
import Foundation
import Testing

/// The comparison in the reports: `model_comparison` in JSON, the text view, and the HTML
/// side-by-side page (self-contained, every text escaped).
@Suite struct ReportTests {
    /// The small contract of ComparisonTests with one sentence deleted, one number changed and one
    /// hostile sentence added.
    static func result() -> AuditResult {
        let contract = ComparisonTests.model
            .replacingFirst("乙方可以在营业时间内使用全部器械。\n", with: "")
            .replacingFirst("最迟在10个工作日内退清", with: "最迟在30个工作日内退清")
            .replacingFirst("也可以向人民法院起诉。\n", with: "也可以向人民法院起诉。\n本合同最终解释权归甲方所有<script>alert(1)</script>。\n")
        var result = fixtureAuditor.audit(Array(contract.utf8), path: "合同<1>.txt", scratch: MatchScratch())
        let model = PreparedText(plain: SourceText(ComparisonTests.model))
        result.comparison = ModelComparer(profile: nil).compare(
            contract: result.prepared!, findings: result.findings, model: model,
            info: .init(id: "test", title: "健身服务合同（测试文本）", code: "T-1", issuer: "测试", year: 2024, sector: "健身", textPath: "model.txt"))
        return result
    }

    @Test func jsonHasTheSpecsFields() throws {
        let json = JSONReport.render(Self.result(), rulesVersion: "t", pretty: false)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let c = try #require(object["model_comparison"] as? [String: Any])
        let model = try #require(c["model"] as? [String: Any])
        #expect(model["id"] as? String == "test")
        #expect(model["code"] as? String == "T-1")
        #expect(model["issuer"] as? String == "测试")
        #expect(model["year"] as? Int == 2024)
        #expect(c["basis"] as? String == "text")
        let missing = try #require(c["missing"] as? [[String: Any]])
        #expect(missing.map { $0["model_clause"] as? String } == ["第一条第2款"])
        #expect(missing.first?["title"] as? String == "服务内容")
        #expect(missing.first?.keys.contains("protects") == true)
        let changed = try #require(c["changed"] as? [[String: Any]])
        #expect(changed.map { $0["kind"] as? String } == ["weaker"])
        #expect(changed.first?["model_clause"] as? String == "第三条第2款")
        #expect(changed.first?["text"] as? String == "乙方在开通服务后提出解除的，甲方扣除已使用期间的费用后退还余款，最迟在30个工作日内退清。")
        #expect(changed.first?["model_text"] as? String == "乙方在开通服务后提出解除的，甲方扣除已使用期间的费用后退还余款，最迟在10个工作日内退清。")
        let span = try #require(changed.first?["span"] as? [String: Int])
        #expect(span["line"] == 17)
        #expect(span["column"] == 1)
        let added = try #require(c["added"] as? [[String: Any]])
        #expect(added.map { $0["text"] as? String } == ["本合同最终解释权归甲方所有<script>alert(1)</script>。"])
        #expect(added.first?["findings"] as? [String] == ["interpretation.final-right"])
        // Findings are the audit's own; the comparison does not change them.
        #expect((object["findings"] as? [Any])?.count == 1)
    }

    @Test func textViewListsTheThreeKinds() {
        let text = TextReport(color: false).render(Self.result())
        #expect(text.contains("缺失（missing）1\n  第一条第2款 服务内容\n    示范文本：乙方可以在营业时间内使用全部器械。\n"))
        #expect(text.contains("合同<1>.txt:17:1: weaker 第三条（示范文本 第三条第2款） 期限 10 → 30\n    − 10  + 30\n"))
        #expect(text.contains("新增（added）1\n  合同<1>.txt:25:1: 第五条 [interpretation.final-right]\n"))
    }

    @Test func htmlIsSelfContainedAndEscaped() {
        let html = ComparisonHTML.render(Self.result())
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">"))
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; base-uri 'none'\">"))
        // The contract's own markup is text, never markup.
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("合同：<code>合同&lt;1&gt;.txt</code>"))
        // Nothing is fetched from elsewhere.
        for pattern in ["src=", "href=", "url(", "@import", "http://", "https://"] { #expect(!html.contains(pattern), "\(pattern)") }
        // Model left, contract right; the change, the gap and the addition marked.
        #expect(html.contains("<del>10</del>"))
        #expect(html.contains("<ins>30</ins>"))
        #expect(html.contains("<del>乙方可以在营业时间内使用全部器械。</del>"))
        #expect(html.contains("<mark class=\"finding\" title=\"interpretation.final-right（C5）：经营者不能自己说了算。\">最终解释权归甲方所有</mark>"))
    }

    @Test func escapingCoversAttributes() {
        #expect(ComparisonHTML.escape("a&b<c>\"d\"'e'\u{1}") == "a&amp;b&lt;c&gt;&quot;d&quot;&#39;e&#39;\u{FFFD}")
    }
}
