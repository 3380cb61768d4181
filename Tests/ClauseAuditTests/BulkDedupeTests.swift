@testable import ClauseAudit
import ClauseRules
import ClauseText
import Foundation
import Testing

/// The table of results by content: what it keeps, what it forgets, who waits.
struct BulkDedupeTests {
    func result(_ text: String) -> AuditResult {
        bulkAuditor.audit(Array(text.utf8), path: "x.txt", scratch: MatchScratch())
    }

    func key(_ n: Int) -> DedupeTable.Key { DedupeTable.Key(sha256: String(n), format: .text) }

    func reused(_ claim: DedupeTable.Claim) -> String? {
        if case let .reuse(_, first) = claim { return first }
        return nil
    }

    @Test func twinsWaitForTheFirstAndLaterOnesReuseIt() {
        let table = DedupeTable(window: 10, findings: 100)
        guard case .audit = table.claim(key(1), path: "a", size: 1) else { Issue.record("first must audit"); return }
        guard case .wait = table.claim(key(1), path: "b", size: 2) else { Issue.record("twin must wait"); return }
        let waiters = table.finish(key(1), result: result("本店保留最终解释权。"), path: "a")
        #expect(waiters.map(\.path) == ["b"])
        #expect(waiters.map(\.size) == [2])
        #expect(reused(table.claim(key(1), path: "c", size: 1)) == "a")
    }

    @Test func theWindowForgetsTheOldest() {
        let table = DedupeTable(window: 2, findings: 100)
        for n in 1 ... 3 {
            _ = table.claim(key(n), path: "p\(n)", size: 1)
            _ = table.finish(key(n), result: result("合同。"), path: "p\(n)")
        }
        guard case .audit = table.claim(key(1), path: "again", size: 1) else { Issue.record("1 must be forgotten"); return }
        #expect(reused(table.claim(key(3), path: "q", size: 1)) == "p3")
    }

    @Test func manyFindingsShrinkTheWindow() {
        // Two findings each; a limit of three findings keeps only the newest result.
        let table = DedupeTable(window: 100, findings: 3)
        for n in 1 ... 2 {
            _ = table.claim(key(n), path: "p\(n)", size: 1)
            _ = table.finish(key(n), result: result("本店保留最终解释权。丢失概不负责。"), path: "p\(n)")
        }
        guard case .audit = table.claim(key(1), path: "again", size: 1) else { Issue.record("1 must be forgotten"); return }
        #expect(reused(table.claim(key(2), path: "q", size: 1)) == "p2")
    }
}
