import CZlib
import Foundation

/// Builders for hostile inputs: ZIP archives written byte by byte (so that headers can lie), deflate
/// bombs that inflate to gigabytes from a few megabytes, and throwaway folders.
enum Hostile {
    /// A ZIP entry: its name, its data as stored in the archive, how it was compressed (0 stored,
    /// 8 deflate), and the sizes and CRC its headers claim.
    struct Entry {
        var name: String
        var stored: [UInt8]
        var method: UInt16
        var uncompressedSize: UInt32
        var crc: UInt32

        static func stored(_ name: String, _ data: [UInt8]) -> Entry {
            Entry(name: name, stored: data, method: 0, uncompressedSize: UInt32(data.count), crc: crc32Of(data))
        }
    }

    static func crc32Of(_ data: [UInt8]) -> UInt32 {
        UInt32(data.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) })
    }

    /// A whole archive: local headers and data, the central directory, the end record.
    static func zip(_ entries: [Entry]) -> [UInt8] {
        var out: [UInt8] = [], central: [UInt8] = []
        func u16(_ v: UInt16, _ a: inout [UInt8]) { a += [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func u32(_ v: UInt32, _ a: inout [UInt8]) { a += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)] }
        for entry in entries {
            let offset = UInt32(out.count)
            let name = Array(entry.name.utf8)
            u32(0x0403_4B50, &out); u16(20, &out); u16(0, &out); u16(entry.method, &out); u16(0, &out); u16(0, &out)
            u32(entry.crc, &out); u32(UInt32(entry.stored.count), &out); u32(entry.uncompressedSize, &out)
            u16(UInt16(name.count), &out); u16(0, &out); out += name
            out += entry.stored
            u32(0x0201_4B50, &central); u16(20, &central); u16(20, &central); u16(0, &central); u16(entry.method, &central)
            u16(0, &central); u16(0, &central); u32(entry.crc, &central); u32(UInt32(entry.stored.count), &central)
            u32(entry.uncompressedSize, &central); u16(UInt16(name.count), &central); u16(0, &central); u16(0, &central)
            u16(0, &central); u16(0, &central); u32(0, &central); u32(offset, &central); central += name
        }
        let centralOffset = UInt32(out.count)
        out += central
        u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out); u16(UInt16(entries.count), &out); u16(UInt16(entries.count), &out)
        u32(UInt32(central.count), &out); u32(centralOffset, &out); u16(0, &out)
        return out
    }

    static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    /// The parts of a minimal Word document around `document` (the whole document.xml).
    static func docxEntries(document: Entry) -> [Entry] {
        let rels = """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
            Target="word/document.xml"/></Relationships>
            """
        return [.stored("[Content_Types].xml", Array("<Types/>".utf8)), .stored("_rels/.rels", Array(rels.utf8)), document]
    }

    static func documentXML(paragraphs: [String]) -> [UInt8] {
        let body = paragraphs.map { "<w:p><w:r><w:t>\($0)</w:t></w:r></w:p>" }.joined()
        return Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"\(wordNamespace)\"><w:body>\(body)</w:body></w:document>".utf8)
    }

    static func docx(paragraphs: [String]) -> [UInt8] {
        zip(docxEntries(document: .stored("word/document.xml", documentXML(paragraphs: paragraphs))))
    }

    /// A raw deflate stream that inflates to `copies` × `chunk`: the chunk is compressed once with a
    /// full flush (so it refers to nothing before it) and the compressed bytes are repeated, then a
    /// final empty block ends the stream. Gigabytes from a few megabytes, in milliseconds.
    static func deflateBomb(chunk: [UInt8], copies: Int) -> [UInt8] {
        var stream = z_stream()
        precondition(deflateInit2_(&stream, 9, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                                   Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        defer { deflateEnd(&stream) }
        var compressed = [UInt8](repeating: 0, count: chunk.count + 1024)
        var input = chunk
        let written = input.withUnsafeMutableBufferPointer { source in
            compressed.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                precondition(CZlib.deflate(&stream, Z_FULL_FLUSH) == Z_OK)
                return target.count - Int(stream.avail_out)
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(written * copies + 2)
        for _ in 0 ..< copies { out += compressed[..<written] }
        out += [0x03, 0x00]  // a final fixed-Huffman block holding only end-of-block
        return out
    }

    /// A fresh folder under the temporary directory, removed by the caller.
    static func folder(_ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "clause-hostile-\(name)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A rule pack with one rule whose pattern backtracks catastrophically when 甲 runs long before
    /// 乙 and something else, one slow-but-bounded rule, and one ordinary rule, for documents to meet.
    static func backtrackingPack() throws -> String {
        let dir = try folder("pack")
        try """
            name: hostile
            version: 1
            laws:
              - 民法典（2020）
            """.write(toFile: dir + "/pack.yml", atomically: true, encoding: .utf8)
        func rule(_ id: String, _ pattern: String, _ triggering: String, _ nonTriggering: String) -> String {
            """
              - id: \(id)
                category: C5
                severity: error
                title: 测试
                message: 测试规则。
                legal_basis:
                  - 民法典（2020）第四百九十八条
                suggestion: 删除。
                patterns:
                  - '\(pattern)'
                examples:
                  triggering:
                    - \(triggering)
                  non_triggering:
                    - \(nonTriggering)

            """
        }
        try ("rules:\n"
             + rule("hostile.final-right", "最终解释权", "本店保留【最终解释权】。", "依法解释。")
             + rule("hostile.backtrack", "(?:甲|甲)+乙", "【甲乙】", "丙丁"))
            .write(toFile: dir + "/rules.yml", atomically: true, encoding: .utf8)
        return dir
    }
}
