import Foundation
import Testing

/// A bulk run over hostile documents: each gets its record (an error that says what is wrong), the
/// ordinary documents beside them are audited as usual, and the run ends with status 2.
@Suite(.serialized) struct HostileBulkTests {
    func records(_ text: String) -> [String: [String: Any]] {
        var out: [String: [String: Any]] = [:]
        for line in text.split(separator: "\n") {
            guard let record = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let path = (record["document"] as? [String: Any])?["path"] as? String else { continue }
            out[(path as NSString).lastPathComponent] = record
        }
        return out
    }

    func errorCode(_ record: [String: Any]?) -> String? { (record?["error"] as? [String: Any])?["code"] as? String }
    func ruleIDs(_ record: [String: Any]?) -> [String] {
        (record?["findings"] as? [[String: Any]])?.compactMap { $0["rule"] as? String } ?? []
    }

    @Test func theOtherDocumentsAreAuditedAndEachHostileOneGetsItsError() throws {
        let pack = try Hostile.backtrackingPack()
        let dir = try Hostile.folder("bulk")
        defer {
            try? FileManager.default.removeItem(atPath: pack)
            try? FileManager.default.removeItem(atPath: dir)
        }
        func put(_ name: String, _ bytes: [UInt8]) { FileManager.default.createFile(atPath: dir + "/" + name, contents: Data(bytes)) }
        put("a-ordinary.txt", Array("第一条 本店保留最终解释权。".utf8))
        put("b-backtrack.txt", Array((String(repeating: "甲", count: 40) + "丙乙").utf8))
        put("c-binary.txt", [0x7F, 0x45, 0x4C, 0x46, 0, 0, 0, 0])
        let docx = Hostile.docx(paragraphs: ["本店保留最终解释权。"])
        put("d-truncated.docx", Array(docx[..<(docx.count / 2)]))
        let bomb = Hostile.Entry(name: "word/document.xml", stored: Hostile.deflateBomb(chunk: Array(repeating: 0x41, count: 1 << 20), copies: 256),
                                 method: 8, uncompressedSize: 1000, crc: 0)
        put("e-bomb.docx", Hostile.zip(Hostile.docxEntries(document: bomb)))
        put("f-nested.html", Array((String(repeating: "<div>", count: 50_000) + "本店保留最终解释权。").utf8))
        put("g-ordinary.docx", docx)

        let run = try runTool(["audit", dir, "--rules", pack, "--jobs", "2"])
        #expect(run.status == 2, "\(run.err)")
        #expect(run.err == "clause-audit: 4 of 7 documents could not be audited; their error records are in the output\n")
        let found = records(run.out)
        #expect(found.count == 7)
        #expect(ruleIDs(found["a-ordinary.txt"]) == ["hostile.final-right"])
        #expect(ruleIDs(found["f-nested.html"]) == ["hostile.final-right"])
        #expect(ruleIDs(found["g-ordinary.docx"]) == ["hostile.final-right"])
        #expect(errorCode(found["b-backtrack.txt"]) == "rule-budget")
        #expect(((found["b-backtrack.txt"]?["error"] as? [String: Any])?["message"] as? String)?.hasPrefix("rule hostile.backtrack:") == true)
        #expect(errorCode(found["c-binary.txt"]) == "binary")
        #expect(errorCode(found["d-truncated.docx"]) == "broken-docx")
        #expect(errorCode(found["e-bomb.docx"]) == "too-large")
    }
}
