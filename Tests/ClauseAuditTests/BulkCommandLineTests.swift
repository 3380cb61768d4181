import Foundation
import Testing

/// `clause-audit audit` from the outside: records, exit statuses, summary files, reports, resume.
@Suite(.serialized) struct BulkCommandLineTests {
    func folder(_ files: [String: String]) -> String {
        let dir = temporaryFolder()
        for (name, text) in files { write(text, to: "\(dir)/\(name)") }
        return dir
    }

    func lines(_ text: String) -> [[String: Any]] {
        text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    func path(_ record: [String: Any]) -> String { (record["document"] as? [String: Any])?["path"] as? String ?? "" }

    @Test func findingsExitOneAndEveryDocumentHasARecord() throws {
        let dir = folder(["a.txt": "本店保留最终解释权。", "b.md": "消费者可依法投诉。", "c.html": "<p>合同</p>"])
        let run = try runTool(["audit", dir, "--rules", bulkPackDirectory, "--jobs", "2"])
        #expect(run.status == 1, "\(run.err)")
        let records = lines(run.out)
        #expect(Set(records.map(path)) == [dir + "/a.txt", dir + "/b.md", dir + "/c.html"])
        let a = try #require(records.first { path($0) == dir + "/a.txt" })
        #expect((a["findings"] as? [[String: Any]])?.first?["rule"] as? String == "test.final-right")
        #expect(run.err == "")  // quiet when piped
    }

    @Test func aDocumentThatCannotBeAuditedExitsTwoAfterTheRun() throws {
        let dir = folder(["a.txt": "消费者可依法投诉。", "scan.pdf": "%PDF"])
        let run = try runTool(["audit", dir, "--rules", bulkPackDirectory])
        #expect(run.status == 2)
        #expect(lines(run.out).count == 2)
        #expect(run.err == "clause-audit: 1 of 2 documents could not be audited; their error records are in the output\n")
        let pdf = try #require(lines(run.out).first { path($0).hasSuffix("scan.pdf") })
        #expect((pdf["error"] as? [String: Any])?["code"] as? String == "unsupported-format")
        #expect(pdf["findings"] == nil)
    }

    @Test func cleanDocumentsExitZero() throws {
        let dir = folder(["a.txt": "消费者可依法投诉。", "b.txt": ""])
        let run = try runTool(["audit", dir, "--rules", bulkPackDirectory])
        #expect(run.status == 0, "\(run.err)")
        #expect(lines(run.out).count == 2)
    }

    @Test func csvRecordsHaveAHeaderAndARowPerFindingOrDocument() throws {
        let dir = folder(["a.txt": "本店保留最终解释权。丢失概不负责。", "b.txt": "合同。"])
        let run = try runTool(["audit", dir, "--rules", bulkPackDirectory, "--format", "csv", "--jobs", "1"])
        let rows = run.out.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.first?.hasPrefix("path,status,category,") == true)
        #expect(rows.count == 4)
        #expect(rows.filter { $0.hasPrefix(dir + "/a.txt,finding,") }.count == 2)
        #expect(rows.contains { $0.hasPrefix(dir + "/b.txt,clean,") })
    }

    @Test func summaryFilesInEachFormat() throws {
        let dir = folder(["a.txt": "本店保留最终解释权。丢失概不负责。", "b.txt": "合同。"])
        let out = temporaryFolder()
        let run = try runTool(["audit", dir, "--rules", bulkPackDirectory, "--output", out + "/r.jsonl",
                               "--summary", out + "/s.csv"])
        #expect(run.status == 1)
        let csv = try Data(contentsOf: URL(fileURLWithPath: out + "/s.csv"))
        #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])  // Excel needs the mark to read UTF-8
        let text = String(decoding: csv.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("类别代码,类别,条款依据,问题条款数,涉及文件数,文件占比\r\nC1,免除或者部分免除经营者责任,网络交易监督管理办法（2021）第二十一条第（一）项,1,1,50.0%\r\n"))
        _ = try runTool(["audit", dir, "--rules", bulkPackDirectory, "--output", out + "/r.jsonl", "--summary", out + "/s.txt"])
        let summary = try String(contentsOfFile: out + "/s.txt", encoding: .utf8)
        #expect(summary.contains("文件 2 份：审查 2 份，无法审查 0 份\n发现问题 2 处（错误 1，警告 1，提示 0），涉及 1 份文件（占已审查 50.0%）\n"))
        _ = try runTool(["audit", dir, "--rules", bulkPackDirectory, "--output", out + "/r.jsonl", "--summary", out + "/s.out", "--summary-format", "json"])
        #expect(try String(contentsOfFile: out + "/s.out", encoding: .utf8).hasPrefix("{\n  \"documents\": 2,"))
    }

