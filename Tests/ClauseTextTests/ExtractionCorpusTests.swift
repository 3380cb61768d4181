import ClauseTestSupport
import Foundation
import Testing
@testable import ClauseText

/// The shared corpus beside the repository (../shared/corpus). Tests that need it are skipped with a
/// message when it is missing; nothing from it is ever copied into the repository.
enum Corpus {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/corpus")

    static var available: Bool { FileManager.default.fileExists(atPath: root.path) }

    static func files(_ folder: String, ext: String) -> [URL] {
        let dir = root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix("." + ext) }.sorted().map { dir.appendingPathComponent($0) }
    }

    /// The file decoded as UTF-8, byte-order mark kept (the extractor must cope with it).
    static func utf16(_ url: URL) -> [UInt16]? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return Array(String(decoding: data, as: UTF8.self).utf16)
    }

    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        (0x4E00 ... 0x9FFF).contains(scalar.value) || (0x3400 ... 0x4DBF).contains(scalar.value)
    }

    /// The Han characters of a text, in order: what two renderings of one document must share,
    /// whatever they do with spaces, line breaks and punctuation.
    static func cjk(_ units: [UInt16]) -> [Unicode.Scalar] {
        String(decoding: units, as: UTF16.self).unicodeScalars.filter(isCJK)
    }

    /// Dice coefficient over character bigrams: 1 for the same sequence, near 1 for small differences.
    static func bigramSimilarity(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Double {
        func bigrams(_ s: [Unicode.Scalar]) -> [UInt64: Int] {
            var counts: [UInt64: Int] = [:]
            if s.count < 2 { return counts }
            for k in 1 ..< s.count { counts[UInt64(s[k - 1].value) << 32 | UInt64(s[k].value), default: 0] += 1 }
            return counts
        }
        let x = bigrams(a), y = bigrams(b)
        let total = x.values.reduce(0, +) + y.values.reduce(0, +)
        guard total > 0 else { return a == b ? 1 : 0 }
        var common = 0
        for (key, count) in x { common += min(count, y[key] ?? 0) }
        return 2 * Double(common) / Double(total)
    }
}

/// An independent reading of what a piece of HTML source says: the decoder the property test
/// checks the extractor against (numeric references and a handful of names are enough for it).
private enum ReferenceDecoder {
    static let names: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "ldquo": "“",
        "rdquo": "”", "lsquo": "‘", "rsquo": "’", "mdash": "—", "ndash": "–", "hellip": "…",
        "middot": "·", "times": "×", "copy": "©", "reg": "®", "bull": "•", "ensp": "\u{2002}",
        "emsp": "\u{2003}", "thinsp": "\u{2009}", "trade": "™", "laquo": "«", "raquo": "»",
    ]

    /// The text an entity like "&amp;" or "&#x4E2D;" stands for, or nil.
    static func entity(_ s: String) -> String? {
        guard s.hasPrefix("&"), s.hasSuffix(";"), s.count >= 3 else { return nil }
        let body = s.dropFirst().dropLast()
        if body.hasPrefix("#x") || body.hasPrefix("#X") {
            return UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
        }
        if body.hasPrefix("#") {
            return UInt32(body.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
        }
        return names[String(body)]
    }

    /// The visible characters of a source slice: tags and comments removed, entities decoded,
    /// white space dropped. (Script and style bodies are not removed: a superset is fine for the
    /// subsequence check.) Scalars, not Characters: a stray combining mark after a tag must not
    /// merge with what stood before the tag.
    static func visible(_ s: String) -> [Unicode.Scalar] {
        let u = Array(s.unicodeScalars)
        var result: [Unicode.Scalar] = []
        var k = 0
        while k < u.count {
            let c = u[k]
            if c == "<", k + 1 < u.count, let close = u[k...].firstIndex(of: ">") {
                let next = u[k + 1]
                if next.properties.isAlphabetic || next == "/" || next == "!" || next == "?" {
                    k = close + 1
                    continue
                }
            }
            if c == "&", let semi = u[k...].prefix(12).firstIndex(of: ";"),
               let decoded = entity(String(String.UnicodeScalarView(u[k ... semi]))) {
                result.append(contentsOf: decoded.unicodeScalars.filter { !$0.properties.isWhitespace })
                k = semi + 1
                continue
            }
            if !c.properties.isWhitespace { result.append(c) }
            k += 1
        }
        return result
    }
}

