import ClauseText

/// A sum or rate the contract states for a 违约金, 定金, 手续费 or 滞纳金, and who pays it: what a
/// reviewer checks the numbers of, and what the figures checks compare.
public struct StatedFigure: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case penalty, deposit, fee
        case lateFee = "late-fee"

        /// The word contracts use, which is also the word the reader looks for.
        public var term: String {
            switch self {
            case .penalty: "违约金"
            case .deposit: "定金"
            case .fee: "手续费"
            case .lateFee: "滞纳金"
            }
        }
    }

    public enum Value: Sendable, Equatable {
        case yuan(Double)
        /// In percent as written (万分之五 is 0.05), per day when the text says so.
        case percent(Double, perDay: Bool)
    }

    /// The breach a penalty is for, so that like is compared with like.
    public enum Breach: String, Sendable {
        /// Paying or performing late (逾期付款, 逾期交付): usually a rate per day.
        case delay
        /// Ending the contract early (解除, 退出, 退费).
        case termination
    }

    public var kind: Kind
    /// Nil when the text does not say who pays.
    public var payer: PartySide?
    public var value: Value
    public var breach: Breach?
    /// The figure ("５０％", "伍仟元") in the user's text.
    public var span: SourceSpan
    public var text: String
    /// The figure in the normalized text, where the figures checks find it.
    var normalized: Range<Int>

    /// The value as a reader writes it: "每日0.05%", "5000 元".
    public var shown: String {
        switch value {
        case let .yuan(yuan): Figures.yuan(yuan)
        case let .percent(percent, perDay): (perDay ? "每日" : "") + Figures.percent(percent / 100)
        }
    }

    var percent: Double? {
        if case let .percent(percent, _) = value { return percent }
        return nil
    }

    var perDay: Bool {
        if case let .percent(_, perDay) = value { return perDay }
        return false
    }

    /// Every figure `text` states, in order.
    public static func all(in text: PreparedText, parties: Parties) -> [StatedFigure] {
        FigureReading(text: text, parties: parties).figures
    }
}

/// What one document says of its 违约金, 定金, 手续费 and 滞纳金, read once: the figures a report lists,
/// and every mention (with its payer, even without a figure) that the figures checks compare. The
/// Auditor reads it before the rules run and hands it to the engine, so it is not read twice.
public struct FigureReading: Sendable {
    let mentions: [FigureReader.Mention]

    public init(text: PreparedText, parties: Parties) {
        mentions = FigureReader(text: text, parties: parties).mentions()
    }

    public var figures: [StatedFigure] { mentions.compactMap(\.figure) }
}
