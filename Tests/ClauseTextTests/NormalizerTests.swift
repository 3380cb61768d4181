import ClauseTestSupport
import Testing
import Foundation
@testable import ClauseText

@Suite struct NormalizerTests {
    let normalizer = Normalizer.shared

    // MARK: one clause, many spellings

    @Test func oneClauseManySpellings() {
        let plain = "本店对VIP会员保留最终解释权，详见第12条。"
        let spellings = [
            plain,
            "本店對VIP會員保留最終解釋權，詳見第12條。",                          // traditional
            "本店对ＶＩＰ会员保留最终解释权，详见第１２条。",                      // full width
            "本 店 对VIP会 员 保 留 最 终 解 释 权 ， 详 见 第12条 。",            // spaces between characters
            "本店\u{3000}对VIP会员保留\u{3000}最终解释权，详见第12条。",          // ideographic spaces
            "本\u{200B}店\u{200D}对VIP\u{2060}会员\u{00AD}保留\u{FEFF}最终解释权，详见第12条。", // zero width
            "本 店\u{200B} 對ＶＩＰ會\u{3000}員保留最\u{200C}終 解 釋 權 ，詳見第１２條。",   // all at once
        ]
        let expected = "本店对VIP会员保留最终解释权,详见第12条。"
        for spelling in spellings {
            #expect(normalizer.normalize(spelling) == expected, "\(spelling)")
        }
    }

    @Test func quotesAndBracketsHaveOneForm() {
        for quoted in ["「最终解释权」", "“最终解释权”", "『最終解釋權』", "＂最终解释权＂", "〝最终解释权〞"] {
            #expect(normalizer.normalize(quoted) == "\"最终解释权\"")
        }
        for bracketed in ["【重要提示】", "〔重要提示〕", "［重要提示］", "〖重要提示〗"] {
            #expect(normalizer.normalize(bracketed) == "[重要提示]")
        }
        #expect(normalizer.normalize("〈用户协议〉") == "《用户协议》")
    }

    @Test func theDocumentedExamples() {
        #expect(normalizer.normalize("計畫") == "计划")
        #expect(normalizer.normalize("乾坤") == "乾坤")
        #expect(normalizer.normalize("頭髮") == "头发")
        #expect(normalizer.normalize("最 终 解 释 权") == "最终解释权")
        #expect(normalizer.normalize("（一）甲方：１００元；") == "(一)甲方:100元;")
        #expect(normalizer.normalize("㍻元年①ﬁ") == "平成元年1fi")
        #expect(normalizer.normalize("") == "")
        #expect(normalizer.normalize([]).toInput.maps == [])
    }

    @Test func normalizingTwiceChangesNothing() {
        var rng = SeededRandom(seed: 17)
        for _ in 0 ..< 1000 {
            let once = normalizer.normalize(NormalizerPropertyTests.randomDocument(&rng))
            #expect(normalizer.normalize(once) == once)
        }
    }

    @Test func unchangedTextHasNoMap() {
        let text = normalizer.normalize(Array("本协议由用户与平台共同缔结。".utf16))
        #expect(text.toInput.maps == [])
        #expect(text.string == "本协议由用户与平台共同缔结。")
    }

    // MARK: offsets

    func map(_ input: String, _ range: Range<Int>) -> (source: Range<Int>, widened: Range<Int>, normalized: String) {
        let text = normalizer.normalize(Array(input.utf16))
        let source = text.toInput.sourceRange(of: range)
        return (source, text.toInput.targetRange(of: source), text.string)
    }

    @Test func rangesMapBackToExactSourceRanges() {
        // 本0 店1 保2 留3 ZWSP4 最5 終6 解7 釋8 權9 ，10 → 本店保留最终解释权,
        let clause = "本店保留\u{200B}最終解釋權，"
        #expect(map(clause, 0 ..< 1).normalized == "本店保留最终解释权,")
        #expect(map(clause, 4 ..< 9).source == 5 ..< 10)      // the zero-width space before stays out
        #expect(map(clause, 4 ..< 9).widened == 4 ..< 9)
        #expect(map(clause, 5 ..< 6).source == 6 ..< 7)       // 终 ← 終
        #expect(map(clause, 9 ..< 10).source == 10 ..< 11)    // , ← ，
        #expect(map(clause, 3 ..< 5).source == 3 ..< 6)       // 留最 takes the zero-width space between
        #expect(map(clause, 4 ..< 4).source == 5 ..< 5)
    }

    @Test func phrasesAndExpansionsWidenToTheWholeBlock() {
        // 划 alone came from the phrase 計畫.
        #expect(map("本計畫書", 2 ..< 3).source == 1 ..< 3)
        #expect(map("本計畫書", 2 ..< 3).widened == 1 ..< 3)
        // 成 alone came from ㍻, which became 平成.
        #expect(map("㍻元年", 1 ..< 2).source == 0 ..< 1)
        #expect(map("㍻元年", 1 ..< 2).widened == 0 ..< 2)
        // é ← e + U+0301.
        #expect(map("e\u{0301}x", 0 ..< 1).source == 0 ..< 2)
        // Full-width letters map one to one.
        #expect(map("ＶＩＰ会员", 1 ..< 2).source == 1 ..< 2)
    }

