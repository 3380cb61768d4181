import ClauseAudit
import ClauseRules
@testable import ClauseText
import Foundation
import Testing

/// The prominence check on formatted text: which clauses it looks at, what counts as set off.
struct ProminenceTests {
    /// Plain text with formatting runs, as the HTML and DOCX extractors give it.
    func prepared(_ text: String, runs: [FormattedRun]) -> PreparedText {
        let units = Array(text.utf16)
        var extracted = ExtractedText(units: units, toSource: .identity(length: units.count))
        extracted.runs = runs
        return PreparedText(source: SourceText(units: units), extracted: extracted)
    }

    func run(_ text: String, bold: String? = nil, underline: String? = nil, size: (String, Int)? = nil, body: Int? = nil) -> FormattedRun? {
        func range(of part: String) -> Range<Int> {
            let r = text.range(of: part)!
            return text.utf16.distance(from: text.startIndex, to: r.lowerBound) ..< text.utf16.distance(from: text.startIndex, to: r.upperBound)
        }
        if let bold { return FormattedRun(range: range(of: bold), bold: true) }
        if let underline { return FormattedRun(range: range(of: underline), underline: true) }
        if let (part, halfPoints) = size { return FormattedRun(range: range(of: part), fontSizeHalfPoints: halfPoints) }
        return nil
    }

    static let text = "第一条 物品丢失概不负责。第二条 本店保留最终解释权。第三条 会员卡售出概不退款。第四条 违约金为总价的百分之五十。第五条 本店可随时变更营业时间。"

    func check(_ runs: [FormattedRun]) throws -> [Finding] {
        let prepared = prepared(Self.text, runs: runs)
        let findings = try bulkEngine.findings(in: prepared, scratch: MatchScratch())
        #expect(findings.map(\.rule.id) == ["test.no-liability", "test.final-right", "test.no-refund", "test.penalty", "test.change"])
        return Prominence.check(findings, in: prepared)
    }

    @Test func unemphasisedLiabilityRefundAndPenaltyClausesAreReported() throws {
        let found = try check([])
        // C5 is not a clause of major interest in Art. 6's sense; the C6 change clause names no money.
        #expect(found.map(\.text) == ["概不负责", "概不退款", "违约金为总价的百分之五十"])
        #expect(found.map(\.span.start) == [8, 36, 45])
        let first = try #require(found.first)
        #expect(first.rule.id == "prominence.not-emphasised")
        #expect(first.category == .C6)
        #expect(first.severity == .warning)
        #expect(first.rule.legalBasis == ["合同行政监督管理办法（2023）第六条第一款", "消费者权益保护法（2013年修正）第二十六条第一款", "民法典（2020）第四百九十六条第二款"])
        #expect(first.message.hasSuffix("（所涉条款：C1 免除或者部分免除经营者责任）"))
    }

    @Test func boldUnderlineOrALargerSizeSetAClauseOff() throws {
        let t = Self.text
        let found = try check([
            run(t, bold: "概不负责")!,                            // the finding itself in bold
            run(t, underline: "第三条 会员卡售出概不退款。")!,        // its whole sentence underlined
            run(t, size: ("第一条 物品丢失概不负责。第二条 本店保留最终解释权。第三条 会员卡", 21))!,
            run(t, size: ("违约金为总价的百分之五十", 28))!,          // larger than the body's 10.5 pt
        ])
        #expect(found.isEmpty)
    }

    @Test func aSizeCountsOnlyAgainstAKnownBodySize() throws {
        // Sizes for one stretch only (as HTML gives them) say nothing about the body: not set off.
        let found = try check([run(Self.text, size: ("违约金为总价的百分之五十", 28))!])
        #expect(found.map(\.text) == ["概不负责", "概不退款", "违约金为总价的百分之五十"])
    }

    @Test func aLittleEmphasisNearbyIsNotEnough() throws {
        // One bold character in the sentence covers less than half of the finding and of the sentence.
        let found = try check([run(Self.text, bold: "概")!])
        #expect(found.map(\.text) == ["概不负责", "概不退款", "违约金为总价的百分之五十"])
    }

    @Test func emphasisEverywhereSetsNothingOff() throws {
        let all = FormattedRun(range: 0 ..< Self.text.utf16.count, bold: true)
        #expect(try check([all]).map(\.text) == ["概不负责", "概不退款", "违约金为总价的百分之五十"])
    }

    @Test func theCheckAppliesToFormatsThatCarryFormatting() {
        #expect(Prominence.applies(to: .html))
        #expect(Prominence.applies(to: .docx))
        #expect(!Prominence.applies(to: .text))
        #expect(!Prominence.applies(to: .markdown))
        // Plain text never gets the finding, however the clause reads.
        let result = bulkAuditor.audit(Array(Self.text.utf8), path: "c.txt", scratch: MatchScratch())
        #expect(!result.findings.contains { $0.rule.id == Prominence.ruleID })
    }

    @Test func findingsComeOutInSourceOrder() throws {
        let prepared = prepared(Self.text, runs: [])
        let findings = try bulkEngine.findings(in: prepared, scratch: MatchScratch())
        let all = Prominence.adding(to: findings, in: prepared)
        // At the same place, C6 before C6 by rule id: the prominence finding comes first there.
        #expect(all.map(\.rule.id) == ["test.no-liability", "prominence.not-emphasised", "test.final-right", "test.no-refund",
                                       "prominence.not-emphasised", "prominence.not-emphasised", "test.penalty", "test.change"])
    }

    @Test func htmlInputsAreCheckedThroughTheExtractorsRuns() throws {
        let html = "<h1>服务协议</h1>\n<p>第一条 物品丢失概不负责。</p>\n<p><b>第二条 会员卡售出概不退款。</b></p>\n<p>第三条 会员<u>卡售出概不退款</u>，恕不另行通知。</p>"
        let result = bulkAuditor.audit(Array(html.utf8), path: "a.html", scratch: MatchScratch())
        #expect(result.findings.map(\.rule.id) == ["test.no-liability", "prominence.not-emphasised", "test.no-refund", "test.no-refund"])
        let notice = try #require(result.findings.first { $0.rule.id == Prominence.ruleID })
        // Offsets in the HTML source, as for every finding.
        #expect(notice.text == "概不负责")
        #expect(notice.span.line == 2)
        #expect(notice.span.column == 12)
        // Markdown carries no formatting the check could read: no finding there.
        let markdown = bulkAuditor.audit(Array("第一条 物品丢失**概不负责**。".utf8), path: "a.md", scratch: MatchScratch())
        #expect(!markdown.findings.contains { $0.rule.id == Prominence.ruleID })
    }
}
