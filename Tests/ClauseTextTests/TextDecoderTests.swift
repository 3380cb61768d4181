import ClauseTestSupport
import Testing
import Foundation
@testable import ClauseText

@Suite struct TextDecoderTests {
    func utf8(_ s: String) -> [UInt8] { Array(s.utf8) }

    func decode(_ bytes: [UInt8], _ options: DecodeOptions = .init()) -> Result<DecodedText, TextError> {
        Result { () throws(TextError) -> DecodedText in try TextDecoder.decode(bytes, options: options) }
    }

    func error(_ bytes: [UInt8], _ options: DecodeOptions = .init()) -> TextError? {
        if case let .failure(error) = decode(bytes, options) { return error }
        return nil
    }

    // MARK: byte order marks and UTF-8

    @Test func emptyInputIsEmptyUTF8() throws {
        let decoded = try TextDecoder.decode([])
        #expect(decoded.text.units == [])
        #expect(decoded.encoding == "UTF-8")
        #expect(decoded.substitutions == 0)
        #expect(decoded.firstBadByteOffset == nil)
    }

    @Test func plainUTF8() throws {
        let decoded = try TextDecoder.decode(utf8("第一条 本协议。\n第二条"))
        #expect(decoded.text.string == "第一条 本协议。\n第二条")
        #expect(decoded.encoding == "UTF-8")
    }

    @Test func byteOrderMarksWinAndAreRemoved() throws {
        let text = "本协议 terms 𠀀"
        let cases: [([UInt8], String)] = [
            ([0xEF, 0xBB, 0xBF] + utf8(text), "UTF-8"),
            ([0xFF, 0xFE] + TextEncoder.encode(text, as: "UTF-16LE"), "UTF-16LE"),
            ([0xFE, 0xFF] + TextEncoder.encode(text, as: "UTF-16BE"), "UTF-16BE"),
            ([0xFF, 0xFE, 0, 0] + TextEncoder.encode(text, as: "UTF-32LE"), "UTF-32LE"),
            ([0, 0, 0xFE, 0xFF] + TextEncoder.encode(text, as: "UTF-32BE"), "UTF-32BE"),
        ]
        for (bytes, encoding) in cases {
            let decoded = try TextDecoder.decode(bytes)
            #expect(decoded.encoding == encoding)
            #expect(decoded.text.string == text, "\(encoding)")
        }
    }

    @Test func aByteOrderMarkAloneIsEmptyText() throws {
        let decoded = try TextDecoder.decode([0xEF, 0xBB, 0xBF])
        #expect(decoded.text.units == [])
        #expect(decoded.encoding == "UTF-8")
    }

    @Test func utf16WithoutMarkOnlyWhenTheDetectorIsSure() throws {
        let english = "These terms of service apply to every user of the platform."
        let decoded = try TextDecoder.decode(TextEncoder.encode(english, as: "UTF-16LE"))
        #expect(decoded.encoding == "UTF-16LE")
        #expect(decoded.text.string == english)
        let big = try TextDecoder.decode(TextEncoder.encode(english, as: "UTF-16BE"))
        #expect(big.encoding == "UTF-16BE")
        #expect(big.text.string == english)
        // Two characters are not enough to be sure: NUL bytes make it binary.
        #expect(error(TextEncoder.encode("ab", as: "UTF-16LE")) == .binary(byteOffset: 1))
    }

    // MARK: GB18030 and Big5

    static let simplifiedSentences = [
        "本店保留最终解释权。",
        "用户同意本协议的全部条款。",
        "如有争议，由本公司所在地人民法院管辖。",
        "特价商品一经售出概不退换。",
        "会员费用一经支付不予退还，自动续费可随时取消。",
        "平台有权单方变更本协议。",
        "我们不对任何间接损失承担责任。",
    ]

    @Test(arguments: simplifiedSentences)
    func shortGB18030SentencesAreGB18030(_ sentence: String) throws {
        let decoded = try TextDecoder.decode(TextEncoder.encode(sentence, as: "GB18030"))
        #expect(decoded.encoding == "GB18030")
        #expect(decoded.text.string == sentence)
    }

    @Test(arguments: simplifiedSentences)
    func shortBig5SentencesAreBig5(_ sentence: String) throws {
        let traditional = try #require(ICUTransliteration.transliterate(sentence, id: "Simplified-Traditional"))
        let bytes = TextEncoder.encode(traditional, as: "Big5")
        let decoded = try TextDecoder.decode(bytes)
        #expect(decoded.encoding == "Big5")
        #expect(decoded.text.string == traditional)
    }

