import Foundation
import Testing
@testable import ClauseText

private func u(_ s: String) -> [UInt16] { Array(s.utf16) }

/// Every unit of the joined text maps back to exactly that unit of the input (joining only deletes).
private func mapsBackExactly(_ input: [UInt16], _ joined: [UInt16], _ map: OffsetMap) -> Bool {
    joined.indices.allSatisfy { i in
        let source = map.sourceRange(of: i ..< i + 1)
        return source.count == 1 && input[source.lowerBound] == joined[i]
    }
}

@Suite struct HardWrapsTests {
    /// Twelve sentences, each broken across two lines at a fixed width.
    private let wrapped = (1 ... 12).map { "第\($0)句话被硬性折\n行了，用户继续使用即视\n为同意。\n" }.joined()

    @Test func joinsLinesBrokenInsideASentenceAndMapsBack() throws {
        let input = u(wrapped)
        let (joined, map) = try #require(HardWraps.joined(input))
        #expect(String(decoding: joined, as: UTF16.self) == (1 ... 12).map { "第\($0)句话被硬性折行了，用户继续使用即视为同意。\n" }.joined())
        #expect(mapsBackExactly(input, joined, map))
        // A range across a joined break covers the break in the input.
        let across = map.sourceRange(of: 5 ..< 9)
        #expect(String(decoding: input[across], as: UTF16.self) == "硬性折\n行")
    }

    @Test func spacesAroundTheBreakAndCRLFGoWithIt() throws {
        let input = u(String(repeating: "本公司有权随时修改 \r\n  本协议的条款。\n", count: 12))
        let (joined, map) = try #require(HardWraps.joined(input))
        #expect(String(decoding: joined, as: UTF16.self) == String(repeating: "本公司有权随时修改本协议的条款。\n", count: 12))
        #expect(mapsBackExactly(input, joined, map))
    }

    @Test func aNameInLatinLettersGoesOnTheLineBefore() {
        #expect(HardWraps.find(in: u("对外部第\n三方\nApp的数据使用")) == [4 ..< 5, 7 ..< 8])
        #expect(HardWraps.find(in: u("本协议自签署之日起生效\n2024年1月1日")).isEmpty)
    }

    @Test func sentenceEndsBlankLinesAndHeadingsAreNotWraps() {
        let text = u("第一条 定义\n本协议所称用户。\n\n服务内容\n\n一、总则\n（一）适用范围\n用户须知：\n请阅读全文")
        #expect(HardWraps.find(in: text).isEmpty)
        // The first line of a numbered clause's text wraps like any other.
        #expect(HardWraps.find(in: u("2. 请您谨慎挑选外部插件并自行留意其隐私规则，本公司对这些插件的数据\n处理方式不作担保。")) == [35 ..< 36])
    }

    @Test func aDocumentWithFewWrapsIsLeftAlone() {
        // Titles without punctuation end in a Han character too; a handful of them is not hard wrapping.
        let text = u("用户协议\n欢迎使用本服务。\n会员权益\n会员可享受专属内容。\n" + String(repeating: "本协议条款说明。\n", count: 30))
        #expect(HardWraps.joined(text) == nil)
        let prepared = PreparedText(plain: SourceText(units: text))
        #expect(prepared.normalized.units == Normalizer.shared.normalize(text).units)
    }

    @Test func sentencesRunOnAcrossWrapsAndFindingsMapToTheOriginal() {
        let prepared = PreparedText(plain: SourceText(wrapped))
        let first = prepared.sentences[0]
        #expect(String(decoding: prepared.normalized.units[first], as: UTF16.self) == "第1句话被硬性折行了,用户继续使用即视为同意。")
        let source = prepared.sourceRange(ofNormalized: first)
        #expect(prepared.source.slice(source) == "第1句话被硬性折\n行了，用户继续使用即视\n为同意。")
    }

    @Test func hardWrappedAgreementsOfTheCorpusMapBackExactly() {
        for (name, text) in SharedCorpus.agreements {
            let input = Normalizer.shared.normalize(u(text)).units
            guard let (joined, map) = HardWraps.joined(input) else { continue }
            #expect(mapsBackExactly(input, joined, map), "\(name)")
            #expect(map.sourceLength == input.count && map.targetLength == joined.count, "\(name)")
        }
    }
}
