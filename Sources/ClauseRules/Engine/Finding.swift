import ClauseText

/// One problem found in a document, placed in the user's own text.
public struct Finding: Sendable {
    public var rule: Rule
    public var severity: Severity
    public var span: SourceSpan
    /// The finding's range in the source, in UTF-16 offsets (for slicing and suppressions).
    public var sourceRange: Range<Int>
    /// Exactly the user's text at `span`.
    public var text: String
    public var clause: ClauseReference?
    /// Figures the finding rests on, stated in the message (e.g. 定金 3000 元 / 价款 10000 元 = 30%).
    public var figures: String?

    public var category: Category { rule.category }

    /// The message the user reads: the rule's message, and the figures when there are any.
    public var message: String {
        figures.map { "\(rule.message)（\($0)）" } ?? rule.message
    }
}

/// The numbered clause a finding stands in, as the user wrote its number.
public struct ClauseReference: Sendable, Equatable, Codable {
    public var label: String
    public var start: Int
    public var end: Int
}