    @Test func gbkOnlyCharactersAndFourByteSequencesAreGB18030() throws {
        // 镕 is outside GB2312 (GBK), 𠀀 needs GB18030's four-byte form.
        let text = "朱镕基与𠀀字，€"
        let bytes = TextEncoder.encode(text, as: "GB18030")
        let decoded = try TextDecoder.decode(bytes)
        #expect(decoded.encoding == "GB18030")
        #expect(decoded.text.string == text)
    }

    @Test func mostlyASCIIWithAFewChineseCharacters() throws {
        let text = "Version 2.0 - 版本说明 (2024)"
        let decoded = try TextDecoder.decode(TextEncoder.encode(text, as: "GB18030"))
        #expect(decoded.encoding == "GB18030")
        #expect(decoded.text.string == text)
    }

    /// Sentences of the corpus (6 to 40 characters, at least 6 of them Chinese), as GB18030 and as Big5.
    @Test(.enabled(if: SharedCorpus.isAvailable, "../shared/corpus is missing"))
    func corpusSentencesAreDetected() throws {
        var rng = SeededRandom(seed: 42)
        var checked = 0
        var wrong: [String] = []
        for (_, text) in SharedCorpus.agreements {
            let sentences = text.split(whereSeparator: { "。！？；\n".contains($0) }).map(String.init).filter {
                $0.count <= 40 && $0.unicodeScalars.filter({ (0x4E00 ... 0x9FFF).contains($0.value) }).count >= 6
            }
            for _ in 0 ..< min(8, sentences.count) {
                let sentence = sentences[Int.random(in: 0 ..< sentences.count, using: &rng)]
                let gb = try TextDecoder.decode(TextEncoder.encode(sentence, as: "GB18030"))
                if gb.encoding != "GB18030" || gb.text.string != sentence { wrong.append("GB18030: \(sentence)") }
                let traditional = try #require(ICUTransliteration.transliterate(sentence, id: "Simplified-Traditional"))
                let big5Bytes = TextEncoder.encode(traditional, as: "Big5")
                // Skip sentences with characters Big5 lacks (they came back as substitution bytes).
                guard ICUCharsets.toUTF16(big5Bytes.withUnsafeBufferPointer { $0 }, charset: "Big5")
                    .map({ String(decoding: $0.units, as: UTF16.self) }) == traditional else { continue }
                let big5 = try TextDecoder.decode(big5Bytes)
                if big5.encoding != "Big5" || big5.text.string != traditional { wrong.append("Big5: \(traditional)") }
                checked += 1
            }
        }
        #expect(checked > 500)
        #expect(wrong == [])
    }

    // MARK: a named encoding

    @Test func aNamedEncodingOverridesDetection() throws {
        let text = "本店保留最终解释权。"
        let gbk = try TextDecoder.decode(TextEncoder.encode(text, as: "GBK"), options: .init(encoding: "GBK"))
        #expect(gbk.encoding == "GBK")
        #expect(gbk.text.string == text)
        let traditional = "本店保留最終解釋權。"
        let big5 = try TextDecoder.decode(TextEncoder.encode(traditional, as: "Big5"), options: .init(encoding: "big5"))
        #expect(big5.encoding == "big5")
        #expect(big5.text.string == traditional)
        // Valid UTF-8 read as Latin-1 because the user said so.
        let latin = try TextDecoder.decode(utf8("é"), options: .init(encoding: "ISO-8859-1"))
        #expect(latin.text.string == "Ã©")
        // A UTF-16 name with a matching mark: the mark goes.
        let wide = try TextDecoder.decode([0xFF, 0xFE, 0x2C, 0x67], options: .init(encoding: "UTF-16LE"))
        #expect(wide.text.string == "本")
    }

    @Test func aNamedEncodingOfNothing() throws {
        let decoded = try TextDecoder.decode([], options: .init(encoding: "gbk"))
        #expect(decoded.text.units == [])
        #expect(decoded.encoding == "gbk")
    }

    @Test func unknownEncodingNames() {
        #expect(error(utf8("x"), .init(encoding: "no-such-charset")) == .unknownEncoding("no-such-charset"))
        #expect(error(utf8("x"), .init(encoding: "")) == .unknownEncoding(""))
    }