    @Test func reportDirectoryHasAPagePerDocumentAndAnIndex() throws {
        let dir = folder(["a.txt": "本店保留最终解释权。", "dup.txt": "本店保留最终解释权。", "c.pdf": "x"])
        let out = temporaryFolder()
        let run = try runTool(["audit", dir, "--rules", bulkPackDirectory, "--report-dir", out, "--jobs", "1"])
        #expect(run.status == 2)
        let docs = try FileManager.default.contentsOfDirectory(atPath: out + "/docs").sorted()
        // The duplicate links to the first one's page; the unsupported PDF gets a page saying why.
        #expect(docs.count == 2)
        let index = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        for name in ["a.txt", "dup.txt", "c.pdf"] { #expect(index.contains(">\(dir)/\(name)</a>")) }
        #expect(index.contains("（与 \(dir)/a.txt 内容相同）"))
        #expect(index.contains("无法审查：unsupported-format"))
        for doc in docs {
            #expect(index.contains("href=\"docs/\(doc)\""))
            let page = try String(contentsOfFile: out + "/docs/" + doc, encoding: .utf8)
            #expect(page.contains("<a href=\"../index.html\">← 全部文件</a>"))
        }
    }

    @Test func resumeAppendsOnlyWhatIsMissing() throws {
        let dir = folder(["a.txt": "本店保留最终解释权。", "b.txt": "合同。", "c.txt": "丢失概不负责。"])
        let out = temporaryFolder() + "/r.jsonl"
        let full = try runTool(["audit", dir, "--rules", bulkPackDirectory, "--output", out, "--jobs", "1"])
        #expect(full.status == 1)
        let all = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(all.count == 3)
        // Interrupted after the first record, mid-way through the second.
        try (all[0] + "\n" + all[1].prefix(30)).write(toFile: out, atomically: true, encoding: .utf8)
        let resumed = try runTool(["audit", dir, "--rules", bulkPackDirectory, "--output", out, "--resume", "--summary", out + ".txt"])
        #expect(resumed.status == 1)
        let after = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(after.count == 3)
        #expect(after[0] == all[0])
        #expect(Set(lines(after.joined(separator: "\n")).map(path)) == [dir + "/a.txt", dir + "/b.txt", dir + "/c.txt"])
        let summary = try String(contentsOfFile: out + ".txt", encoding: .utf8)
        #expect(summary.contains("文件 3 份"))
        #expect(summary.contains("续跑：沿用此前已完成的 1 份"))
    }

    @Test func theRunsOwnFilesInsideTheCorpusAreNotAudited() throws {
        let dir = folder(["a.txt": "合同。", "reports/old.html": "<p>本店保留最终解释权</p>", "summary.html": "<p>x</p>"])
        let run = try runTool(["audit", dir, "--rules", bulkPackDirectory, "--output", dir + "/out.txt",
                               "--report-dir", dir + "/reports", "--summary", dir + "/summary.html"])
        #expect(run.status == 0, "\(run.err)")
        let records = lines(try String(contentsOfFile: dir + "/out.txt", encoding: .utf8))
        #expect(records.map(path) == [dir + "/a.txt"])
    }

    @Test func fromListAndUsageErrors() throws {
        let dir = folder(["a.txt": "合同。"])
        let list = dir + "/list"
        write("\(dir)/a.txt\n\(dir)/nope.txt\n", to: list)
        let run = try runTool(["audit", "--from", list, "--rules", bulkPackDirectory])
        #expect(run.status == 2)
        let records = lines(run.out)
        #expect(records.map(path) == [dir + "/a.txt", dir + "/nope.txt"] || records.map(path) == [dir + "/nope.txt", dir + "/a.txt"])
        #expect(try runTool(["audit", dir, "--format", "html"]).status == 2)
        #expect(try runTool(["audit", dir, "--resume"]).status == 2)
        #expect(try runTool(["audit"]).status == 2)
    }

    @Test func anUnknownEncodingStopsTheRunBeforeItStarts() throws {
        let dir = folder(["a.txt": "合同。", "b.txt": "合同。"])
        let run = try runTool(["audit", dir, "--rules", bulkPackDirectory, "--encoding", "NO-SUCH-CHARSET"])
        #expect(run.status == 2)
        #expect(run.out == "")
        #expect(run.err == "clause-audit: --encoding: 未知的字符编码 NO-SUCH-CHARSET（unknown encoding）\n")
    }

    @Test func checkWritesTheNewFormats() throws {
        let html = try runTool(["check", "--rules", bulkPackDirectory, "--format", "html"], stdin: "<script>本店保留最终解释权</script>")
        #expect(html.status == 1)
        #expect(html.out.hasPrefix("<!DOCTYPE html>"))
        #expect(html.out.contains("&lt;script&gt;本店保留"))
        let md = try runTool(["check", "--rules", bulkPackDirectory, "--format", "markdown"], stdin: "本店保留最终解释权。")
        #expect(md.out.hasPrefix("# 格式条款审查报告：-\n"))
        let csv = try runTool(["check", "--rules", bulkPackDirectory, "--format", "csv"], stdin: "本店保留最终解释权。")
        #expect(csv.out.hasPrefix("path,status,"))
        #expect(csv.out.contains("\r\n-,finding,C5,"))
    }
}
