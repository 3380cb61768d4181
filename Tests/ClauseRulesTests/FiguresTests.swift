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
        // 三十日 counts days before the rate; it does not make the rate one per day.
        #expect(rates.map(\.perDay) == [true, false, true])
        #expect(Figures.rates(in: "违约金为总价款的30%").map(\.perDay) == [false])
        #expect(Figures.rates(in: "每逾期一日，按0.05%支付").map(\.perDay) == [true])
        #expect(Figures.rates(in: "每逾期一日；另按总价0.05%支付").map(\.perDay) == [false])
    }

    @Test func permilleAndDecimalChineseRates() {
        let rates = Figures.rates(in: "按应付金额的5‰/每日支付，最高不超过万分之六点五，或千分之三")
        #expect(rates.map(\.fraction) == [0.005, 0.00065, 0.003])
        #expect(rates.map(\.perDay) == [true, false, false])
        #expect(Figures.rates(in: "万分之点五").isEmpty)
        #expect(Figures.percent(0.00065) == "0.065%")
    }

    @Test func amountsAfterTheYuanSign() {
        let amounts = Figures.amounts(in: "定金¥2,000,尾款￥800元")
        #expect(amounts.map(\.yuan) == [2000, 800])
        #expect(amounts.map { $0.range.upperBound }.map { "定金¥2,000,尾款￥800元"[..<$0].count } == [8, 16])
    }
}