@Suite struct ExtractionCorpusTests {
    /// Every extracted character traces back through `toSource` to itself or to an entity that
    /// decodes to it; generated white space traces back to white space or a tag; and for random
    /// ranges, the visible characters of the source slice start and end with the extracted ones and
    /// contain them in order.
    @Test(.enabled(if: Corpus.available, "needs ../shared/corpus (the shared corpus beside the repository)"))
    func htmlMapsEveryCharacterBackToTheSource() throws {
        let files = Corpus.files("agreements", ext: "html")
        #expect(files.count > 50)
        var generator = SeededRandom(seed: 2024)
        for url in files {
            let source = try #require(Corpus.utf16(url))
            let result = HTMLExtractor.extract(source)
            let map = result.toSource
            #expect(map.sourceLength == source.count, "\(url.lastPathComponent)")
            #expect(map.targetLength == result.units.count, "\(url.lastPathComponent)")
            var bad = 0
            for k in result.units.indices {
                let unit = result.units[k]
                let range = map.sourceRange(of: k ..< k + 1)
                let slice = Array(source[range])
                let text = String(decoding: slice, as: UTF16.self)
                let ok: Bool
                if slice == [unit] {
                    ok = true
                } else if unit == 0x20 {
                    ok = slice.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x0C }
                } else if unit == 0x0A || unit == 0x09 {
                    ok = text.hasPrefix("<") && text.hasSuffix(">")
                } else if let decoded = ReferenceDecoder.entity(text) {
                    ok = Array(decoded.utf16).contains(unit)
                } else {
                    ok = false
                }
                if !ok {
                    bad += 1
                    if bad <= 3 { Issue.record("\(url.lastPathComponent): unit \(k) \(unit) maps to \(text.debugDescription)") }
                }
            }
            // Random ranges: the source slice's visible characters contain the extracted ones in
            // order, and begin and end with the same character.
            let n = result.units.count
            guard n > 1 else { continue }
            for _ in 0 ..< 100 {
                let a = Int(generator.next() % UInt64(n))
                let range = a ..< min(n, a + 1 + Int(generator.next() % 2000))
                let extracted = String(decoding: result.units[range], as: UTF16.self).unicodeScalars.filter { !$0.properties.isWhitespace }
                guard !extracted.isEmpty else { continue }
                let visible = ReferenceDecoder.visible(String(decoding: source[map.sourceRange(of: range)], as: UTF16.self))
                var it = visible.makeIterator()
                let isSubsequence = extracted.allSatisfy { c in
                    while let v = it.next() { if v == c { return true } }
                    return false
                }
                #expect(isSubsequence && visible.first == extracted.first && visible.last == extracted.last,
                        "\(url.lastPathComponent) \(range) \(extracted.prefix(10)) | \(visible.prefix(10))")
            }
        }
    }

    /// The corpus has a plain-text copy of each HTML agreement; the Han characters of our extraction
    /// should be the same sequence. Reports the rate; differences come from choices the copies made
    /// (hidden blocks, titles) and are printed.
    @Test(.enabled(if: Corpus.available, "needs ../shared/corpus (the shared corpus beside the repository)"))
    func htmlAgreesWithThePlainTextCopies() throws {
        var compared = 0, identical = 0, close = 0
        var report: [String] = []
        for url in Corpus.files("agreements", ext: "html") {
            let name = url.deletingPathExtension().lastPathComponent
            let copy = Corpus.root.appendingPathComponent("agreements/text/\(name).txt")
            guard let expected = Corpus.utf16(copy), let source = Corpus.utf16(url) else { continue }
            compared += 1
            let ours = Corpus.cjk(HTMLExtractor.extract(source).units)
            let theirs = Corpus.cjk(expected)
            if ours == theirs { identical += 1; close += 1; continue }
            let similarity = Corpus.bigramSimilarity(ours, theirs)
            if similarity >= 0.98 { close += 1 }
            report.append("  \(name): \(ours.count) vs \(theirs.count) Han characters, similarity \(String(format: "%.4f", similarity))")
        }
        print("HTML vs plain-text copies: \(identical)/\(compared) identical Han sequences, \(close)/\(compared) with similarity ≥ 0.98")
        for line in report { print(line) }
        #expect(compared > 50)
        #expect(Double(identical) >= 0.8 * Double(compared))
        #expect(Double(close) >= 0.95 * Double(compared))
    }
}
