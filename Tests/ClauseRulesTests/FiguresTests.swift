import Testing
@testable import ClauseRules

@Suite struct FiguresTests {
    @Test func chineseNumerals() {
        #expect(Figures.chineseNumber("伍仟") == 5000)
        #expect(Figures.chineseNumber("一万二千") == 12000)
        #expect(Figures.chineseNumber("十五") == 15)
        #expect(Figures.chineseNumber("壹拾贰万叁仟") == 123_000)
        #expect(Figures.chineseNumber("两百") == 200)
        #expect(Figures.chineseNumber("元") == nil)
    }

    @Test func amountsInOrder() {
        let amounts = Figures.amounts(in: "价款12,000元，定金伍仟元，另付1.5万元").map(\.yuan)
        #expect(amounts == [12000, 5000, 15000])
    }

    @Test func ratesPerDayOrNot() {
        let rates = Figures.rates(in: "每日按应付款的5%支付，逾期超过三十日的另付总价款百分之二十，日万分之五")
        #expect(rates.map(\.fraction) == [0.05, 0.2, 0.0005])
        #expect(rates.map(\.perDay) == [true, true, true])
        #expect(Figures.rates(in: "违约金为总价款的30%").map(\.perDay) == [false])
    }
}
