/// The item of Art. 21 of 《网络交易监督管理办法》 a finding falls under (see the spec's "Categories").
public enum Category: String, Sendable, Codable, CaseIterable, Comparable {
    case C1, C2, C3, C4, C5, C6

    /// What the category covers, in plain Chinese.
    public var summary: String {
        switch self {
        case .C1: "免除或者部分免除经营者责任"
        case .C2: "排除或者限制消费者要求修理、更换、退货、赔偿等权利"
        case .C3: "排除或者限制消费者投诉、举报、调解、仲裁、诉讼的权利"
        case .C4: "排除或者限制消费者变更或者解除合同的权利"
        case .C5: "经营者单方享有解释权或者最终解释权"
        case .C6: "其他对消费者不公平、不合理的规定"
        }
    }

    public static func < (a: Category, b: Category) -> Bool { a.rawValue < b.rawValue }
}

/// Which side of the contract a party is.
public enum PartySide: String, Sendable, Codable, CaseIterable {
    case business, consumer
}

/// Where a rule's context tests look: the sentence of the hit, or the clause around it.
public enum RuleScope: String, Sendable, Codable, CaseIterable {
    case sentence, clause
}

/// A place in a rule file, for error messages and `rules show`.
public struct RuleLocation: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var description: String { "\(file):\(line)" }
}

/// One rule of the pack, as a lawyer reads it in `clause-rules/`.
public struct Rule: Sendable {
    public var id: String
    public var category: Category
    public var severity: Severity
    public var title: String
    public var message: String
    public var legalBasis: [String]
    public var suggestion: String
    public var scope: RuleScope
    /// Patterns as written in the rule file (fragments not yet expanded).
    public var patterns: [String]
    public var requires: [String]
    public var unless: [String]
    public var unlessBefore: [String]
    public var party: PartySide?
    public var figures: FigureCheck?
    public var sectors: [String]
    public var sources: [String]
    public var examples: Examples
    public var location: RuleLocation

    /// A rule's own evidence: text that must trigger it (with 【】 around each expected finding) and
    /// text that must not.
    public struct Examples: Sendable {
        public var triggering: [String]
        public var nonTriggering: [String]
    }
}

/// The numeric checks a rule may ask for (a closed set the engine knows).
public enum FigureCheck: String, Sendable, CaseIterable {
    /// 定金 above 20% of the stated price (民法典 Art. 586).
    case depositOverFifthOfPrice = "deposit-over-20-percent"
    /// The consumer's penalty rate higher than the business's for breach (违约责任不对等).
    case asymmetricPenalty = "asymmetric-penalty"
    /// A refund on ending the contract that keeps more than half of the money for the unused service.
    case refundKeepsMost = "refund-keeps-most"
}
