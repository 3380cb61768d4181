import Testing
@testable import ClauseText

/// The shortcut for bare `key>value;` lines reads ICU's rules exactly as the full reader does.
@Suite struct TraditionalToSimplifiedParseTests {
    @Test func theShortcutAgreesWithTheFullReaderOnEveryOfICUsRules() throws {
        let text = try #require(ICUTransliteration.rules(id: "Traditional-Simplified"))
        var full: [(key: [UInt16], value: [UInt16])] = []
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            try TraditionalToSimplified.parse(line: line, into: &full)
        }
        let fast = try TraditionalToSimplified.parse(text)
        #expect(fast.count == full.count)
        #expect(fast.count > 3900)
        // And the shortcut does take nearly all of them (it is there for speed).
        let simple = text.split(separator: "\n").filter { TraditionalToSimplified.simpleRule(ArraySlice(Array($0.utf16))) != nil }
        #expect(simple.count > 3900)
        #expect(zip(fast, full).allSatisfy { $0.key == $1.key && $0.value == $1.value })
    }

    @Test func linesWithSyntaxOrSpacesGoThroughTheFullReader() {
        func units(_ s: String) -> ArraySlice<UInt16> { ArraySlice(Array(s.utf16)) }
        #expect(TraditionalToSimplified.simpleRule(units("丟>丢;"))! == (Array("丟".utf16), Array("丢".utf16)))
        #expect(TraditionalToSimplified.simpleRule(units("丟 > 丢;"))! == (Array("丟".utf16), Array("丢".utf16)))
        #expect(TraditionalToSimplified.simpleRule(units(" 丟>丢;")) == nil)       // other spaces
        #expect(TraditionalToSimplified.simpleRule(units("丟>丢 ;")) == nil)
        #expect(TraditionalToSimplified.simpleRule(units("丟>丢; # x")) == nil)    // a comment
        #expect(TraditionalToSimplified.simpleRule(units("'a'>丢;")) == nil)       // quotes
        #expect(TraditionalToSimplified.simpleRule(units("丟\u{3000}>丢;")) == nil) // ideographic space
        #expect(TraditionalToSimplified.simpleRule(units("丟→丢;")) == nil)
        #expect(TraditionalToSimplified.simpleRule(units(">丢;")) == nil)
    }

    @Test func aCarriageReturnLineFeedPairDoesNotEndALineAsACharacterDoesNot() throws {
        // "\r\n" is one Character, neither "\n" nor "\r": the full reader never split there.
        #expect(throws: TraditionalToSimplified.RuleError.self) { try TraditionalToSimplified.parse("甲>乙;\r\n丙>丁;") }
        #expect(try TraditionalToSimplified.parse("甲>乙;\n丙>丁;\r戊>己;").count == 3)
    }
}
