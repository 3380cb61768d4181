import Testing
@testable import ClauseRules

/// Inputs the fuzz targets (fuzz/) found in the rule engine, kept so that they stay fixed.
@Suite struct FuzzRegressionRulesTests {
    /// fuzz-prefilter: a `{` followed by a long run of digits overflowed the quantifier reader. PCRE2
    /// takes it as literal text (no closing brace), and so does the reader now.
    @Test func aHugeCountIsNoQuantifierAndDoesNotOverflow() throws {
        let source = "\u{FFFD}{" + String(repeating: "3", count: 50) + "ttt "
        let pattern = try Pattern(source)
        let facts = RequiredLiterals(pattern: pattern.source)
        #expect(facts.literals == [Array("\u{FFFD}{3333333333".utf16)])  // cut at 12 units
        #expect(facts.maxBefore == 0)
    }

    /// Nested counts multiply past any integer: the length bounds become unbounded instead of trapping.
    @Test func nestedCountsDoNotOverflowTheLengthBounds() {
        let facts = RequiredLiterals(pattern: "(?:(?:(?:(?:x{65535}){65535}){65535}){65535})款")
        #expect(facts.literals == [Array("x".utf16)])
        let later = RequiredLiterals(pattern: "(?:(?:(?:(?:[^x]{65535}){65535}){65535}){65535})款")
        #expect(later.literals == [Array("款".utf16)])
        #expect(later.maxBefore == nil)
    }
}
