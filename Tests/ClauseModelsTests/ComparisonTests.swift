import ClauseModels
import ClauseText
import Testing

/// The comparison on a small contract of our own: alignment, word diff and classification, without
/// the corpus.
@Suite struct ComparisonTests {
    static let model = """
    健身服务合同（测试文本）
    甲方（经营者）：____
    乙方（消费者）：____

    第一章 总则

    第一条 服务内容
    甲方为乙方提供____个月的健身服务。
    乙方可以在营业时间内使用全部器械。

    第二条 费用
    服务费用共计____元，乙方在签约当日一次付清。

    第二章 解除与义务

    第三条 乙方解除合同
    乙方在开通服务前7日以上提出解除的，甲方退还全部费用。
    乙方在开通服务后提出解除的，甲方扣除已使用期间的费用后退还余款，最迟在10个工作日内退清。

    第四条 甲方的义务
    甲方应当保持场馆卫生。
    甲方应当在停业前30日通知乙方。

    第五条 争议
    双方协商不成的，可以向消费者协会申请调解，也可以向人民法院起诉。

    """

    @Test func sameTextHasNoDifferences() {
        let c = compare(Self.model, with: Self.model, profile: nil)
        #expect(summary(c) == [])
        #expect(c.similarity == 1)
    }

    @Test func renumberedAndReformattedHasNoDifferences() {
        var text = Self.model
        for (chinese, arabic) in [("第一章", "第1章"), ("第二章", "第2章"), ("第一条", "第1条"), ("第二条", "第2条"),
                                  ("第三条", "第3条"), ("第四条", "第4条"), ("第五条", "第5条")] {
            text = text.replacingFirst(chinese, with: arabic)
        }
        // No blank lines, indented paragraphs, half-width punctuation, a paragraph wrapped in two.
        text = text.replacingFirst("甲方扣除已使用期间的费用后退还余款，", with: "甲方扣除已使用期\n间的费用后退还余款，")
            .replacingOccurrences(of: "\n\n", with: "\n").replacingOccurrences(of: "\n乙方", with: "\n　　乙方")
            .replacingOccurrences(of: "，", with: ",").replacingOccurrences(of: "：", with: ":")
        let c = compare(text, with: Self.model, profile: nil)
        #expect(summary(c) == [])
    }

    @Test func movedArticlesHaveNoDifferences() {
        let third = "第三条 乙方解除合同\n乙方在开通服务前7日以上提出解除的，甲方退还全部费用。\n乙方在开通服务后提出解除的，甲方扣除已使用期间的费用后退还余款，最迟在10个工作日内退清。\n\n"
        let fourth = "第四条 甲方的义务\n甲方应当保持场馆卫生。\n甲方应当在停业前30日通知乙方。\n\n"
        let swapped = Self.model.replacingFirst(third + fourth, with: fourth.replacingFirst("第四条", with: "第三条")
            + third.replacingFirst("第三条", with: "第四条"))
        let c = compare(swapped, with: Self.model, profile: nil)
        #expect(summary(c) == [])
    }

    @Test func splitArticleHasNoDifferences() {
        // 第三条 split in two; the articles after it renumbered.
        let split = Self.model
            .replacingFirst("第五条 争议", with: "第六条 争议").replacingFirst("第四条 甲方的义务", with: "第五条 甲方的义务")
            .replacingFirst("甲方退还全部费用。\n乙方在开通服务后", with: "甲方退还全部费用。\n\n第四条 开通后解除\n乙方在开通服务后")
        let c = compare(split, with: Self.model, profile: nil)
        #expect(summary(c) == [])
    }

    @Test func filledBlanksAreNoDifferences() {
        let filled = Self.model.replacingFirst("甲方（经营者）：____", with: "甲方（经营者）：某某健身有限公司")
            .replacingFirst("提供____个月", with: "提供12个月").replacingFirst("共计____元", with: "共计3000元")
        let c = compare(filled, with: Self.model, profile: nil)
        #expect(summary(c) == [])
        #expect(c.similarity == 1)
    }

