import ClauseText

/// The numeric checks of `figures:`: given a hit, decide from the figures the contract states whether
/// it is unfair, and say which figures the finding rests on. One per document: what it reads of the
/// whole document (the prices, the business's penalties) it reads once, not once per hit.
final class FigureJudge {
    let text: PreparedText
    let parties: Parties
    private let reading: FigureReading?

    /// `reading`: the document's figures when the caller has read them already.
    init(text: PreparedText, parties: Parties, reading: FigureReading? = nil) {
        self.text = text
        self.parties = parties
        self.reading = reading
    }

    // A regex literal is compiled each time it is evaluated; compiled once here (Regex is not
    // Sendable; these are only read).
    nonisolated(unsafe) private static let priceWords = /(?:总价款|总价|价款|总金额|合同金额|合同总额|服务费用?|费用总额|总费用|会员费|卡费|套餐价格?|价格为|售价|总计|合计)[^。\n定]{0,16}?/
    nonisolated(unsafe) private static let refundedAfter = /的?(?:比例)?(?:予以|进行)?(?:退还|退款|退费|返还|退回)(?!余|剩|其余)/
    nonisolated(unsafe) private static let keptAfter = /[^,;]{0,8}?(?:不予|不再|不)(?:退|返还)|的?(?:违约金|手续费|违约费|管理费|服务费)|作为|[^,;]{0,4}?退还(?:余|剩|其余)/
    nonisolated(unsafe) private static let lastVerb = /(?:不予|不再|不)?(?:退还|退款|退费|返还|退回)|扣|收取|没收/

    private lazy var document = String(decoding: text.normalized.units, as: UTF16.self)
    private lazy var mentions = (reading ?? FigureReading(text: text, parties: parties)).mentions

    private func string(_ range: Range<Int>) -> String {
        String(decoding: text.normalized.units[range], as: UTF16.self)
    }

    /// The figures statement for the finding, or nil when the figures do not show unfairness. `hit` is
    /// the whole match, `sentence` its sentence (normalized offsets).
    func judge(_ check: FigureCheck, hit: Range<Int>, sentence: Range<Int>) -> String? {
        switch check {
        case .depositOverFifthOfPrice: deposit(in: sentence)
        case .asymmetricPenalty: penalty(hit: hit, sentence: sentence)
        case .refundKeepsMost: refund(hit: hit, sentence: sentence)
        }
    }

    /// 民法典 Art. 586: a 定金 over 20% of the price. The deposit is the first sum the contract states for
    /// a 定金 in the hit's sentence (as the report lists it); the price is the largest amount the
    /// contract states as a price or total.
    private func deposit(in sentence: Range<Int>) -> String? {
        let sums = mentions.lazy.compactMap(\.figure).filter { $0.kind == .deposit && sentence.contains($0.normalized.lowerBound) }
        guard let deposit = sums.lazy.compactMap({ if case let .yuan(yuan) = $0.value { yuan } else { nil } }).first,
              let price = largestPrice, price > 0, deposit > price * 0.2 else { return nil }
        return "定金 \(Figures.yuan(deposit))，价款 \(Figures.yuan(price))，定金为价款的 \(Figures.percent(deposit / price))"
    }

    /// The largest amount the contract states as a price or total.
    private lazy var largestPrice: Double? = document
        .matches(of: Self.priceWords)
        .flatMap { match -> [Figures.Amount] in
            let tail = document[match.range.upperBound...].prefix(24)
            return Figures.amounts(in: tail).prefix(1).map { $0 }
        }
        .map(\.yuan).max()

