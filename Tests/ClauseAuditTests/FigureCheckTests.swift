import ClauseAudit
import ClauseRules
import ClauseText
import Testing

/// The figures checks of the bundled rules: when the numbers make a clause unfair, and the figures
/// each finding states.
struct FigureCheckTests {
    let header = FigureReportTests.header

    func figures(of rule: String, in text: String) throws -> [String?] {
        try bundledEngine.findings(in: PreparedText(plain: SourceText(text)), only: [rule], scratch: MatchScratch()).map(\.figures)
    }

    @Test func latePaymentIsComparedWithLatePerformance() throws {
        let text = header + """
        第一条 乙方逾期付款的，每日按应付款项的0.3%向甲方支付违约金。
        第二条 甲方逾期开业的，每日按已付款的0.05%向乙方支付违约金。
        """
        #expect(try figures(of: "unfair.penalty-asymmetric", in: text) == ["消费者逾期违约金 每日0.3%，经营者逾期违约金 每日0.05%"])
    }

    @Test func terminationIsComparedWithTerminationNotWithDelay() throws {
        let text = header + """
        第一条 乙方中途退出的，应向甲方支付总价款20%的违约金。
        第二条 甲方逾期开业的，应向乙方支付总价款30%的违约金。
        第三条 甲方无法继续提供服务而解除合同的，应向乙方支付总价款10%的违约金。
        """
        #expect(try figures(of: "unfair.penalty-asymmetric", in: text) == ["消费者解除合同违约金 20%，经营者解除合同违约金 10%"])
        let alike = text.replacingOccurrences(of: "总价款10%", with: "总价款20%")
        #expect(try figures(of: "unfair.penalty-asymmetric", in: alike).isEmpty)
    }

    @Test func aPenaltyForTheConsumerOnlyIsStated() throws {
        #expect(try figures(of: "unfair.penalty-asymmetric", in: header + "第一条 乙方逾期付款的，每日按应付款项的0.1%支付违约金。")
            == ["消费者逾期违约金 每日0.1%，合同未约定经营者违约时的违约金"])
    }

    @Test func refundSchedulesStateWhatIsKeptAndWhatIsRefunded() throws {
        let rule = "unfair.refund-keeps-most"
        #expect(try figures(of: rule, in: "学员开课后退费的，按剩余课时费用的３０％退还。") == ["经营者扣留 70%，只退还 30%"])
        #expect(try figures(of: rule, in: "會員中途退出的，扣除總費用的百分之六十作為違約金。") == ["经营者扣留 60%，只退还 40%"])
        #expect(try figures(of: rule, in: "乙方解约的，已付款项的70%不予退还。") == ["经营者扣留 70%，只退还 30%"])
        #expect(try figures(of: rule, in: "开课后退课的，不退还剩余学费的60%。") == ["经营者扣留 60%，只退还 40%"])
        #expect(try figures(of: rule, in: "退费时，余额的百分之二十予以退还。") == ["经营者扣留 80%，只退还 20%"])
        #expect(try figures(of: rule, in: "学员退课的，未使用部分按60%退还。").isEmpty)
        #expect(try figures(of: rule, in: "会员退卡的，扣除卡内余额30%退还其余部分。").isEmpty)
        #expect(try figures(of: rule, in: "行程开始当日解除合同的，扣除旅游费用总额的60%。").isEmpty)
    }
}
