import ClauseAudit
import ClauseRules
import ClauseText
import Foundation
import Testing

/// Documents from the wild: each gives a clear error or a correct result, promptly, and never takes
/// the process down. Big cases keep their shape at a size a debug build audits in seconds; the
/// release benchmark (Benchmarks/run.sh) runs them at full size (a 100 MB line, a 4 GB bomb).
@Suite struct HostileInputTests {
    static let contractLine = "本店保留最终解释权，会员卡一经售出概不退款；因本公司原因造成的损失，本公司不承担任何责任。"

    /// Everything on one line: no numbering, no line breaks, and here not even a full stop within a
    /// few thousand characters, so every "sentence" and "clause" is huge. The findings of every copy of
    /// the text are those of the first, shifted; the work per hit stays bounded.
    @Test func aMegabyteOnOneLine() throws {
        let unit = Self.contractLine.replacingOccurrences(of: "。", with: "，")
        let copies = 12_000  // about 1.2 MB
        let text = String(repeating: unit, count: copies)
        let start = ContinuousClock.now
        let result = audit(text)
        #expect(result.error == nil)
        #expect(ContinuousClock.now - start < .seconds(90))
        let length = unit.unicodeScalars.count
        var byCopy: [Int: [String]] = [:]
        for finding in result.findings {
            byCopy[finding.span.start / length, default: []].append("\(finding.rule.id)@\(finding.span.start % length)")
        }
        // Copies away from both ends see the same surroundings: the same findings at the same places.
        let middle = byCopy[copies / 2] ?? []
        #expect(!middle.isEmpty)
        for copy in stride(from: 10, to: copies - 10, by: 997) {
            #expect(byCopy[copy] ?? [] == middle, "copy \(copy)")
        }
    }

    /// 100,000 nested elements: the extractor's stack is capped, the text comes out, the finding is
    /// where it belongs.
    @Test func deeplyNestedHTML() {
        let depth = 100_000
        let html = String(repeating: "<div><span>", count: depth) + "本店保留最终解释权。" + String(repeating: "</span></div>", count: depth)
        let result = audit(html, path: "nested.html")
        #expect(result.error == nil)
        #expect(result.findings.map(\.text) == ["本店保留最终解释权"])
        let unclosed = String(repeating: "<b><i><u>", count: depth) + "本店保留最终解释权。"
        #expect(audit(unclosed, path: "unclosed.html").findings.map(\.rule.id) == ["interpretation.final-right"])
    }

    /// document.xml inflates to 4 GB from 4 MB. An honest header is refused at once; a header that
    /// claims 1 KB is inflated only up to the limit (64 MB) and refused there.
    @Test func aDocxThatInflatesToGigabytes() throws {
        // One text run of a million 炸 per megabyte: as compressible as deflate gets (about 1000:1).
        let chunk = Array(String(repeating: "炸", count: (1 << 20) / 3).utf8)
        let copies = 4096
        let stream = Hostile.deflateBomb(chunk: chunk, copies: copies)
        #expect(stream.count < 8 << 20)
        let start = ContinuousClock.now

        var document = Hostile.Entry(name: "word/document.xml", stored: stream, method: 8,
                                     uncompressedSize: UInt32.max - 1, crc: 0)
        let honest = audit(bytes: Hostile.zip(Hostile.docxEntries(document: document)), path: "bomb.docx")
        #expect(honest.error?.code == "too-large")
        #expect(honest.error?.message.contains("word/document.xml would inflate to 4294967294 bytes; the limit is 67108864") == true)

        document.uncompressedSize = 1000
        let lying = audit(bytes: Hostile.zip(Hostile.docxEntries(document: document)), path: "bomb.docx")
        #expect(lying.error?.code == "too-large")
        #expect(lying.error?.message.contains("word/document.xml inflates past 67108864 bytes (stopped there)") == true)
        #expect(ContinuousClock.now - start < .seconds(30))
    }

