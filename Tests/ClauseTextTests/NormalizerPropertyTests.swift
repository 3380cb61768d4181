import ClauseTestSupport
import Testing
import Foundation
@testable import ClauseText

/// Slicing must commute with normalizing: whatever range of the matching text a finding covers, the
/// source range it maps back to normalizes to exactly that range (widened to whole blocks).
@Suite struct NormalizerPropertyTests {
    /// Pieces random documents are made of: every kind of thing a stage changes, and its neighbours.
    static let pieces: [String] = [
        // plain simplified text and punctuation
        "本协议", "用户", "最终解释权", "不承担任何责任", "第十二条", "甲方", "退款", "。", "，", "、", "；",
        // traditional, with phrases whose conversion differs from character by character
        "計畫", "乾坤", "頭髮", "裡面", "甚麼", "餘額", "條款", "解釋權", "於", "乾", "畫", "髮", "關係", "瞭解",
        // full width and compatibility characters
        "ＡＢＣ", "１２３", "，", "（", "）", "：", "！", "？", "㍻", "①", "ﬁ", "㎏", "™", "½", "Ⅳ", "ｶﾞ", "﹁", "﹂",
        "\u{F900}", "¨", "゛", "ｱ",
        // compatibility characters whose NFKC crosses a T→S phrase (㋀曆 → 1月曆 → 1月历)
        "㋀", "曆", "㍾", "癒", "㏠", "誌", "㍽", "兇", "⽇",
        // combining marks and jamo
        "e\u{0301}", "a\u{0308}\u{0323}", "\u{0301}", "\u{1100}\u{1161}\u{11A8}", "\u{1161}", "o\u{0328}\u{0304}",
        // surrogate pairs
        "𠀀", "𠮷", "😀", "👨\u{200D}👩\u{200D}👧", "𝐀", "𝟙",
        // invisible characters
        "\u{200B}", "\u{200D}", "\u{FEFF}", "\u{00AD}", "\u{2060}", "\u{202A}", "\u{202C}", "\u{180E}", "\u{E0041}",
        // white space
        " ", "  ", "\u{3000}", "\t", "\u{00A0}", "\n", "\r\n",
        // quotes and brackets
        "“", "”", "「", "」", "『", "』", "‘", "’", "【", "】", "〈", "〉", "＂",
        // Latin text
        "Apple", "fee", "1.5", "(a)", "x",
    ]

    static func randomDocument(_ rng: inout SeededRandom) -> String {
        var s = ""
        for _ in 0 ..< Int.random(in: 1 ... 60, using: &rng) {
            s += pieces[Int.random(in: 0 ..< pieces.count, using: &rng)]
        }
        return s
    }

    /// For a longer hunt: CLAUSE_PROPERTY_SEED=7 CLAUSE_PROPERTY_DOCUMENTS=20000 swift test --filter NormalizerProperty
    static let seed = UInt64(ProcessInfo.processInfo.environment["CLAUSE_PROPERTY_SEED"] ?? "") ?? 20_240_601
    static let documents = Int(ProcessInfo.processInfo.environment["CLAUSE_PROPERTY_DOCUMENTS"] ?? "") ?? 600

    @Test func slicesOfTheMatchingTextMapBackToSourcesThatNormalizeToThem() {
        let normalizer = Normalizer.shared
        var rng = SeededRandom(seed: Self.seed)
        var widened = 0
        for document in 0 ..< Self.documents {
            let input = Array(Self.randomDocument(&rng).utf16)
            let normalized = normalizer.normalize(input)
            let n = normalized.units.count
            for _ in 0 ..< 25 {
                let a = Int.random(in: 0 ... n, using: &rng), b = Int.random(in: 0 ... n, using: &rng)
                let r = min(a, b) ..< max(a, b)
                let s = normalized.toInput.sourceRange(of: r)
                let r2 = normalized.toInput.targetRange(of: s)
                let sliced = normalizer.normalize(Array(input[s])).units
                let expected = Array(normalized.units[r2])
                if r2 != r { widened += 1 }
                // The slice normalizes to the widened range; the widened range contains r and maps
                // back to the same source range (widening is done once and for all).
                guard sliced == expected, r.isEmpty || (r2.lowerBound <= r.lowerBound && r2.upperBound >= r.upperBound),
                      normalized.toInput.sourceRange(of: r2) == s
                else {
                    Issue.record("""
                        document \(document), r=\(r), s=\(s), r2=\(r2)
                        input \(String(decoding: input, as: UTF16.self).debugDescription)
                        slice \(String(decoding: input[s], as: UTF16.self).debugDescription)
                        normalize(slice) \(String(decoding: sliced, as: UTF16.self).debugDescription)
                        normalized[r2] \(String(decoding: expected, as: UTF16.self).debugDescription)
                        """)
                    return
                }
            }
        }
        // Blocks were really in play, not only copies.
        #expect(widened > Self.documents)
    }
}
