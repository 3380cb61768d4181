import ClauseAudit
import ClauseRules
import ClauseText
import Testing

@Suite struct AuditBehaviourTests {
    @Test(arguments: ["消费者有权依法投诉。", "本公司不得以任何理由拒绝退货。", "乙方（消费者）可随时解除本合同。"])
    func fairClausesGiveNothing(text: String) {
        let result = audit(text)
        #expect(result.error == nil)
        #expect(result.findings.isEmpty, "\(result.findings.map(\.rule.id))")
    }

    @Test func finalInterpretationIsC5AtItsSpan() throws {
        let text = "活动说明：\n本店保留最终解释权。"
        let result = audit(text)
        let finding = try #require(result.findings.first)
        #expect(result.findings.count == 1)
        #expect(finding.category == .C5)
        #expect(finding.span.line == 2)
        #expect(finding.text == slice(text, finding.span))
        #expect(finding.text.contains("最终解释权"))
    }

    @Test func emptyInputIsAValidEmptyReport() {
        let result = audit(bytes: [])
        #expect(result.error == nil)
        #expect(result.findings.isEmpty)
        #expect(result.document.characters == 0)
    }

    @Test func undecodableBytesNameTheByteOffset() throws {
        let bytes = Array("合同条款".utf8) + [0xFF, 0xFE, 0x41]
        let result = audit(bytes: bytes, options: .init(encoding: "UTF-8"))
        let error = try #require(result.error)
        #expect(error.code == "undecodable")
        #expect(error.message.contains("offset 12"))
        #expect(result.findings.isEmpty)
    }

    @Test func lenientDecodingWarnsAndGoesOn() throws {
        let bytes = Array("本店保留最终解释权。".utf8) + [0xFF]
        let result = audit(bytes: bytes, options: .init(encoding: "UTF-8", lenient: true))
        #expect(result.error == nil)
        #expect(result.warnings.count == 1)
        #expect(result.findings.map(\.category) == [.C5])
    }

    @Test func findingKnowsItsClause() throws {
        let text = "第一条 服务内容\n提供健身服务。\n第八条 其他\n本店保留最终解释权。"
        let finding = try #require(audit(text).findings.first)
        let clause = try #require(finding.clause)
        #expect(clause.label == "第八条")
        #expect(clause.start == 17)
        #expect(clause.end == text.unicodeScalars.count)
    }
}