    @Test func longerRefundDeadlineIsWeaker() throws {
        let text = Self.model.replacingFirst("最迟在10个工作日内退清", with: "最迟在30个工作日内退清")
        let c = compare(text, with: Self.model, profile: nil)
        #expect(summary(c) == ["changed weaker 第三条第2款"])
        let change = try #require(c.changed.first)
        #expect(change.edits == [.init(deleted: "10", inserted: "30")])
        #expect(change.text == "乙方在开通服务后提出解除的，甲方扣除已使用期间的费用后退还余款，最迟在30个工作日内退清。")
        #expect(change.clause == "第三条")
        #expect(change.reason == "期限 10 → 30")
        #expect(change.span.line == 18)
        #expect(change.span.column == 1)
    }

    @Test func dutyTurnedIntoRightIsWeaker() throws {
        let text = Self.model.replacingFirst("甲方应当在停业前30日通知乙方", with: "甲方可以在停业前30日通知乙方")
        let c = compare(text, with: Self.model, profile: nil)
        #expect(summary(c) == ["changed weaker 第四条第2款"])
        #expect(c.changed.first?.reason == "义务改为权利：“应当”改为“可以”")
    }

    @Test func addedConditionIsWeaker() throws {
        let text = Self.model.replacingFirst("提出解除的，甲方退还全部费用", with: "提出解除的，经甲方同意后，甲方退还全部费用")
        let c = compare(text, with: Self.model, profile: nil)
        #expect(summary(c) == ["changed weaker 第三条第1款"])
        #expect(c.changed.first?.edits == [.init(deleted: "", inserted: "经甲方同意后，")])
    }

    @Test func longerNoticeBeforeClosingIsStronger() {
        let text = Self.model.replacingFirst("停业前30日通知", with: "停业前60日通知")
        let c = compare(text, with: Self.model, profile: nil)
        #expect(summary(c) == ["changed stronger 第四条第2款"])
        #expect(c.changed.first?.reason == "提前天数 30 → 60")
    }

    @Test func deletedSentenceIsMissing() throws {
        let text = Self.model.replacingFirst("乙方可以在营业时间内使用全部器械。\n", with: "")
        let c = compare(text, with: Self.model, profile: nil)
        #expect(summary(c) == ["missing 第一条第2款"])
        let missing = try #require(c.missing.first)
        #expect(missing.title == "服务内容")
        #expect(missing.modelText == "乙方可以在营业时间内使用全部器械。")
    }

    @Test func deletedArticleIsOneMissingItem() throws {
        let text = Self.model.replacingFirst("第五条 争议\n双方协商不成的，可以向消费者协会申请调解，也可以向人民法院起诉。\n", with: "")
        let c = compare(text, with: Self.model, profile: nil)
        #expect(summary(c) == ["missing 第五条"])
        #expect(c.missing.first?.modelText == "第五条 争议\n双方协商不成的，可以向消费者协会申请调解，也可以向人民法院起诉。")
    }

    @Test func addedSentenceGoesThroughTheRules() throws {
        let text = Self.model.replacingFirst("也可以向人民法院起诉。\n", with: "也可以向人民法院起诉。\n本合同最终解释权归甲方所有。\n")
        let c = compare(text, with: Self.model, profile: nil)
        #expect(summary(c) == ["added 第五条 interpretation.final-right"])
        let added = try #require(c.added.first)
        #expect(added.text == "本合同最终解释权归甲方所有。")
        #expect(added.span.line == 26)
        #expect(added.span.column == 1)
        let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex,
                                                 to: text.range(of: "本合同最终")!.lowerBound.samePosition(in: text.unicodeScalars)!)
        #expect(added.span.start == start)
        #expect(added.span.end == start + 14)
    }

    @Test func addedArticleIsOneAddedItem() {
        let text = Self.model + "第六条 其他\n会员卡一经售出概不退换。\n"
        let c = compare(text, with: Self.model, profile: nil)
        #expect(summary(c) == ["added 第六条 "])
        #expect(c.added.first?.text == "第六条 其他\n会员卡一经售出概不退换。")
    }

    @Test func sideBySideRowsFollowTheContract() {
        let text = Self.model.replacingFirst("第五条 争议\n双方协商不成的，可以向消费者协会申请调解，也可以向人民法院起诉。\n", with: "")
            + "第五条 其他\n会员卡一经售出概不退换。\n"
        let c = compare(text, with: Self.model, profile: nil)
        #expect(c.rows.map { "\($0.modelLabel ?? "-")|\($0.contractLabel ?? "-")" }
            == ["首部|首部", "第一条|第一条", "第二条|第二条", "第三条|第三条", "第四条|第四条", "-|第五条", "第五条|-"])
    }
}
