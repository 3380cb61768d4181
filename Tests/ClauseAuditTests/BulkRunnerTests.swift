import ClauseAudit
import ClauseRules
import ClauseText
import Foundation
import Testing

/// The bulk runner: every path accounted for, hostile files turned into error records, identical
/// content audited once, resume.
struct BulkRunnerTests {
    /// The files the runner must cope with, in one folder; returns the folder.
    func hostileFolder() -> String {
        let dir = temporaryFolder()
        write("本店保留最终解释权。丢失概不负责。", to: dir + "/a.txt")
        write("本店保留最终解释权。丢失概不负责。", to: dir + "/copy.txt")
        write("", to: dir + "/empty.txt")
        write(bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0], to: dir + "/image.txt")
        write(bytes: Array("合同条款".utf8) + [0xFF, 0xFF, 0xFE, 0xFF] + Array("结束".utf8), to: dir + "/bad.txt")
        write(bytes: [0x50, 0x4B, 0x03, 0x04] + Array("not really a zip".utf8), to: dir + "/broken.docx")
        write("%PDF-1.7 fake", to: dir + "/scan.pdf")
        write(String(repeating: "合同", count: 400), to: dir + "/big.txt")  // 2400 bytes
        write("a\tb", to: dir + "/notes.tsv")
        write("本店保留最终解释权。", to: dir + "/.hidden.txt")
        write("# 条款\n\n争议由本公司所在地人民法院管辖。", to: dir + "/sub/deeper/c.md")
        return dir
    }

    @Test func everyPathGetsExactlyOneRecordAndTheRunGoesOn() throws {
        let dir = hostileFolder()
        let list = dir + "/../\(UUID().uuidString).list"
        write("\(dir)/missing.txt\n\n\(dir)/a.txt\r\n", to: list)
        let source = DocumentSource(roots: [dir], listFile: list)
        let (items, counts) = runBulk(source, options: BulkOptions(jobs: 2, maxSize: 2000))

        let byPath = Dictionary(grouping: items, by: \.path)
        let expected = ["a.txt", "bad.txt", "big.txt", "broken.docx", "copy.txt", "empty.txt", "image.txt", "scan.pdf", "sub/deeper/c.md"]
            .map { dir + "/" + $0 } + [dir + "/missing.txt"]
        // a.txt is named twice (walk and list): two records for it, one for everything else.
        #expect(Set(byPath.keys) == Set(expected))
        #expect(byPath[dir + "/a.txt"]?.count == 2)
        #expect(items.count == expected.count + 1)
        #expect(counts.discovery.filesNotSelected == 2)  // notes.tsv, .hidden.txt
        #expect(counts.discovery.documents == 11)

        func code(_ name: String) -> String? { byPath[dir + "/" + name]?.first?.result.error?.code }
        #expect(code("missing.txt") == "not-found")
        #expect(code("scan.pdf") == "unsupported-format")
        #expect(code("big.txt") == "too-large")
        #expect(code("broken.docx") == "broken-docx")
        #expect(code("image.txt") == "binary")
        #expect(code("bad.txt") == "undecodable")

        let empty = try #require(byPath[dir + "/empty.txt"]?.first)
        #expect(empty.result.error == nil)
        #expect(empty.result.findings.isEmpty)
        #expect(empty.result.document.characters == 0)
        #expect(empty.sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")

        let c = try #require(byPath[dir + "/sub/deeper/c.md"]?.first)
        #expect(c.result.findings.map(\.rule.id) == ["test.seat-court"])
        #expect(c.result.findings.first?.text == "本公司所在地人民法院")
    }

    @Test func identicalContentIsAuditedOnceAndReportedForEachPath() throws {
        let dir = temporaryFolder()
        for name in ["one", "two", "three"] { write("本店保留最终解释权。丢失概不负责。", to: "\(dir)/\(name).txt") }
        write("本店保留最终解释权。丢失概不负责。", to: "\(dir)/same-bytes.md")
        let (items, counts) = runBulk(DocumentSource(roots: [dir]), options: BulkOptions(jobs: 2))
        #expect(items.count == 4)
        let texts = items.filter { $0.path.hasSuffix(".txt") }
        // One of the three was audited, the other two took its result and name it.
        let audited = texts.filter { $0.duplicateOf == nil }
        #expect(audited.count == 1)
        let original = try #require(audited.first)
        #expect(texts.filter { $0.duplicateOf == original.path }.count == 2)
        #expect(counts.duplicates == 2)
        for item in texts {
            #expect(item.result.document.path == item.path)
            #expect(item.result.findings.map(\.rule.id) == ["test.final-right", "test.no-liability"])
            #expect(item.sha256 == original.sha256)
        }
        // Same bytes as Markdown are another document: the format can change what is found.
        let markdown = try #require(items.first { $0.path.hasSuffix(".md") })
        #expect(markdown.duplicateOf == nil)
    }

    @Test func oneJobAndManyJobsGiveTheSameRecords() {
        let dir = hostileFolder()
        func records(_ jobs: Int) -> [String: String] {
            let (items, _) = runBulk(DocumentSource(roots: [dir]), options: BulkOptions(jobs: jobs, maxSize: 2000))
            return Dictionary(uniqueKeysWithValues: items.map { item in
                (item.path, item.result.error?.code ?? item.result.findings.map { "\($0.rule.id)@\($0.span.start)" }.joined(separator: ","))
            })
        }
        let one = records(1)
        #expect(one.count == 9)
        #expect(records(3) == one)
    }

    @Test func walkOrderIsSortedAndFiltersApply() {
        let dir = temporaryFolder()
        for name in ["b.txt", "a.html", "B.md", "drafts/x.txt", "drafts/old/y.txt", "keep/z.htm", "keep/z.pdf", "text/t.txt", ".git/config.txt"] {
            write("合同", to: "\(dir)/\(name)")
        }
        func listed(_ filter: DocumentFilter) -> [String] {
            var paths: [String] = []
            DocumentSource(roots: [dir], filter: filter).forEach { paths.append(String($0.path.dropFirst(dir.count + 1))) }
            return paths
        }
        #expect(listed(DocumentFilter()) == ["B.md", "a.html", "b.txt", "drafts/old/y.txt", "drafts/x.txt", "keep/z.htm", "keep/z.pdf", "text/t.txt"])
        #expect(listed(DocumentFilter(extensions: ["html,htm", ".md"])) == ["B.md", "a.html", "keep/z.htm"])
        #expect(listed(DocumentFilter(exclude: [PathGlob("drafts/**"), PathGlob("text")])) == ["B.md", "a.html", "b.txt", "keep/z.htm", "keep/z.pdf"])
        #expect(listed(DocumentFilter(include: [PathGlob("*.txt")])) == ["b.txt", "drafts/old/y.txt", "drafts/x.txt", "text/t.txt"])
        #expect(listed(DocumentFilter(include: [PathGlob("drafts/*.txt")])) == ["drafts/x.txt"])
        #expect(listed(DocumentFilter(extensions: ["txt"], hidden: true)).contains(".git/config.txt"))
    }

    @Test func globs() {
        #expect(PathGlob("*.html").matches("a/b/c.html"))
        #expect(!PathGlob("*.html").matches("a/b/c.htm"))
        #expect(PathGlob("a/**/c.txt").matches("a/c.txt"))
        #expect(PathGlob("a/**/c.txt").matches("a/x/y/c.txt"))
        #expect(!PathGlob("a/*/c.txt").matches("a/x/y/c.txt"))
        #expect(PathGlob("[!x]?.md").matches("ab.md"))
        #expect(!PathGlob("[!x]?.md").matches("xb.md"))
        #expect(PathGlob("[a-c]*").matches("beta"))
        #expect(PathGlob("**/drafts/**").excludesFolder("p/q/drafts"))
        #expect(PathGlob("vendor/**").excludesFolder("vendor"))
        #expect(!PathGlob("vendor/**").excludesFolder("src/vendor"))
        #expect(PathGlob("./docs/").matches("docs"))
    }

    @Test func resumeSkipsDoneDocumentsAndCutsATornLine() throws {
        let dir = temporaryFolder()
        for name in ["a", "b", "c"] { write("本店保留最终解释权。", to: "\(dir)/\(name).txt") }
        write("丢失概不负责。", to: "\(dir)/d.txt")
        let output = dir + ".jsonl"
        let first = #"{"tool":{},"document":{"path":"\#(dir)/a.txt","format":"text","characters":10},"findings":[{"rule":"test.final-right","category":"C5","severity":"warning","legal_basis":["x"]}]}"#
        let error = #"{"tool":{},"document":{"path":"\#(dir)/b.txt","format":"text","characters":0},"error":{"code":"binary","message":"m"}}"#
        let torn = #"{"tool":{},"document":{"path":"\#(dir)/c.txt""#
        write(first + "\n" + error + "\n" + torn, to: output)

        let state = try BulkResume.load(output, summary: BulkSummary())
        #expect(state.done == [dir + "/a.txt", dir + "/b.txt"])
        #expect(state.summary.documents == 2)
        #expect(state.summary.errors == 1)
        #expect(state.summary.byCategory == [.C5: 1])
        #expect(state.validLength == UInt64((first + "\n" + error + "\n").utf8.count))
        let after = try String(contentsOfFile: output, encoding: .utf8)
        #expect(after == first + "\n" + error + "\n")

        let (items, counts) = runBulk(DocumentSource(roots: [dir]), options: BulkOptions(jobs: 2, skip: state.done))
        #expect(Set(items.map(\.path)) == [dir + "/c.txt", dir + "/d.txt"])
        #expect(counts.resumed == 2)
    }

    @Test func aMissingResumeFileIsAFreshStart() throws {
        let state = try BulkResume.load(temporaryFolder() + "/none.jsonl", summary: BulkSummary())
        #expect(state.done.isEmpty)
        #expect(state.summary.documents == 0)
    }

    @Test(.enabled(if: sharedFolder != nil, "needs ../shared/corpus/agreements"))
    func allAgreementsGiveOneRecordEach() throws {
        let folder = sharedFolder! + "/corpus/agreements"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { ["html", "md", "txt"].contains(($0 as NSString).pathExtension) }
        #expect(names.count == 145)
        let source = DocumentSource(roots: [folder], filter: DocumentFilter(extensions: ["html,md,txt"], exclude: [PathGlob("text")]))
        let (items, counts) = runBulk(source)
        #expect(items.count == 145)
        #expect(Set(items.map(\.path)) == Set(names.map { folder + "/" + $0 }))
        #expect(items.filter { $0.result.error != nil }.map(\.path) == [])
        #expect(counts.discovery.filesNotSelected == 1)  // SOURCES.tsv
        #expect(counts.discovery.foldersNotEntered == 1)  // text/
    }
}