    @Test func removedSpacesStayOutOfRangesThatEndBesideThem() {
        // 最0 ␠1 终2 ␠3 条4 ␠5 款6 → 最终条款
        #expect(map("最 终 条 款", 1 ..< 3).source == 2 ..< 5)
        #expect(map("最 终 条 款", 1 ..< 2).source == 2 ..< 3)
        #expect(map("最 终 条 款", 0 ..< 4).source == 0 ..< 7)
    }

    @Test func blocksOfDifferentStagesThatOverlapBecomeOne() {
        // ㋀ → 1月 (NFKC), and 月曆 → 月历 is a phrase: the blocks cross, so they are one.
        #expect(map("㋀曆", 0 ..< 1).normalized == "1月历")
        #expect(map("㋀曆", 0 ..< 1).source == 0 ..< 2)
        #expect(map("㋀曆", 0 ..< 1).widened == 0 ..< 3)
        // A zero-width space inside a phrase: 頭 ZWSP 髮 → 头发, one block.
        #expect(map("頭\u{200B}髮", 1 ..< 2).source == 0 ..< 3)
        // At the edge of a phrase it stays a deletion of its own.
        #expect(map("\u{200B}頭髮", 0 ..< 2).source == 1 ..< 3)
    }

    /// From bytes to a finding's text: decode, normalize, find, map back, slice the source.
    @Test func fromBytesToTheOriginalSlice() throws {
        let original = "第十二條　本店保留最終\u{3000}解釋權。"
        let decoded = try TextDecoder.decode(TextEncoder.encode(original, as: "Big5"))
        #expect(decoded.encoding == "Big5")
        let text = normalizer.normalize(decoded.text.units)
        let needle = Array("最终解释权".utf16)
        let start = try #require((0 ... text.units.count - needle.count).first {
            Array(text.units[$0 ..< $0 + needle.count]) == needle
        })
        let source = text.toInput.sourceRange(of: start ..< start + needle.count)
        #expect(decoded.text.slice(source) == "最終\u{3000}解釋權")
        #expect(decoded.text.scalarOffset(source.lowerBound) == 9)
    }

    // MARK: cross-check with Foundation

    /// Foundation's NFKC and transliteration (its own ICU) give the same text. Foundation cannot map
    /// offsets and is much slower, which is why it is only a reference here. Stage 3 has no Foundation
    /// counterpart, so horizontal white space is left out of the comparison.
    @Test(.enabled(if: SharedCorpus.isAvailable, "../shared/corpus is missing"))
    func sameTextAsFoundation() throws {
        func withoutSpaces(_ s: String) -> String { s.filter { $0 != " " && $0 != "\t" } }
        func reference(_ s: String) throws -> String {
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: s.unicodeScalars.filter { $0.properties.generalCategory != .format })
            let nfkc = String(scalars).precomposedStringWithCompatibilityMapping
            let simplified = try #require(nfkc.applyingTransform(StringTransform("Traditional-Simplified"), reverse: false))
            let quotes: [Unicode.Scalar: Unicode.Scalar] = [
                "“": "\"", "”": "\"", "„": "\"", "‟": "\"", "「": "\"", "」": "\"", "『": "\"", "』": "\"",
                "〝": "\"", "〞": "\"", "〟": "\"", "‘": "'", "’": "'", "‚": "'", "‛": "'",
                "【": "[", "】": "]", "〔": "[", "〕": "]", "〖": "[", "〗": "]", "〘": "[", "〙": "]",
                "〈": "《", "〉": "》",
            ]
            // Scalar by scalar: a quote followed by a combining mark is one Character.
            var folded = String.UnicodeScalarView()
            folded.append(contentsOf: simplified.unicodeScalars.map { quotes[$0] ?? $0 })
            return String(folded)
        }
        var rng = SeededRandom(seed: 23)
        var samples: [String] = []
        for (_, text) in SharedCorpus.agreements.prefix(40) {
            let excerpt = String(text.prefix(3000))
            let traditional = try #require(ICUTransliteration.transliterate(excerpt, id: "Simplified-Traditional"))
            // Full-width digits and letters, and zero-width spaces here and there.
            var mixed = ""
            for character in traditional {
                if let ascii = character.asciiValue, (0x30 ... 0x7A).contains(ascii), Bool.random(using: &rng) {
                    mixed.unicodeScalars.append(Unicode.Scalar(UInt32(ascii) + 0xFEE0)!)
                } else {
                    mixed.append(character)
                }
                if Int.random(in: 0 ..< 50, using: &rng) == 0 { mixed += "\u{200B}" }
            }
            samples += [excerpt, mixed]
        }
        var rngDocs = SeededRandom(seed: 29)
        samples += (0 ..< 200).map { _ in NormalizerPropertyTests.randomDocument(&rngDocs) }
        for sample in samples {
            #expect(withoutSpaces(normalizer.normalize(sample)) == withoutSpaces(try reference(sample)),
                    "\(sample.prefix(60).debugDescription)")
        }
    }
}

extension NormalizedText: Equatable {
    public static func == (a: NormalizedText, b: NormalizedText) -> Bool { a.units == b.units && a.toInput == b.toInput }
}

extension Normalizer {
    /// Normalizing a normalized text again (for the idempotence test).
    func normalize(_ text: NormalizedText) -> NormalizedText {
        NormalizedText(units: normalize(text.units).units, toInput: text.toInput)
    }
}