    @Test func aNamedEncodingThatDoesNotFit() {
        // 0x80 alone is not Big5 (windows-950 maps it, so use a lead byte followed by a control byte).
        #expect(error([0x41, 0xA4, 0x0A], .init(encoding: "Big5")) == .undecodable(encoding: "Big5", byteOffset: 1))
        #expect(error(utf8("本") + [0xFF], .init(encoding: "UTF-8")) == .undecodable(encoding: "UTF-8", byteOffset: 3))
    }

    // MARK: binary files

    @Test func nulBytesMeanBinary() {
        #expect(error(utf8("abc") + [0] + utf8("def")) == .binary(byteOffset: 3))
        // Far beyond the first 8 KB too.
        let late = [UInt8](repeating: 0x61, count: 100_000) + [0] + utf8("tail")
        #expect(error(late) == .binary(byteOffset: 100_000))
        // A named single-byte encoding does not excuse NUL bytes.
        #expect(error(utf8("ab") + [0], .init(encoding: "GB18030")) == .binary(byteOffset: 2))
        // Typical binary headers.
        #expect(error([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]) == .binary(byteOffset: 5))
    }

    @Test func utf16WithANulCharacterIsBinary() {
        let bytes: [UInt8] = [0xFF, 0xFE, 0x61, 0x00, 0x00, 0x00, 0x62, 0x00]
        #expect(error(bytes) == .binary(byteOffset: 4))
    }

    // MARK: undecodable bytes

