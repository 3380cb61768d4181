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
}