    /// 违约责任不对等: the consumer's penalty rate is higher than the business's for the same breach (late
    /// payment against late performance, ending the contract against ending it) where the contract sets
    /// one, else for any breach alike in being per day or not; or the contract sets a penalty for the
    /// consumer and none for the business.
    private func penalty(hit: Range<Int>, sentence: Range<Int>) -> String? {
        let rated = mentions.compactMap(\.figure).filter { $0.percent != nil }
        let own = rated.filter { $0.kind == .penalty && sentence.contains($0.normalized.lowerBound) }
        guard let mine = own.first(where: { $0.normalized.overlaps(hit) }) ?? own.max(by: { $0.percent! < $1.percent! }),
              mine.payer == .consumer else { return nil }
        let theirs = rated.filter { $0.payer == .business && $0.kind != .deposit && $0.kind != .fee && $0.perDay == mine.perDay }
        let alike = theirs.filter { mine.breach != nil && $0.breach == mine.breach }
        if let highest = (alike.isEmpty ? theirs : alike).max(by: { $0.percent! < $1.percent! }) {
            guard mine.percent! > highest.percent! else { return nil }
            return "\(Self.name(mine, paidBy: "消费者")) \(mine.shown)，\(Self.name(highest, paidBy: "经营者")) \(highest.shown)"
        }
        guard !mentions.contains(where: { $0.kind == .penalty && $0.payer == .business }) else { return nil }
        return "\(Self.name(mine, paidBy: "消费者")) \(mine.shown)，合同未约定经营者违约时的违约金"
    }

    private static func name(_ figure: StatedFigure, paidBy side: String) -> String {
        switch figure.breach {
        case .delay?: side + "逾期违约金"
        case .termination?: side + "解除合同违约金"
        case nil: side + "违约金"
        }
    }

    /// A refund schedule that keeps most of what the consumer paid for a service not yet given, read
    /// from the hit's rate in its phrase: the words right after it say what it is ("30%退还" is refunded;
    /// "60%作为违约金", "60%手续费", "70%不予退还", "30%退还余款" are kept), else the last verb before it
    /// ("扣除总费用的60%", "不退还剩余费用的60%" kept; "退还学费的40%" refunded). A fair schedule keeps at
    /// most half.
    private func refund(hit: Range<Int>, sentence: Range<Int>) -> String? {
        let phrase = self.phrase(around: hit, within: sentence)
        let text = string(phrase)
        let utf16 = text.utf16
        let hitEnd = utf16.index(utf16.startIndex, offsetBy: hit.upperBound - phrase.lowerBound)
        guard let rate = Figures.rates(in: text[...]).last(where: { $0.range.upperBound <= hitEnd }), rate.fraction <= 1 else { return nil }
        let after = text[rate.range.upperBound...]
        let keeps: Bool
        if after.prefixMatch(of: Self.refundedAfter) != nil {
            keeps = false
        } else if after.prefixMatch(of: Self.keptAfter) != nil {
            keeps = true
        } else {
            let verb = text[..<rate.range.lowerBound].matches(of: Self.lastVerb).last
            guard let verb else { return nil }
            keeps = !verb.output.hasPrefix("退") && !verb.output.hasPrefix("返")
        }
        let kept = keeps ? rate.fraction : 1 - rate.fraction
        guard kept > 0.5 else { return nil }
        return "经营者扣留 \(Figures.percent(kept))，只退还 \(Figures.percent(1 - kept))"
    }

    /// The phrase of a hit: from the comma or semicolon before it to the one after it, in its sentence,
    /// and no further than 40 units either side (a text without commas must not cost a long read per hit).
    private func phrase(around hit: Range<Int>, within sentence: Range<Int>) -> Range<Int> {
        let units = text.normalized.units
        let separators: Set<UInt16> = [0x2C, 0x3B, 0xFF0C, 0xFF1B]
        let first = max(sentence.lowerBound, hit.lowerBound - 40), last = min(sentence.upperBound, hit.upperBound + 40)
        var start = hit.lowerBound, end = hit.upperBound
        while start > first && !separators.contains(units[start - 1]) { start -= 1 }
        while end < last && !separators.contains(units[end]) { end += 1 }
        return start ..< end
    }
}
