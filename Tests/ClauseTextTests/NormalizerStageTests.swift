import ClauseTestSupport
import Testing
import CICUShim
@testable import ClauseText

/// Each stage alone: exact output and exact map ("c3" = 3 units copied, "r2>1" = 2 units became 1).
@Suite struct NormalizerStageTests {
    let normalizer = Normalizer.shared

    func run(_ text: String, _ stage: (UnsafeBufferPointer<UInt16>) -> NormalizationStages.Result?) -> (String, String) {
        let units = Array(text.utf16)
        guard let (out, map) = units.withUnsafeBufferPointer(stage) else { return (text, "unchanged") }
        #expect(map.sourceLength == units.count)
        #expect(map.targetLength == out.count)
        let segments = map.segments.map { $0.isCopy ? "c\($0.source)" : "r\($0.source)>\($0.target)" }
        return (String(decoding: out, as: UTF16.self), segments.joined(separator: " "))
    }

    func invisible(_ s: String) -> (String, String) { run(s) { NormalizationStages.removeInvisible($0, normalizer.classes) } }
    func nfkc(_ s: String) -> (String, String) { run(s) { NormalizationStages.nfkc($0, normalizer.nfkcShortcuts) } }
    func spaces(_ s: String) -> (String, String) { run(s) { NormalizationStages.foldCJKSpaces($0, normalizer.classes) } }
    func simplified(_ s: String) -> (String, String) { run(s) { normalizer.traditionalToSimplified.apply($0) } }
    func punctuation(_ s: String) -> String {
        var units = Array(s.utf16)
        NormalizationStages.unifyPunctuation(&units)
        return String(decoding: units, as: UTF16.self)
    }

    // MARK: 1. invisible characters

