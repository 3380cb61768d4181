import ClauseModels
import Foundation
import Testing

/// Real contracts derived from the published tour texts (../shared/corpus/model-contracts/
/// platform-variants/) against their model texts. Every item asserted here was checked by reading
/// both texts side by side.
@Suite(.enabled(if: modelCorpus != nil, Comment(rawValue: needsCorpus)))
struct VariantTests {
    func comparison(_ variant: String, _ model: String) throws -> ModelComparison {
        let contract = try corpusText("platform-variants/" + variant)
        return compare(contract, with: try corpusText(modelFile(model)), profile: profile(model))
    }

    func missing(_ c: ModelComparison) -> [String] { c.missing.map(\.modelClause) }
    func notKept(_ c: ModelComparison) -> [String] {
        (c.protections.filter { $0.status != .kept }.map { "\($0.id) \($0.status.rawValue)" })
            + (c.figures.filter { $0.status != .kept }.map { "\($0.id) \($0.status.rawValue)" })
    }
    func change(_ c: ModelComparison, _ modelClause: String, inserting text: String) -> ModelComparison.Changed? {
        c.changed.first { $0.modelClause == modelClause && $0.edits.contains { $0.inserted.contains(text) } }
    }

    /// BTG's domestic tour contract: the fee list copied from the outbound text (visa fees, airport
    /// tax) without the agency's other service fees; no guide-fee line; exceptions "相关法律、行政法规
    /// 另有规定的除外" added to both sides' termination rights; arbitration dropped for one named court.
    @Test func btgDomesticTour() throws {
        let c = try comparison("jinghewang-ec_btg-domestic-package-tour.txt", "gf-2014-2401")
        #expect(missing(c) == ["第一条第3款", "第二十一条第1款", "第二十六条第2款", "附件1第8款", "附件2第2款", "附件2第21款",
                               "附件3第11款", "附件4第11款"])
        #expect(c.missing[0].modelText == "（7）旅行社（含地接社）的其他服务费用。")
        #expect(c.missing[1].modelText == "其中，导游服务费\u{2003}____\u{2003}元/人；")
        #expect(c.missing[2].protects == "协商或调解不成的，由双方在提交仲裁委员会仲裁和依法向人民法院起诉之间选择。")

        let exception = "（相关法律、行政法规另有规定的除外）"
        // On the agency's right to terminate, the exception holds the agency back; on the traveller's, it takes away.
        #expect(change(c, "第十二条第2款", inserting: exception)?.kind == .stronger)
        #expect(change(c, "第十三条第2款", inserting: exception)?.kind == .weaker)
        #expect(change(c, "第十四条", inserting: "因已尽合理注意义务仍不能避免的事件提出解除合同的")?.kind == .weaker)
        #expect(change(c, "第二十六条第1款", inserting: "北京市朝阳区")?.clause == "第二十六条")
        #expect(c.changed.filter { $0.kind != .different }.map(\.modelClause) == ["第十二条第2款", "第十三条第2款", "第十四条"])

        let added = try #require(c.added.first)
        #expect(added.clause == "第一条")
        #expect(added.text == "（1）必要的签证/签注费用（旅游者自办的除外）；\n\n（2）交通费（含境外机场税）；")
        #expect(added.span.line == 31)
        #expect(c.added.map(\.clause) == ["第一条", "第二十条", "附件1", "附件3"])
        #expect(notKept(c) == ["arbitration-or-court missing"])
    }

    /// BTG's outbound tour contract keeps every figure of the outbound text (30-day schedules); it
    /// drops the guide-fee line and the choice of arbitration.
    @Test func btgOutboundTour() throws {
        let c = try comparison("jinghewang-ec_btg-outbound-package-tour.txt", "gf-2014-2402")
        #expect(missing(c) == ["第二十一条第1款", "第二十六条第2款", "附件1第8款", "附件2第2款", "附件2第21款", "附件3第11款", "附件4第11款"])
        #expect(c.changed.filter { $0.kind != .different }.isEmpty)
        #expect(change(c, "第二十六条第1款", inserting: "北京市朝阳区") != nil)
        #expect(notKept(c) == ["arbitration-or-court missing"])
    }

    /// BTG's Taiwan tour contract: the option of handing the group to another agency is gone, a
    /// traveller's duty (own luggage and valuables) sits among the agency's duties, and paid
    /// excursions were added to the shopping article that the Taiwan text limits to shopping.
    @Test func btgTaiwanTour() throws {
        let c = try comparison("jinghewang-ec_btg-taiwan-tour.txt", "gf-2014-2403")
        #expect(missing(c) == ["第十九条第1款", "第二十一条第3款", "第二十三条第2款", "附件1第8款", "附件2第2款", "附件2第21款",
                               "附件3第11款", "附件4第11款"])
        #expect(c.missing[1].modelText == "____\u{2003}（同意或者不同意，打勾无效）旅行社委托\u{2003}____\u{2003}旅行社履行合同；")
        #expect(c.added.map(\.clause) == ["第六条", "第十八条", "第二十二条", "附件1", "附件3"])
        #expect(c.added[0].text.hasPrefix("妥善保管自己的行李物品，随身携带现金、有价证券、贵重物品，不在行李中夹带；"))
        #expect(c.added[2].text == "行程安排之外的购物活动、另行付费旅游项目双方需签订《自愿购物活动补充协议》、《自愿参加另行付费旅游项目补充协议》。")
        #expect(change(c, "第二十二条", inserting: "和参加另行付费旅游项目") != nil)
        #expect(notKept(c) == ["arbitration-or-court missing"])
    }

    /// Lvmama's domestic tour contract: the annexes live in another file; the 拼团 article became a
    /// choice between organising the group itself or by another agency; children count up to 14.
    @Test func lvmamaDomesticTour() throws {
        let c = try comparison("lvmama_team-domestic-tour.txt", "gf-2014-2401")
        #expect(missing(c) == ["第二十四条第2款", "附件1", "附件2", "附件3", "附件4"])
        #expect(c.missing[0].modelText == "委托/接待社名称：\u{2003}____")
        #expect(c.added.map(\.clause) == ["第二十四条", "第二十八条"])
        #expect(c.added[0].text.hasPrefix("组团方式\n\n自行组团\n\n委托组团 委托社为 ____，具体的旅游服务和操作由委托社提供。"))
        #expect(change(c, "第二十一条第1款", inserting: "14岁") != nil)
        #expect(c.changed.filter { $0.kind != .different }.isEmpty)
        #expect(notKept(c) == [])
    }

    /// Lvmama's outbound tour contract keeps the body of the outbound text and adds four annexes,
    /// among them its own supplementary terms (附件6 补充条款).
    @Test func lvmamaOutboundTour() throws {
        let c = try comparison("lvmama_team-outbound-tour.txt", "gf-2014-2402")
        #expect(c.missing.contains { $0.modelClause == "附件2" })
        #expect(c.missing.filter { !$0.modelClause.hasPrefix("附件") }.map(\.modelClause)
            == ["第二十四条第2款", "第二十八条第9款", "第二十八条第12款至第19款"])
        let annexes = c.added.filter { ["附件5", "附件6", "附件7", "附件8"].contains($0.clause ?? "") }
        #expect(annexes.map(\.clause) == ["附件5", "附件6", "附件7", "附件8"])
        #expect(annexes[1].text.hasPrefix("附件6：\n\n补充条款\n\n1、为办理甲方旅游的证件"))
        #expect(change(c, "第六条第5款", inserting: "出境") != nil)
        #expect(notKept(c) == [])
    }
}
