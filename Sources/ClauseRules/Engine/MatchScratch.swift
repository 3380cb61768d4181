import CPCRE2

/// Per-thread matching state: match data, a match context with limits, a JIT stack, and the clock of
/// the document being matched.
public final class MatchScratch {
    let matchData: OpaquePointer
    let context: OpaquePointer
    private let jitStack: OpaquePointer?
    let limits: Limits
    /// While a document is matched: when its budget runs out.
    var deadline: ContinuousClock.Instant?
    private var calls = 0

    /// Limits that stop a pattern from backtracking forever on a hostile text.
    public struct Limits: Sendable {
        /// PCRE2's limits for one search (the match limit counts backtracking steps).
        public var matchLimit: UInt32 = 2_000_000
        public var depthLimit: UInt32 = 10_000
        public var jitStackBytes: Int = 1 << 20
        /// The most time matching one document may take, all its rules together: a pattern that is
        /// slow without ever hitting the match limit (many windows, a huge text) stops there too, and
        /// the document gets a rule-budget error naming the rule.
        public var documentBudget: Duration = .seconds(60)
        public init() {}
    }

    public init(limits: Limits = .init()) {
        self.limits = limits
        matchData = pcre2_match_data_create_16(64, nil)
        context = pcre2_match_context_create_16(nil)
        pcre2_set_match_limit_16(context, limits.matchLimit)
        pcre2_set_depth_limit_16(context, limits.depthLimit)
        jitStack = pcre2_jit_stack_create_16(32 * 1024, limits.jitStackBytes, nil)
        if let jitStack { pcre2_jit_stack_assign_16(context, nil, UnsafeMutableRawPointer(jitStack)) }
    }

    deinit {
        if let jitStack { pcre2_jit_stack_free_16(jitStack) }
        pcre2_match_context_free_16(context)
        pcre2_match_data_free_16(matchData)
    }

    /// Throws once the document's budget has run out. Called before every search; reads the clock on
    /// every 64th call only.
    func checkBudget(pattern: String) throws(MatchError) {
        guard let deadline else { return }
        calls &+= 1
        guard calls & 63 == 0, ContinuousClock.now > deadline else { return }
        throw MatchError(pattern: pattern, message: "matching this document took longer than its budget of \(limits.documentBudget)")
    }
}
