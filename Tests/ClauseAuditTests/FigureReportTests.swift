import ClauseAudit
import ClauseReport
import ClauseRules
import Testing

/// The figures a document states, as the JSON and text reports show them.
struct FigureReportTests {
    static let header = "甲方（经营者）：某某健身管理有限公司\n乙方（消费者）：张三\n"

    @Test func theJSONDocumentListsItsFigures() {
        let result = audit(Self.header + "第一条 乙方逾期付款的，每日按应付款项的萬分之五向甲方支付违约金。")
        #expect(JSONReport.render(result, rulesVersion: "t", pretty: false).contains(#"""
        "document":{"path":"contract.txt","format":"text","encoding":"UTF-8","characters":63,"figures":[{"kind":"penalty","term":"违约金","payer":"consumer","percent":0.05,"per_day":true,"breach":"delay","span":{"start":50,"end":54,"line":3,"column":21,"end_line":3,"end_column":25},"text":"萬分之五"}]},"findings":[
        """#))
        #expect(JSONReport.render(audit("第一条 定金壹仟元。"), rulesVersion: "t", pretty: false).contains(
            #""figures":[{"kind":"deposit","term":"定金","payer":"unknown","yuan":1000,"breach":null,"#))
        #expect(JSONReport.render(audit("合同。"), rulesVersion: "t", pretty: false).contains(#""characters":3,"figures":[]}"#))
    }

    @Test func theTextReportHasAShortFiguresSectionOnlyWhenThereAreFigures() {
        let report = TextReport(color: false).render(audit(Self.header + "第一条 乙方签约时支付定金２０００元；甲方逾期开业的，每日按已付款的0.05%向乙方支付违约金。"))
        #expect(report.contains("合同中的金额与比例：\n  3:14 定金 2000 元，消费者支付\n  3:35 违约金 每日0.05%，经营者支付（逾期）\n\n"))
        #expect(!TextReport(color: false).render(audit("第一条 本店保留最终解释权。")).contains("合同中的金额与比例"))
    }

    @Test func theHTMLReportHasAFiguresTableOnlyWhenThereAreFigures() {
        let html = HTMLReport(rulesVersion: "t").render([audit("第一条 乙方签约时支付定金<b>２０００元</b>。")])
        #expect(html.contains("<section class=\"extra\" id=\"d1-figures\"><h3>合同中的金额与比例</h3>\n<table>"))
        #expect(html.contains("<tr><td>第 1 行第 17 列</td><td>定金</td><td>2000 元</td><td>未写明由谁支付</td><td>２０００元</td></tr>"))
        #expect(!HTMLReport(rulesVersion: "t").render([audit("第一条 本店保留最终解释权。")]).contains("合同中的金额与比例"))
    }

    @Test func inHTMLTheSpanIsInTheSourceFileTagsAndEntitiesIncluded() {
        let result = audit("<p>乙方签约时支付定金<b>２０００</b>元；&#36829;约金为总价款的百分之&#20116;十。</p>", path: "c.html")
        #expect(result.figures.map(\.value) == [.yuan(2000), .percent(50, perDay: false)])
        #expect(result.figures.map(\.text) == ["２０００</b>元", "百分之&#20116;十"])
        #expect(result.figures.map(\.span.start) == [15, 40])
        #expect(result.figures.map(\.span.end) == [24, 52])
    }
}
