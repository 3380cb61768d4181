import ClauseAudit
import ClauseRules
import Testing

/// The time budget a server gives an audit: past the deadline the run stops before the next rule.
struct DeadlineTests {
    @Test func aPassedDeadlineStopsTheAuditWithTimeBudget() {
        var options = Auditor.Options(encoding: "UTF-8")
        options.deadline = .now - .seconds(1)
        let result = bulkAuditor.audit(Array("本店保留最终解释权。".utf8), path: "a.txt", options: options, scratch: MatchScratch())
        let first = bulkEngine.pack.rules[0].id
        #expect(result.error == AuditError(code: "time-budget", message: "审查超出时间限制，已停止（time budget exceeded before rule \(first)）"))
        #expect(result.findings.isEmpty)
    }

    @Test func aDeadlineAheadChangesNothing() {
        var options = Auditor.Options(encoding: "UTF-8")
        options.deadline = .now + .seconds(60)
        let bytes = Array("第一条 本店保留最终解释权。".utf8)
        let timed = bulkAuditor.audit(bytes, path: "a.txt", options: options, scratch: MatchScratch())
        let plain = bulkAuditor.audit(bytes, path: "a.txt", options: Auditor.Options(encoding: "UTF-8"), scratch: MatchScratch())
        #expect(timed.error == nil)
        #expect(timed.findings.map(\.rule.id) == plain.findings.map(\.rule.id))
        #expect(timed.findings.map(\.sourceRange) == plain.findings.map(\.sourceRange))
    }
}
