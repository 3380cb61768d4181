@testable import ClauseModels
import Testing

/// The labels the comparison reads itself, whatever levels the segmenter gives.
@Suite struct HeadingTests {
    func heading(_ line: String) -> String? {
        let t = Array(line.utf16)
        guard let h = Heading.recognize(t, lineStart: 0) else { return nil }
        return "\(h.kind) \(h.number) \(String(decoding: t[h.label], as: UTF16.self))|\(String(decoding: t[h.title], as: UTF16.self))"
    }

    @Test func kindsNumbersAndTitles() {
        #expect(heading("第十三条 旅游者解除合同") == "article 13 第十三条|旅游者解除合同")
        #expect(heading("第13条　旅游者解除合同") == "article 13 第13条|旅游者解除合同")
        #expect(heading("第二十八条") == "article 28 第二十八条|")
        #expect(heading("第五章 合同的解除") == "chapter 5 第五章|合同的解除")
        #expect(heading("  八、合同解除") == "item1 8 八、|合同解除")
        #expect(heading("（一）甲方委托乙方处理事务。") == "item2 1 （一）|")
        #expect(heading("(3) 餐费") == "item4 3 (3)|餐费")
        #expect(heading("1.本合同文本为示范文本，供学员使用。") == "item3 1 1.|")
        #expect(heading("1.11") == "item3b 1 1.11|")
        #expect(heading("附件3：") == "annex 3 附件3|")
        #expect(heading("③ 其他") == "circled 3 ③|其他")
    }

    @Test func notHeadings() {
        #expect(heading("1.5倍的违约金") == nil)
        #expect(heading("第三方平台") == nil)
        #expect(heading("旅游者可以解除合同") == nil)
    }

    @Test func chineseNumerals() {
        #expect(Numerals.value("二十三") == 23)
        #expect(Numerals.value("十") == 10)
        #expect(Numerals.value("一百零五") == 105)
        #expect(Numerals.value("二〇一四") == 2014)
        #expect(Numerals.value("１２") == 12)
        #expect(Numerals.value("两") == 2)
        #expect(Numerals.value("第") == nil)
        #expect(Numerals.chinese(13) == "十三")
        #expect(Numerals.chinese(28) == "二十八")
        #expect(Numerals.chinese(110) == "一百一十")
    }

    @Test func schedulesCompareDayByDay() {
        let model = [ModelProfile.ScheduleRow(from: 6, to: 4, percent: 20), .init(from: 3, to: 1, percent: 40), .init(from: 0, to: 0, percent: 60)]
        // A wider window at the same rate takes from the consumer on the days it adds.
        let wider = [ModelProfile.ScheduleRow(from: 10, to: 4, percent: 20), .init(from: 3, to: 1, percent: 40), .init(from: 0, to: 0, percent: 60)]
        #expect(ProfileChecks.compare(model: model, contract: wider, prefers: .lower).0 == .weakened)
        #expect(ProfileChecks.compare(model: model, contract: model, prefers: .lower).0 == .kept)
        let lower = [ModelProfile.ScheduleRow(from: 6, to: 4, percent: 10), .init(from: 3, to: 1, percent: 40), .init(from: 0, to: 0, percent: 60)]
        #expect(ProfileChecks.compare(model: model, contract: lower, prefers: .lower).0 == .stronger)
        #expect(ProfileChecks.compare(model: model, contract: lower, prefers: .higher).0 == .weakened)
    }
}
