import Foundation
import Testing
import ZIPFoundation
@testable import ClauseText

/// Builds a ZIP in memory with ZIPFoundation, one entry per part, in the order given.
private func makeZip(_ parts: [(String, Data)], compression: CompressionMethod = .deflate) throws -> [UInt8] {
    let archive = try Archive(data: Data(), accessMode: .create)
    for (path, data) in parts {
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                             compressionMethod: compression) { position, size in
            data.subdata(in: Int(position) ..< Int(position) + size)
        }
    }
    return [UInt8](try #require(archive.data))
}

private let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

/// A minimal package around a body (the content of w:body) and an optional styles part.
private func makeDocx(body: String, styles: String? = nil, compression: CompressionMethod = .deflate) throws -> [UInt8] {
    let document = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <w:document xmlns:w="\(wordNamespace)" \
    xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>\(body)</w:body></w:document>
    """
    let rels = """
    <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
    Target="word/document.xml"/></Relationships>
    """
    var parts: [(String, Data)] = [
        ("[Content_Types].xml", Data("<Types/>".utf8)),
        ("_rels/.rels", Data(rels.utf8)),
        ("word/document.xml", Data(document.utf8)),
    ]
    if let styles {
        parts.append(("word/styles.xml", Data("<w:styles xmlns:w=\"\(wordNamespace)\">\(styles)</w:styles>".utf8)))
    }
    return try makeZip(parts, compression: compression)
}

private func brokenReason(_ bytes: [UInt8], limits: DocxLimits = .init()) -> TextError? {
    do {
        _ = try DocxExtractor.extract(bytes, limits: limits)
        return nil
    } catch {
        return error
    }
}

@Suite struct ExtractionDocxTests {
    @Test func paragraphsRunsAndFormattingAtExactOffsets() throws {
        let styles = """
        <w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="21"/></w:rPr></w:rPrDefault></w:docDefaults>
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
        <w:style w:type="paragraph" w:styleId="Heading1"><w:basedOn w:val="Normal"/>\
        <w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>
        <w:style w:type="character" w:styleId="Strong"><w:rPr><w:b/></w:rPr></w:style>
        """
        let body = """
        <w:p><w:pPr><w:pStyle w:val="Heading1"/><w:rPr><w:u w:val="single"/></w:rPr></w:pPr>\
        <w:r><w:t>第一条 定义</w:t></w:r></w:p>\
        <w:p><w:r><w:t xml:space="preserve">普通</w:t></w:r>\
        <w:r><w:rPr><w:b/></w:rPr><w:t>加粗</w:t></w:r>\
        <w:r><w:rPr><w:u w:val="single"/><w:rPrChange><w:rPr><w:b/></w:rPr></w:rPrChange></w:rPr><w:t>下划线</w:t></w:r>\
        <w:r><w:rPr><w:u w:val="none"/><w:sz w:val="28"/></w:rPr><w:t>大</w:t></w:r>\
        <w:r><w:rPr><w:rStyle w:val="Strong"/><w:b w:val="0"/></w:rPr><w:t>不粗</w:t></w:r>\
        <w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>粗</w:t><w:tab/><w:t>&lt;A&amp;B&gt;</w:t><w:br/><w:t>次行</w:t></w:r></w:p>
        """
        let result = try DocxExtractor.extract(makeDocx(body: body, styles: styles))
        #expect(result.string == "第一条 定义\n普通加粗下划线大不粗粗\t<A&B>\n次行")
        #expect(result.toSource == .identity(length: result.units.count))
        #expect(result.runs == [
            FormattedRun(range: 0 ..< 6, bold: true, fontSizeHalfPoints: 32),
            FormattedRun(range: 7 ..< 9, fontSizeHalfPoints: 21),
            FormattedRun(range: 9 ..< 11, bold: true, fontSizeHalfPoints: 21),
            FormattedRun(range: 11 ..< 14, underline: true, fontSizeHalfPoints: 21),
            FormattedRun(range: 14 ..< 15, fontSizeHalfPoints: 28),
            FormattedRun(range: 15 ..< 17, fontSizeHalfPoints: 21),
            FormattedRun(range: 17 ..< 27, bold: true, fontSizeHalfPoints: 21),
        ])
        #expect(result.bodyFontSizeHalfPoints == 21)
        #expect(result.runs[4].isEmphasized(bodyFontSizeHalfPoints: result.bodyFontSizeHalfPoints))
        #expect(!result.runs[1].isEmphasized(bodyFontSizeHalfPoints: result.bodyFontSizeHalfPoints))
    }

    @Test func trackedChangesFieldsHiddenTextAndTables() throws {
        let body = """
        <w:p><w:r><w:t>甲方</w:t></w:r><w:ins><w:r><w:t>新增</w:t></w:r></w:ins>\
        <w:del><w:r><w:delText>删除</w:delText></w:r></w:del><w:moveFrom><w:r><w:t>移走</w:t></w:r></w:moveFrom>\
        <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>\
        <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>\
        <w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink></w:p>\
        <w:tbl><w:tr><w:tc><w:p><w:r><w:t>格一</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>格二</w:t></w:r></w:p>\
        <w:p><w:r><w:t>格二下</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
        <w:p/><w:p><w:pPr><w:rPr><w:del w:id="1"/></w:rPr></w:pPr><w:r><w:t>并入</w:t></w:r></w:p>\
        <w:p><w:r><w:t>框前</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>\
        <w:p><w:r><w:t>选一</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>\
        <w:p><w:r><w:t>备选</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>\
        <w:r><w:t>尾</w:t></w:r></w:p>
        """
        let result = try DocxExtractor.extract(makeDocx(body: body))
        // The deleted paragraph mark joins 并入 to the next paragraph; the text box's paragraph stands
        // on its own line, and only the first branch of the alternate content is read.
        #expect(result.string == "甲方新增3链接\n格一\n格二\n格二下\n\n并入框前\n选一\n尾")
        #expect(result.bodyFontSizeHalfPoints == nil)
    }

    @Test func textBoxParagraphsBreakTheLine() throws {
        let body = """
        <w:p><w:r><w:t>前</w:t></w:r><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p>\
        </w:txbxContent></w:pict></w:r><w:r><w:t>后</w:t></w:r></w:p><w:p><w:r><w:t>下段</w:t></w:r></w:p>
        """
        let result = try DocxExtractor.extract(makeDocx(body: body))
        #expect(result.string == "前\n框内\n后\n下段")
    }

    @Test func storedEntriesWork() throws {
        let result = try DocxExtractor.extract(makeDocx(body: "<w:p><w:r><w:t>存储</w:t></w:r></w:p>", compression: .none))
        #expect(result.string == "存储")
    }

    @Test func notAZip() {
        #expect(brokenReason(Array("这不是压缩包，只是一些文字。".utf8)) == .brokenDocx("not a ZIP archive (no end-of-central-directory record; truncated or another format)"))
        #expect(brokenReason([]) == .brokenDocx("not a ZIP archive (0 bytes)"))
    }

    @Test func truncatedZip() throws {
        let bytes = try makeDocx(body: "<w:p><w:r><w:t>完整</w:t></w:r></w:p>")
        for cut in [bytes.count / 2, bytes.count - 10, 30] {
            let reason = brokenReason(Array(bytes[0 ..< cut]))
            guard case .brokenDocx? = reason else {
                Issue.record("cut at \(cut): \(String(describing: reason))")
                continue
            }
        }
    }

    @Test func zipWithoutDocumentXML() throws {
        let bytes = try makeZip([("hello.txt", Data("你好".utf8))])
        #expect(brokenReason(bytes) == .brokenDocx("word/document.xml is missing: this ZIP is not a Word document"))
    }

    @Test func brokenXML() throws {
        let bytes = try makeDocx(body: "<w:p><w:r><w:t>没关</w:r></w:p>")
        guard case let .brokenDocx(reason)? = brokenReason(bytes) else { Issue.record("not refused"); return }
        #expect(reason.hasPrefix("word/document.xml: XML error at byte "))
        #expect(reason.hasSuffix("end tag </w:r> does not match <w:t>"))
        let doctype = try makeZip([("word/document.xml", Data("<!DOCTYPE x [<!ENTITY a \"aaaa\">]><x>&a;</x>".utf8))])
        guard case let .brokenDocx(why)? = brokenReason(doctype) else { Issue.record("DOCTYPE accepted"); return }
        #expect(why.hasSuffix("DOCTYPE or declaration (not allowed in Office XML)"))
    }

    @Test func tooManyEntries() throws {
        let parts = (0 ..< 5).map { ("f\($0).txt", Data("x".utf8)) }
        var limits = DocxLimits()
        limits.maxEntries = 3
        #expect(brokenReason(try makeZip(parts), limits: limits) == .tooLarge("the archive has 5 entries; the limit is 3"))
    }

    /// 100 MB of repeated text in document.xml: refused from the header at once, and, when the header
    /// lies about the size, while inflating, at the limit and not later.
    @Test func decompressionBomb() throws {
        let line = Data(String(repeating: "<w:p><w:r><w:t>炸弹</w:t></w:r></w:p>", count: 64).utf8)
        let total = 100 << 20
        let archive = try Archive(data: Data(), accessMode: .create)
        try archive.addEntry(with: "word/document.xml", type: .file, uncompressedSize: Int64(total),
                             compressionMethod: .deflate) { position, size in
            var chunk = Data(capacity: size)
            var p = Int(position)
            while chunk.count < size {
                let offset = p % line.count
                let take = min(line.count - offset, size - chunk.count)
                chunk.append(line.subdata(in: offset ..< offset + take))
                p += take
            }
            return chunk
        }
        var bytes = [UInt8](try #require(archive.data))
        #expect(bytes.count < 1 << 20)

        let start = ContinuousClock.now
        #expect(brokenReason(bytes) == .tooLarge("word/document.xml would inflate to 104857600 bytes; the limit is 67108864"))

        // Now the header lies: claim 1000 bytes in both the local and the central header.
        for k in 0 ..< bytes.count - 4 {
            let signature = UInt32(bytes[k]) | UInt32(bytes[k + 1]) << 8 | UInt32(bytes[k + 2]) << 16 | UInt32(bytes[k + 3]) << 24
            let field = signature == 0x0403_4B50 ? k + 22 : signature == 0x0201_4B50 ? k + 24 : nil
            if let field { bytes[field] = 0xE8; bytes[field + 1] = 0x03; bytes[field + 2] = 0; bytes[field + 3] = 0 }
        }
        #expect(brokenReason(bytes) == .tooLarge("word/document.xml inflates past 67108864 bytes (stopped there)"))
        var small = DocxLimits()
        small.maxInflatedBytes = 1 << 20
        #expect(brokenReason(bytes, limits: small) == .tooLarge("word/document.xml inflates past 1048576 bytes (stopped there)"))
        #expect(ContinuousClock.now - start < .seconds(20))
    }

    /// A deflate stream cut short inside a stored block: the reader must stop, not wait for more.
    @Test func deflateStreamThatNeverEnds() throws {
        var bytes = try makeDocx(body: String(repeating: "<w:p><w:r><w:t>文字</w:t></w:r></w:p>", count: 50))
        let zip = try ZipArchive(bytes, maxEntries: 100)
        let entry = try #require(zip.entry("word/document.xml"))
        let p = entry.localHeaderOffset
        let nameLength = Int(bytes[p + 26]) | Int(bytes[p + 27]) << 8
        let extraLength = Int(bytes[p + 28]) | Int(bytes[p + 29]) << 8
        let dataStart = p + 30 + nameLength + extraLength
        // A non-final stored block that promises 65535 bytes.
        bytes.replaceSubrange(dataStart ..< dataStart + 5, with: [0x00, 0xFF, 0xFF, 0x00, 0x00])
        #expect(brokenReason(bytes) == .brokenDocx("word/document.xml: compressed data ends early (truncated?)"))
    }

    @Test func damagedDataFailsTheChecksum() throws {
        var bytes = try makeDocx(body: "<w:p><w:r><w:t>校验</w:t></w:r></w:p>", compression: .none)
        let needle = Array("校验".utf8)
        let at = try #require((0 ..< bytes.count - needle.count).first { Array(bytes[$0 ..< $0 + needle.count]) == needle })
        bytes[at + 2] ^= 0x01
        #expect(brokenReason(bytes) == .brokenDocx("word/document.xml: checksum mismatch (damaged data)"))
    }

    /// The model contracts' original DOCX files against the corpus's plain-text copies of them.
    @Test(.enabled(if: Corpus.available, "needs ../shared/corpus (the shared corpus beside the repository)"))
    func realDocxFilesMatchTheirTextCopies() throws {
        let files = Corpus.files("model-contracts/original", ext: "docx")
        #expect(files.count >= 4)
        for url in files {
            let name = url.deletingPathExtension().lastPathComponent
            let bytes = [UInt8](try Data(contentsOf: url))
            let result = try DocxExtractor.extract(bytes)
            let copy = Corpus.root.appendingPathComponent("model-contracts/\(name).txt")
            let expected = try #require(Corpus.utf16(copy))
            let ours = Corpus.cjk(result.units), theirs = Corpus.cjk(expected)
            let similarity = Corpus.bigramSimilarity(ours, theirs)
            print("DOCX \(name): \(ours.count) vs \(theirs.count) Han characters, identical: \(ours == theirs), similarity \(String(format: "%.4f", similarity)), body size \(result.bodyFontSizeHalfPoints.map(String.init) ?? "nil"), \(result.runs.count) runs")
            #expect(similarity > 0.97, "\(name)")
            #expect(result.bodyFontSizeHalfPoints != nil)
            // Runs lie inside the text, in order, without overlapping.
            var last = 0
            for run in result.runs {
                #expect(run.range.lowerBound >= last && run.range.upperBound <= result.units.count)
                last = run.range.upperBound
            }
        }
    }
}
