import ClauseText

/// Who pays a 违约金 (or 定金 …), and for which breach, from the words of its part of the sentence.
extension FigureReader {
    private static let names = (Parties.roleWords + Parties.businessWords + Parties.consumerWords)
        .sorted { $0.count > $1.count }.joined(separator: "|")
    // Compiled once (a regex literal is compiled each time it is evaluated); Regex is not Sendable,
    // these are only read.
    nonisolated(unsafe) private static let anyName = try! Regex("(\(names))")
    nonisolated(unsafe) private static let demanded = try! Regex("要求(\(names))[^,;]{0,10}?(?:支付|承担|赔偿|缴纳|交纳|偿付)")
    nonisolated(unsafe) private static let paidTo = try! Regex("向(\(names))(?:支付|赔偿|偿付|缴纳|交纳)")
    nonisolated(unsafe) private static let keptWords = /扣除|扣留|扣取|扣减|收取|没收|不予退|不退|归[^,;]{0,8}所有/
    nonisolated(unsafe) private static let terminationWords = /解除|终止|退出|退费|退款|退课|退学|退卡|退团|取消|中途|单方/
    nonisolated(unsafe) private static let delayWords = /逾期|迟延|延迟|延期|拖延|超期|未按时|未按期/

    /// "要求乙方支付" names the payer; "向甲方支付" names the payee, so the payer is the other side; else
    /// the first party named, the breaching subject in contract Chinese ("乙方逾期付款的，…"), except that
    /// money the business deducts or keeps (扣除, 收取, 不予退还) is the consumer's. Nil when unsaid.
    static func payer(in part: Substring, parties: Parties) -> PartySide? {
        func named(_ match: Regex<AnyRegexOutput>.Match) -> PartySide? {
            match.output[1].substring.flatMap { parties.side(of: String($0)) }
        }
        // The words first: a part without them spares a regex search (Swift's engine is slow).
        if part.contains("要求"), let match = part.firstMatch(of: demanded) { return named(match) }
        if part.contains("向"), let match = part.firstMatch(of: paidTo) { return named(match)?.other }
        let kept = part.contains(Self.keptWords)
        if let match = part.firstMatch(of: anyName) {
            let side = named(match)
            return side == .business && kept ? .consumer : side
        }
        return kept ? .consumer : nil
    }

    /// A rate per day is for delay; else ending the contract (解除, 退费) or delay (逾期) as the part says.
    static func breach(in part: Substring, perDay: Bool) -> StatedFigure.Breach? {
        if perDay { return .delay }
        if part.contains(Self.terminationWords) { return .termination }
        if part.contains(Self.delayWords) { return .delay }
        return nil
    }
}

extension PartySide {
    var other: PartySide { self == .business ? .consumer : .business }
}
