import ClauseText

/// The numeric checks of `figures:`: given a hit, decide from the figures the contract states whether
/// it is unfair, and say which figures the finding rests on. One per document: what it reads of the
/// whole document (the prices, the business's penalties) it reads once, not once per hit.
final class FigureJudge {
    let document: String      // the whole normalized text
    let sentences: [String]   // its sentences
    let parties: Parties

    init(document: String, sentences: [String], parties: Parties) {
        self.document = document
        self.sentences = sentences
        self.parties = parties
    }

    /// The figures statement for the finding, or nil when the figures do not show unfairness.
    func judge(_ check: FigureCheck, hitSentence: String) -> String? {
        switch check {
        case .depositOverFifthOfPrice: deposit(in: hitSentence)
        case .asymmetricPenalty: penalty(in: hitSentence)
        }
    }

    /// 民法典 Art. 586: a 定金 over 20% of the price. The deposit is the amount nearest after 定金 in the
    /// hit's sentence; the price is the largest amount the contract states as a price or total.
    private func deposit(in sentence: String) -> String? {
        guard let mark = sentence.range(of: "定金") else { return nil }
        let amounts = Figures.amounts(in: sentence)
        guard let deposit = amounts.first(where: { $0.range.lowerBound >= mark.upperBound })
            ?? amounts.last(where: { $0.range.upperBound <= mark.lowerBound }) else { return nil }
        guard let price = largestPrice, price > 0, deposit.yuan > price * 0.2 else { return nil }
        return "定金 \(Figures.yuan(deposit.yuan))，价款 \(Figures.yuan(price))，定金为价款的 \(Figures.percent(deposit.yuan / price))"
    }

    /// The largest amount the contract states as a price or total.
    private lazy var largestPrice: Double? = document
        .matches(of: /(?:总价款|总价|价款|总金额|合同金额|合同总额|服务费用?|费用总额|总费用|会员费|卡费|套餐价格?|价格为|售价|总计|合计)[^。\n定]{0,16}?/)
        .flatMap { match -> [Figures.Amount] in
            let tail = document[match.range.upperBound...].prefix(24)
            return Figures.amounts(in: String(tail)).prefix(1).map { $0 }
        }
        .map(\.yuan).max()

    /// The sentences where the business pays a penalty.
    private lazy var businessPenalties = sentences.filter { $0.contains("违约金") && payer(of: $0) == .business }

    /// 违约责任不对等: the consumer's penalty rate for breach is higher than the business's, or the
    /// contract sets a penalty for the consumer and none for the business.
    private func penalty(in sentence: String) -> String? {
        guard payer(of: sentence) == .consumer, let own = maxRate(in: sentence) else { return nil }
        let business = businessPenalties
        let theirs = business.compactMap(maxRate).filter { $0.perDay == own.perDay }.map(\.fraction).max()
        if let theirs {
            guard own.fraction > theirs else { return nil }
            return "消费者违约金 \(own.text)，经营者违约金 \((own.perDay ? "每日" : "") + Figures.percent(theirs))"
        }
        guard business.isEmpty else { return nil }
        return "消费者违约金 \(own.text)，合同未约定经营者违约时的违约金"
    }

    private func maxRate(in sentence: String) -> Figures.Rate? {
        Figures.rates(in: sentence).max { $0.fraction < $1.fraction }
    }

    /// Who pays the penalty of a sentence: the first party named in it, which in contract Chinese is the
    /// breaching subject ("乙方逾期付款的，…向甲方支付违约金").
    func payer(of sentence: String) -> PartySide? {
        let names = Parties.roleWords + Parties.businessWords + Parties.consumerWords
        let first = names.compactMap { name in sentence.range(of: name).map { ($0.lowerBound, name) } }
            .min { $0.0 < $1.0 }
        return first.flatMap { parties.side(of: $0.1) }
    }
}