    /// A DOCX cut anywhere: an error that says the archive is broken, never a crash; uncut, the text.
    @Test func truncatedZip() {
        let bytes = Hostile.docx(paragraphs: ["第一条 会员卡一经售出，概不退款。", "本店保留最终解释权。"])
        let whole = audit(bytes: bytes, path: "contract.docx")
        #expect(whole.error == nil)
        #expect(whole.findings.map(\.rule.id).contains("interpretation.final-right"))
        var codes: [String: Int] = [:]
        for cut in stride(from: 0, to: bytes.count, by: 7) {
            let result = audit(bytes: Array(bytes[..<cut]), path: "cut.docx")
            codes[result.error?.code ?? "none", default: 0] += 1
        }
        #expect(codes == ["broken-docx": (bytes.count + 6) / 7])
    }

    /// Files that are not text: a clear error each (binary for NUL bytes, undecodable otherwise).
    @Test func binaryFiles() {
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]
        png += (0 ..< 4096).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 7) }
        let elf: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0] + [UInt8](repeating: 0, count: 56)
        let zeros = [UInt8](repeating: 0, count: 1 << 16)
        for (name, bytes) in [("image.txt", png), ("program.txt", elf), ("zeros.txt", zeros), ("image.html", png)] {
            let result = audit(bytes: bytes, path: name)
            #expect(result.error?.code == "binary", "\(name)")
            #expect(result.error?.message.hasPrefix("这是二进制文件") == true, "\(name)")
        }
        // High bytes without a NUL: no encoding reads them as text; the error says how to force one.
        let noise = (0 ..< 20_000).map { UInt8(0x80 | ($0 &* 7919 & 0x7F)) }
        let result = audit(bytes: noise, path: "noise.txt")
        #expect(result.error != nil || result.findings.isEmpty)
        if let error = result.error { #expect(["undecodable", "binary"].contains(error.code)) }
    }

    /// A rule whose pattern backtracks catastrophically on this text: PCRE2's match limit stops it and
    /// the error names the rule; the other rule still finds nothing wrong elsewhere.
    @Test func catastrophicBacktrackingIsARuleBudgetErrorNamingTheRule() throws {
        let pack = try Hostile.backtrackingPack()
        defer { try? FileManager.default.removeItem(atPath: pack) }
        let auditor = Auditor(engine: try RuleEngine(directory: pack))
        let hostile = String(repeating: "甲", count: 40) + "丙乙"
        let start = ContinuousClock.now
        let result = auditor.audit(Array(hostile.utf8), path: "hostile.txt", scratch: MatchScratch())
        #expect(result.error?.code == "rule-budget")
        #expect(result.error?.message.hasPrefix("rule hostile.backtrack: match limit exceeded") == true)
        #expect(ContinuousClock.now - start < .seconds(20))
        // Without the run of 甲 the same rule is an ordinary rule.
        let fine = auditor.audit(Array("甲乙。本店保留最终解释权。".utf8), path: "fine.txt", scratch: MatchScratch())
        #expect(fine.error == nil)
        #expect(fine.findings.map(\.rule.id) == ["hostile.backtrack", "hostile.final-right"])
    }

    /// All matching of one document shares one budget: past it, the document gets an error naming
    /// the rule that was running, whatever the single searches cost.
    @Test func aDocumentThatUsesUpItsBudgetIsStopped() throws {
        var limits = MatchScratch.Limits()
        limits.documentBudget = .zero
        let text = String(repeating: "本店保留最终解释权。经营者不得规定其享有最终解释权。", count: 200)
        let result = bundledAuditor.audit(Array(text.utf8), path: "contract.txt", scratch: MatchScratch(limits: limits))
        #expect(result.error?.code == "rule-budget")
        #expect(result.error?.message.contains("took longer than its budget of 0.0 seconds") == true)
        #expect(result.error?.message.hasPrefix("rule ") == true)
        // The default budget lets the same document through.
        #expect(audit(text).error == nil)
    }
}
