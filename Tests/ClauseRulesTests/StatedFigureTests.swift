import Testing
@testable import ClauseRules
import ClauseText

@Suite struct StatedFigureTests {
    func figures(_ text: String) -> [StatedFigure] {
        let prepared = PreparedText(plain: SourceText(text))
        return StatedFigure.all(in: prepared, parties: Parties.read(from: prepared))
    }

    static let contract = """
    甲方（经营者）：某某装饰工程有限公司
    乙方（消费者）：张三
    第一条 乙方签约时支付定金伍仟元。
    第二条 乙方逾期付款的，每日按应付款项的５０％向甲方支付違約金。
    第三条 甲方逾期完工的，每日按工程款的万分之五向乙方支付违约金。
    第四条 乙方中途解除合同的，甲方有权扣除总价款的百分之三十作为违约金；退款时收取3%手续费。
    """

    @Test func eachFigureWithItsKindPayerAndValue() {
        let found = figures(Self.contract)
        #expect(found.map(\.kind) == [.deposit, .penalty, .penalty, .penalty, .fee])
        #expect(found.map(\.payer) == [.consumer, .consumer, .business, .consumer, .consumer])
        #expect(found.map(\.value) == [.yuan(5000), .percent(50, perDay: true), .percent(0.05, perDay: true),
                                       .percent(30, perDay: false), .percent(3, perDay: false)])
        #expect(found.map(\.breach) == [nil, .delay, .delay, .termination, .termination])
        #expect(found.map(\.shown) == ["5000 元", "每日50%", "每日0.05%", "30%", "3%"])
    }

    @Test func spansAreInTheOriginalText() {
        let found = figures(Self.contract)
        // Full width, Chinese numerals and traditional characters are reported as the user wrote them.
        #expect(found.map(\.text) == ["伍仟元", "５０％", "万分之五", "百分之三十", "3%"])
        #expect(found.map(\.span.start) == [43, 68, 100, 138, 154])
        #expect(found.map(\.span.end) == [46, 71, 104, 143, 156])
        #expect(found[1].span.line == 4 && found[1].span.column == 21 && found[1].span.endColumn == 24)
    }

    @Test func theSideReceivingTheTrainingIsTheConsumers() {
        let header = "甲方（培训机构）：某某教育培训学校\n乙方（接受培训方监护人）：王五\n"
        let prepared = PreparedText(plain: SourceText(header + "第一条 甲方逾期开课的，每日按已付费用的0.1%向乙方支付违约金。"))
        let parties = Parties.read(from: prepared)
        #expect(parties.roles == ["甲方": .business, "乙方": .consumer])
        #expect(StatedFigure.all(in: prepared, parties: parties).map(\.payer) == [.business])
    }

    @Test func whoPaysFromTheWordsAround() {
        #expect(figures("甲方（经营者）：某某公司\n乙方（消费者）：李四\n甲方有权要求乙方支付总价款20%的违约金。").map(\.payer) == [.consumer])
        #expect(figures("本店逾期交付的，应向消费者支付合同总额5%的违约金。").map(\.payer) == [.business])
        #expect(figures("违约金为总价款的20%。").map(\.payer) == [nil])
        #expect(figures("甲方：王五\n乙方：赵六\n乙方逾期的，按日千分之一支付违约金。").map(\.payer) == [nil])
    }

    @Test func aFigureBelongsToOneWord() {
        let found = figures("签约时支付定金2000元及违约金1000元。")
        #expect(found.map(\.kind) == [.deposit, .penalty])
        #expect(found.map(\.value) == [.yuan(2000), .yuan(1000)])
        #expect(figures("定金条款适用定金罚则。").isEmpty)
    }

    @Test func aFigureInThePhraseThatGoesOnAboutTheWord() {
        #expect(figures("未按时续期的，将产生违约金，金额为超期费用的300%。").map(\.value) == [.percent(300, perDay: false)])
        #expect(figures("乙方应支付违约金，另付服务费100元。").isEmpty)
    }

    @Test func rowsTakeThePayerOfTheirHeading() {
        let found = figures("""
        出团前7日内旅行社解除合同的，旅行社应按下列标准向游客支付违约金：
        出团前6日至4日，支付团费总额8%的违约金；
        出团当日，支付团费总额18%的违约金。
        """)
        #expect(found.map(\.value) == [.percent(8, perDay: false), .percent(18, perDay: false)])
        #expect(found.map(\.payer) == [.business, .business])
        #expect(found.map(\.breach) == [.termination, .termination])
    }

    @Test func permilleAndLateFees() {
        let found = figures("会员逾期缴费的，按应付金额的5‰/每日收取滯納金。")
        #expect(found.map(\.kind) == [.lateFee])
        #expect(found.map(\.value) == [.percent(0.5, perDay: true)])
        #expect(found.map(\.payer) == [.consumer])
    }

    @Test func aTextFullOfTheWordsIsReadOnlySoFar() {
        #expect(figures(String(repeating: "违约金5%；", count: 2_000)).count == FigureReader.mostMentions)
    }
}
