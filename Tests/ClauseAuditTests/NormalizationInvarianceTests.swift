import ClauseAudit
import ClauseRules
import ClauseText
import Testing

/// The same clause, however it is written or encoded, gives the same finding, and each finding's text
/// is exactly the original slice at its span.
@Suite struct NormalizationInvarianceTests {
    static let plain = "第八条 本活动最终解释权归本公司所有。"
    static let variants: [(String, String)] = [
        ("plain", plain),
        ("traditional", "第八條 本活動最終解釋權歸本公司所有。"),
        ("full-width", "第８条　本活动最终解释权归本公司所有．"),
        ("spaces", "第八条 本活动最 终 解 释 权 归本公司所有。"),
        ("zero-width", "第八条 本活动最\u{200B}终\u{200D}解\u{FEFF}释权\u{00AD}归本公司所有。"),
        ("ideographic spaces", "第八条 本活动最终　解释权　归本公司所有。"),
    ]

    @Test(arguments: variants)
    func sameFindingInEveryForm(name: String, text: String) throws {
        let result = audit(text)
        #expect(result.error == nil)
        let finding = try #require(result.findings.first, "\(name): no finding")
        #expect(result.findings.map(\.category) == [.C5], "\(name)")
        #expect(finding.text == slice(text, finding.span), "\(name)")
        #expect(Normalizer.shared.normalize(finding.text).contains("最终解释权"), "\(name): \(finding.text)")
        let reference = try #require(audit(Self.plain).findings.first)
        #expect(finding.rule.id == reference.rule.id)
    }

    @Test(arguments: ["GB18030", "UTF-16LE", "UTF-16BE", "Big5"])
    func sameFindingInEveryEncoding(charset: String) throws {
        let text = charset == "Big5" ? Self.variants[1].1 : Self.plain
        var bytes = TextEncoder.encode(text, as: charset)
        if charset == "UTF-16LE" { bytes = [0xFF, 0xFE] + bytes }
        if charset == "UTF-16BE" { bytes = [0xFE, 0xFF] + bytes }
        let result = audit(bytes: bytes)
        #expect(result.document.encoding == charset)
        let finding = try #require(result.findings.first)
        let reference = try #require(audit(Self.plain).findings.first)
        #expect(finding.span == reference.span)
        #expect(finding.text == slice(text, finding.span))
    }
}
