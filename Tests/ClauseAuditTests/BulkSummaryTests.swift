import ClauseAudit
import ClauseReport
import ClauseRules
import Foundation
import Testing

/// The summary's figures, from fresh results and from JSONL records read back.
struct BulkSummaryTests {
    typealias Hit = BulkDigest.Hit

    func hit(_ rule: String, _ category: Category, _ severity: Severity = .error, _ basis: [String] = ["甲法第一条"]) -> Hit {
        Hit(rule: rule, category: category, severity: severity, legalBasis: basis)
    }

    func sample() -> BulkSummary {
        var s = BulkSummary(worstLimit: 2)
        s.add(BulkDigest(path: "a.txt", characters: 100, hits: [hit("r.one", .C1), hit("r.two", .C5, .warning, ["乙法第二条", "甲法第一条"])]))
        s.add(BulkDigest(path: "b.txt", characters: 50, hits: [hit("r.one", .C1), hit("r.one", .C1),
                                                             hit(Prominence.ruleID, .C6, .warning, Prominence.legalBasis)]))
        s.add(BulkDigest(path: "c.txt", characters: 10))
        s.add(BulkDigest(path: "d.pdf", errorCode: "unsupported-format"))
        s.add(BulkDigest(path: "e.txt", characters: 100, hits: [hit("r.three", .C6, .info)], duplicate: true))
        return s
    }

    @Test func countsByCategoryRuleBasisAndDocument() {
        let s = sample()
        #expect(s.documents == 5)
        #expect(s.errors == 1)
        #expect(s.audited == 4)
        #expect(s.errorsByCode == ["unsupported-format": 1])
        #expect(s.duplicates == 1)
        #expect(s.findings == 6)
        #expect(s.bySeverity == [.error: 3, .warning: 2, .info: 1])
        // The prominence finding is counted apart from the categories.
        #expect(s.byCategory == [.C1: 3, .C5: 1, .C6: 1])
        #expect(s.prominence == 1)
        #expect(s.documentsWithProminence == 1)
        #expect(s.documentsWithCategory == [.C1: 2, .C5: 1, .C6: 1])
        #expect(s.documentsWithFindings == 3)
        #expect(s.share(.C1) == 0.5)
        #expect(s.rulesByCount.map(\.rule) == ["r.one", Prominence.ruleID, "r.three", "r.two"])
        #expect(s.rulesByCount.first?.count == 3)
        #expect(s.legalBasisByCount.first?.basis == "甲法第一条")
        #expect(s.legalBasisByCount.first?.count == 5)
        // Worst first: most errors, then warnings; only two kept.
        #expect(s.worst.map(\.path) == ["b.txt", "a.txt"])
    }

    @Test func digestOfAJSONLRecordEqualsDigestOfTheResult() throws {
        let result = bulkAuditor.audit(Array("本店保留最终解释权。丢失概不负责。".utf8), path: "x.txt", scratch: MatchScratch())
        let item = BulkItem(path: "x.txt", size: 51, sha256: "00", result: result, duplicateOf: "w.txt")
        let line = BulkRecord.line(item, rulesVersion: "t1")
        let read = try #require(BulkDigest(jsonLine: line))
        #expect(read == BulkDigest(item))
        #expect(read.duplicate)
        #expect(read.hits.map(\.rule) == ["test.final-right", "test.no-liability"])
    }

    @Test func theRegulatorsTableComesFirstInTheCSV() {
        let csv = SummaryReport.csv(sample())
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0] == "类别代码,类别,条款依据,问题条款数,涉及文件数,文件占比")
        #expect(lines[1] == "C1,免除或者部分免除经营者责任,网络交易监督管理办法（2021）第二十一条第（一）项,3,2,50.0%")
        #expect(lines[2] == "C2,排除或者限制消费者要求修理、更换、退货、赔偿等权利,网络交易监督管理办法（2021）第二十一条第（二）项,0,0,0.0%")
        #expect(lines[6] == "C6,其他对消费者不公平、不合理的规定,网络交易监督管理办法（2021）第二十一条第（六）项,1,1,25.0%")
        #expect(lines[7] == "合计,,,5,3,75.0%")
        #expect(lines[8] == "提示义务,重大利害关系条款未以显著方式提示,合同行政监督管理办法（2023）第六条第一款,1,1,25.0%")
        #expect(lines[9] == "")
        #expect(lines[10] == "项目,数值")
        #expect(lines[11] == "文件总数,5")
    }

    @Test func textSummary() {
        var s = sample()
        s.seconds = 2
        s.bytes = 3_000_000
        let text = SummaryReport.text(s)
        #expect(text.contains("文件 5 份：审查 4 份，无法审查 1 份（unsupported-format 1），其中内容重复 1 份\n"))
        #expect(text.contains("发现问题 6 处（错误 3，警告 2，提示 1），涉及 3 份文件（占已审查 75.0%）\n"))
        #expect(text.contains("用时 2.0 秒，2.5 份/秒，1.50 MB/秒\n"))
        #expect(text.contains("\nC1    免除经营者责任           3         2     50.0%\n"))
    }

    @Test func jsonSummary() {
        let json = SummaryReport.json(sample()).serialized()
        #expect(json.hasPrefix(#"{"documents":5,"audited":4,"errors":1,"errors_by_code":{"unsupported-format":1},"duplicates":1,"#))
        #expect(json.contains(#""C1":{"findings":3,"documents":2,"share":0.5}"#))
        #expect(json.contains(#""prominence":{"findings":1,"documents":1}"#))
    }

    @Test func summaryFormatFromExtension() {
        #expect(SummaryReport.Format(path: "out/sum.CSV") == .csv)
        #expect(SummaryReport.Format(path: "sum.html") == .html)
        #expect(SummaryReport.Format(path: "sum.json") == .json)
        #expect(SummaryReport.Format(path: "sum.txt") == .text)
        #expect(SummaryReport.Format(path: "summary") == .text)
    }
}