    @Test func badUTF8HasItsExactOffset() {
        // 本协议 is 9 bytes; then a stray continuation byte.
        #expect(error(utf8("本协议") + [0x80] + utf8("x"), .init(encoding: "UTF-8"))
                == .undecodable(encoding: "UTF-8", byteOffset: 9))
        // After a byte order mark, offsets still count from the file's first byte.
        #expect(error([0xEF, 0xBB, 0xBF] + utf8("本协议") + [0xFF]) == .undecodable(encoding: "UTF-8", byteOffset: 12))
        // Overlong, surrogate and beyond-U+10FFFF forms.
        #expect(error(utf8("ab") + [0xC0, 0xAF], .init(encoding: "UTF-8")) == .undecodable(encoding: "UTF-8", byteOffset: 2))
        #expect(error(utf8("a") + [0xED, 0xA0, 0x80], .init(encoding: "UTF-8")) == .undecodable(encoding: "UTF-8", byteOffset: 1))
        #expect(error([0xF4, 0x90, 0x80, 0x80], .init(encoding: "UTF-8")) == .undecodable(encoding: "UTF-8", byteOffset: 0))
    }

    @Test func damagedUTF8IsReportedAsUTF8NotReadAsGB18030() throws {
        let text = String(repeating: "用户同意本协议的全部条款。", count: 20)
        var bytes = utf8(text)
        // Byte 100 is the middle byte of the character at 99 (each repetition is 13 × 3 bytes).
        bytes[100] = 0xFF
        #expect(error(bytes) == .undecodable(encoding: "UTF-8", byteOffset: 99))
        let lenient = try TextDecoder.decode(bytes, options: .init(lenient: true))
        #expect(lenient.encoding == "UTF-8")
        #expect(lenient.substitutions == 3)   // the cut-off lead byte, 0xFF, the orphaned last byte
        #expect(lenient.firstBadByteOffset == 99)
        #expect(lenient.text.units.count == text.utf16.count + 2)
    }

    @Test func truncatedSequenceAtTheEnd() throws {
        // 本协议 then the first two bytes of 条 (E6 9D A1).
        let bytes = utf8("本协议") + [0xE6, 0x9D]
        #expect(error(bytes) == .undecodable(encoding: "UTF-8", byteOffset: 9))
        let lenient = try TextDecoder.decode(bytes, options: .init(lenient: true))
        #expect(lenient.encoding == "UTF-8")
        #expect(lenient.text.string == "本协议\u{FFFD}")
        #expect(lenient.substitutions == 1)
        #expect(lenient.firstBadByteOffset == 9)
        // The same in GB18030: a lead byte with nothing after it.
        let gb = TextEncoder.encode("本店保留最终解释权", as: "GB18030")
        #expect(error(gb + [0xD6]) == .undecodable(encoding: "GB18030", byteOffset: gb.count))
        let gbLenient = try TextDecoder.decode(gb + [0xD6], options: .init(lenient: true))
        #expect(gbLenient.encoding == "GB18030")
        #expect(gbLenient.text.string == "本店保留最终解释权\u{FFFD}")
        #expect(gbLenient.firstBadByteOffset == gb.count)
    }

    @Test func oddLengthUTF16() throws {
        let bytes: [UInt8] = [0xFF, 0xFE, 0x61, 0x00, 0x62, 0x00, 0x63]
        #expect(error(bytes) == .undecodable(encoding: "UTF-16LE", byteOffset: 6))
        let lenient = try TextDecoder.decode(bytes, options: .init(lenient: true))
        #expect(lenient.text.string == "ab\u{FFFD}")
        #expect(lenient.substitutions == 1)
        #expect(lenient.firstBadByteOffset == 6)
    }

    @Test func unpairedSurrogateInUTF16() {
        let bytes: [UInt8] = [0xFF, 0xFE, 0x61, 0x00, 0x00, 0xD8, 0x62, 0x00]
        #expect(error(bytes) == .undecodable(encoding: "UTF-16LE", byteOffset: 4))
    }

    @Test func lenientCountsEverySubstitution() throws {
        let bytes = utf8("a") + [0xFF] + utf8("b") + [0xC3] + utf8("c") + [0xE6, 0x9D] + utf8("d")
        let decoded = try TextDecoder.decode(bytes, options: .init(encoding: "UTF-8", lenient: true))
        #expect(decoded.text.string == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d")
        #expect(decoded.substitutions == 3)
        #expect(decoded.firstBadByteOffset == 1)
    }

    /// The fast UTF-8 path and ICU's converter must agree on where the first bad sequence is.
    @Test func strictAndLenientAgreeOnTheFirstBadOffset() throws {
        var rng = SeededRandom(seed: 99)
        let base = utf8("合同条款 terms 𠀀😀 第12条")
        for _ in 0 ..< 2000 {
            var bytes = base
            for _ in 0 ..< Int.random(in: 1 ... 3, using: &rng) {
                bytes[Int.random(in: 0 ..< bytes.count, using: &rng)] = UInt8.random(in: 0x80 ... 0xFF, using: &rng)
            }
            if Bool.random(using: &rng) { bytes.removeLast(Int.random(in: 0 ... 3, using: &rng)) }
            let options = DecodeOptions(encoding: "UTF-8")
            guard case let .undecodable(_, offset)? = error(bytes, options) else { continue }
            let lenient = try TextDecoder.decode(bytes, options: .init(encoding: "UTF-8", lenient: true))
            #expect(lenient.firstBadByteOffset == offset, "\(bytes)")
            #expect(lenient.substitutions >= 1)
        }
    }

    // MARK: size

    /// Over a megabyte in every charset, decoded back exactly (a sanity check, not a timing).
    @Test func aMegabyteInEveryCharset() throws {
        let paragraph = "第十二条 会员服务费用一经支付不予退还；如有争议，由本公司所在地人民法院管辖。Terms apply. 𠀀\n"
        let text = String(repeating: paragraph, count: 12_000)
        let traditional = try #require(ICUTransliteration.transliterate(text, id: "Simplified-Traditional"))
        let cases: [(String, [UInt8], String)] = [
            (text, utf8(text), "UTF-8"),
            (text, TextEncoder.encode(text, as: "GB18030"), "GB18030"),
            (text, [0xFF, 0xFE] + TextEncoder.encode(text, as: "UTF-16LE"), "UTF-16LE"),
            (traditional.replacingOccurrences(of: "𠀀", with: "x"),
             TextEncoder.encode(traditional.replacingOccurrences(of: "𠀀", with: "x"), as: "Big5"), "Big5"),
        ]
        for (expected, bytes, encoding) in cases {
            #expect(bytes.count > 1_000_000)
            let decoded = try TextDecoder.decode(bytes)
            #expect(decoded.encoding == encoding)
            #expect(decoded.text.units == Array(expected.utf16), "\(encoding)")
        }
    }

    // MARK: encoding

    @Test func encoderWritesICUCharsets() {
        #expect(TextEncoder.encode("中文", as: "GB18030") == [0xD6, 0xD0, 0xCE, 0xC4])
        #expect(TextEncoder.encode("中文", as: "Big5") == [0xA4, 0xA4, 0xA4, 0xE5])
        #expect(TextEncoder.encode("中文", as: "UTF-16LE") == [0x2D, 0x4E, 0x87, 0x65])
        #expect(TextEncoder.encode("中文", as: "no-such-charset") == [])
        #expect(TextEncoder.encode("", as: "GB18030") == [])
    }
}