    @Test func invisibleCharactersGo() {
        #expect(invisible("a\u{200B}b\u{00AD}c\u{2060}d\u{FEFF}e\u{202A}f\u{202C}g\u{180E}h\u{200F}i")
                == ("abcdefghi", "c1 r1>0 c1 r1>0 c1 r1>0 c1 r1>0 c1 r1>0 c1 r1>0 c1 r1>0 c1 r1>0 c1"))
        #expect(invisible("\u{200B}\u{200C}\u{200D}最终") == ("最终", "r1>0 r1>0 r1>0 c2"))
        // Other format characters too: a tag character (a surrogate pair) and U+2064 INVISIBLE PLUS.
        #expect(invisible("x\u{E0041}y\u{2064}") == ("xy", "c1 r2>0 c1 r1>0"))
        #expect(invisible("👨\u{200D}👩") == ("👨👩", "c2 r1>0 c2"))
    }

    @Test func visibleFormatCharactersAndOrdinaryTextStay() {
        // U+0600 ARABIC NUMBER SIGN is a format character that is drawn.
        #expect(invisible("\u{0600}١٢") == ("\u{0600}١٢", "unchanged"))
        #expect(invisible("本协议 terms\n") == ("本协议 terms\n", "unchanged"))
    }

    // MARK: 2. NFKC

    /// One unit that became one other unit is a copy in the map: no range can cut it.
    @Test func fullWidthBecomesASCII() {
        #expect(nfkc("ＡＢＣ１２３，（）：；！？")
                == ("ABC123,():;!?", "c13"))
        #expect(nfkc("第１２条，") == ("第12条,", "c5"))
        #expect(nfkc("甲\u{3000}乙") == ("甲 乙", "c3"))
    }

    @Test func compatibilityCharactersExpand() {
        #expect(nfkc("㍻") == ("平成", "r1>2"))
        #expect(nfkc("ﬁle") == ("file", "r1>2 c2"))
        #expect(nfkc("①②") == ("12", "c2"))
        #expect(nfkc("5㎏") == ("5kg", "c1 r1>2"))
        #expect(nfkc("𝐀") == ("A", "r2>1"))
    }

    @Test func combiningSequencesAreOnePiece() {
        #expect(nfkc("e\u{0301}x") == ("éx", "r2>1 c1"))
        #expect(nfkc("a\u{0323}\u{0302}b") == ("\u{1EAD}b", "r3>1 c1"))
        // Hangul jamo compose into one syllable.
        #expect(nfkc("\u{1100}\u{1161}\u{11A8}") == ("각", "r3>1"))
    }

    @Test func normalTextIsUnchanged() {
        #expect(nfkc("本协议。、《》“”") == ("本协议。、《》“”", "unchanged"))
        #expect(nfkc("") == ("", "unchanged"))
    }

    /// Piece by piece gives what NFKC of the whole text gives.
    @Test func piecewiseEqualsWholeText() {
        var rng = SeededRandom(seed: 11)
        var texts = (0 ..< 500).map { _ in NormalizerPropertyTests.randomDocument(&rng) }
        texts += SharedCorpus.agreements.map(\.text)
        for text in texts {
            let units = Array(text.utf16)
            let whole = units.withUnsafeBufferPointer { source in
                [UInt16](unsafeUninitializedCapacity: units.count * 18 + 16) { buffer, count in
                    count = Int(cas_nfkc_normalize(source.baseAddress, Int32(source.count), buffer.baseAddress, Int32(buffer.count)))
                }
            }
            let piecewise = units.withUnsafeBufferPointer { NormalizationStages.nfkc($0, normalizer.nfkcShortcuts)?.units } ?? units
            #expect(piecewise == whole, "\(text.prefix(80).debugDescription)")
        }
    }

    // MARK: 3. white space between CJK characters

    @Test func spacesBetweenHanCharactersGo() {
        #expect(spaces("最 终 解 释 权") == ("最终解释权", "c1 r1>0 c1 r1>0 c1 r1>0 c1 r1>0 c1"))
        #expect(spaces("最\t\t终") == ("最终", "c1 r2>0 c1"))
        #expect(spaces("甲方\u{3000}乙方") == ("甲方乙方", "c2 r1>0 c2"))
    }

    @Test func cjkPunctuationCountsOnEitherSide() {
        #expect(spaces("同意。 最终") == ("同意。最终", "c3 r1>0 c2"))
        #expect(spaces("最终 。") == ("最终。", "c2 r1>0 c1"))
        #expect(spaces("。 「") == ("。「", "c1 r1>0 c1"))
        // ASCII punctuation (what ，（ became) counts next to Han.
        #expect(spaces("甲方 , 乙方") == ("甲方,乙方", "c2 r1>0 c1 r1>0 c2"))
        #expect(spaces("(一) 用户") == ("(一)用户", "c3 r1>0 c2"))
    }

    @Test func otherSpacesStay() {
        #expect(spaces("Apple 公司") == ("Apple 公司", "unchanged"))
        #expect(spaces("第 1 条") == ("第 1 条", "unchanged"))
        #expect(spaces("a , b") == ("a , b", "unchanged"))
        #expect(spaces(") (") == (") (", "unchanged"))
        #expect(spaces("最\n终") == ("最\n终", "unchanged"))
        #expect(spaces("最 \n 终") == ("最 \n 终", "unchanged"))
        #expect(spaces(" 最终 ") == (" 最终 ", "unchanged"))
        #expect(spaces("😀 最") == ("😀 最", "unchanged"))
    }

    @Test func aSurrogatePairNeighbourJoinsTheBlock() {
        // 𠮷 is beyond the BMP: a range could cut it, so the block holds both neighbours.
        #expect(spaces("𠮷 最") == ("𠮷最", "r4>3"))
        #expect(spaces("x𠮷 𠮷 𠮷y") == ("x𠮷𠮷𠮷y", "c1 r8>6 c1"))
    }

    // MARK: 4. Traditional → Simplified

    @Test func phrasesAreBlocksEvenWhenUnchanged() {
        #expect(simplified("計畫") == ("计划", "r2>2"))
        #expect(simplified("乾坤") == ("乾坤", "r2>2"))
        #expect(simplified("頭髮") == ("头发", "r2>2"))
        #expect(simplified("乾") == ("干", "c1"))
        #expect(simplified("本協議") == ("本协议", "c3"))
        #expect(simplified("本店保留最終解釋權。") == ("本店保留最终解释权。", "c10"))
        #expect(simplified("「引」") == ("“引”", "c3"))
        #expect(simplified("本协议") == ("本协议", "unchanged"))
    }

    @Test func longestMatchWins() {
        // 鬼子薑 and 生薑 are both phrases; 薑 alone is 姜.
        #expect(simplified("生薑片") == ("生姜片", "r2>2 c1"))
        #expect(simplified("本計畫書") == ("本计划书", "c1 r2>2 c1"))
        #expect(simplified("薑片") == ("姜片", "r2>2"))
        #expect(simplified("甚麼") == ("什么", "r2>2"))
    }

    @Test func theTableHoldsEveryRule() throws {
        let rules = try #require(ICUTransliteration.rules(id: "Traditional-Simplified"))
        let lines = rules.split(separator: "\n").filter { $0.contains(">") }
        #expect(normalizer.traditionalToSimplified.ruleCount == lines.count)
        #expect(lines.count > 3000)
    }

    @Test func theParserRefusesRulesItCannotRepresent() {
        #expect(throws: TraditionalToSimplified.RuleError.unsupported("a { b > c ;")) {
            try TraditionalToSimplified(rules: "x > y;\na { b > c ;")
        }
        #expect(throws: TraditionalToSimplified.RuleError.unsupported(":: [a-z] ;")) {
            try TraditionalToSimplified(rules: ":: [a-z] ;")
        }
        // Quotes and escapes are fine.
        let table = try? TraditionalToSimplified(rules: "'a b' > c;\n\\u0041 > \\u0042;\n# comment")
        #expect(table?.ruleCount == 2)
    }

    /// The table against ICU's transliterator: random runs of rule keys (so phrases overlap and
    /// compete), with plain text between them.
    @Test func identicalToICUOnRandomRuns() throws {
        let rules = try #require(ICUTransliteration.rules(id: "Traditional-Simplified"))
        let keys = try TraditionalToSimplified.parse(rules).map { String(decoding: $0.key, as: UTF16.self) }
        var rng = SeededRandom(seed: 3)
        let filler = ["的", "，", "a", " ", "\n", "裡", "於"]
        for _ in 0 ..< 300 {
            var text = ""
            for _ in 0 ..< 200 {
                text += Bool.random(using: &rng) ? keys[Int.random(in: 0 ..< keys.count, using: &rng)]
                                                 : filler[Int.random(in: 0 ..< filler.count, using: &rng)]
            }
            let units = Array(text.utf16)
            let icu = try #require(ICUTransliteration.transliterate(units, id: "Traditional-Simplified"))
            let table = units.withUnsafeBufferPointer { normalizer.traditionalToSimplified.apply($0)?.units } ?? units
            #expect(table == icu)
        }
    }

    /// The corpus made traditional by ICU's Simplified-Traditional, converted back both ways.
    @Test(.enabled(if: SharedCorpus.isAvailable, "../shared/corpus is missing"))
    func identicalToICUOnTheCorpusInTraditional() throws {
        #expect(SharedCorpus.agreements.count > 100)
        for (name, text) in SharedCorpus.agreements {
            let traditional = try #require(ICUTransliteration.transliterate(Array(text.utf16), id: "Simplified-Traditional"))
            let icu = try #require(ICUTransliteration.transliterate(traditional, id: "Traditional-Simplified"))
            let table = traditional.withUnsafeBufferPointer { normalizer.traditionalToSimplified.apply($0)?.units } ?? traditional
            #expect(table == icu, "\(name)")
        }
    }

    // MARK: 5. quotation marks and brackets

    @Test func oneFormForQuotesAndBrackets() {
        #expect(punctuation("“a”„b‟「c」『d』〝e〞〟＂") == "\"a\"\"b\"\"c\"\"d\"\"e\"\"\"")
        #expect(punctuation("‘x’‚y‛") == "'x''y'")
        #expect(punctuation("【a】〔b〕〖c〗〘d〙［e］") == "[a][b][c][d][e]")
        #expect(punctuation("〈书〉《书》") == "《书》《书》")
        #expect(punctuation("本协议。，") == "本协议。，")
    }
}
