/// Text that is neither marked nor valid UTF-8: in Chinese documents that means GB18030 (which also
/// covers GBK and GB2312) or Big5. Both take almost any sequence of high bytes, so which one decodes is
/// rarely the question; which one reads like Chinese is.
enum LegacyChinese {
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, utf8BadOffset: Int,
                       lenient: Bool) throws(TextError) -> DecodedText {
        // UTF-8 with a flaw (a file cut off mid-character, a damaged byte) must not be read as GB18030
        // garbage: GB and Big5 bytes are valid UTF-8 only by accident, for about one character in seven,
        // while damaged UTF-8 is good almost everywhere.
        if isCutOffSequence(bytes, at: utf8BadOffset) {
            guard lenient else { throw .undecodable(encoding: "UTF-8", byteOffset: utf8BadOffset) }
        }
        guard let utf8 = ICUCharsets.toUTF16(bytes, charset: "UTF-8") else {
            throw .undecodable(encoding: "UTF-8", byteOffset: utf8BadOffset)
        }
        if isCutOffSequence(bytes, at: utf8BadOffset) || nonASCIICount(utf8.units) >= 4 * utf8.substitutions {
            return try TextDecoder.finish(utf8, label: "UTF-8", lenient: lenient)
        }
        guard let gb = ICUCharsets.toUTF16(bytes, charset: "GB18030"),
              let big5 = ICUCharsets.toUTF16(bytes, charset: "Big5") else {
            throw .undecodable(encoding: "UTF-8", byteOffset: utf8BadOffset)
        }
        switch (gb.substitutions == 0, big5.substitutions == 0) {
        case (true, true):
            return prefersBig5(bytes, gb: gb.units, big5: big5.units)
                ? try TextDecoder.finish(big5, label: "Big5", lenient: lenient)
                : try TextDecoder.finish(gb, label: "GB18030", lenient: lenient)
        case (true, false): return try TextDecoder.finish(gb, label: "GB18030", lenient: lenient)
        case (false, true): return try TextDecoder.finish(big5, label: "Big5", lenient: lenient)
        case (false, false):
            // Nothing fits: blame the charset that needs the fewest repairs (ties: UTF-8, then GB18030).
            let ranked = [(utf8, "UTF-8"), (gb, "GB18030"), (big5, "Big5")]
            let best = ranked.min { $0.0.substitutions < $1.0.substitutions }!
            return try TextDecoder.finish(best.0, label: best.1, lenient: lenient)
        }
    }

    /// Whether the bytes from `offset` to the end are the start of a UTF-8 sequence that was cut off.
    static func isCutOffSequence(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        let tail = bytes.count - offset
        guard tail >= 1 && tail <= 3 else { return false }
        let lead = bytes[offset]
        let (length, low, high): (Int, UInt8, UInt8) = switch lead {
        case 0xC2 ... 0xDF: (2, 0x80, 0xBF)
        case 0xE0: (3, 0xA0, 0xBF)
        case 0xE1 ... 0xEC, 0xEE ... 0xEF: (3, 0x80, 0xBF)
        case 0xED: (3, 0x80, 0x9F)
        case 0xF0: (4, 0x90, 0xBF)
        case 0xF1 ... 0xF3: (4, 0x80, 0xBF)
        case 0xF4: (4, 0x80, 0x8F)
        default: (0, 0, 0)
        }
        guard tail < length else { return false }
        if tail >= 2 && !(low ... high).contains(bytes[offset + 1]) { return false }
        if tail >= 3 && bytes[offset + 2] & 0xC0 != 0x80 { return false }
        return true
    }

    /// Decoded characters beyond ASCII, not counting U+FFFD.
    static func nonASCIICount(_ units: [UInt16]) -> Int {
        var count = 0
        for u in units where u >= 0x80 && u != 0xFFFD && u & 0xFC00 != 0xDC00 { count += 1 }
        return count
    }

    /// Both decodings are clean. The decoding that reads less like Chinese loses: first characters no
    /// Chinese text is made of, then characters from the rarer half of each charset. If that is even,
    /// ICU's detector (which compares against each charset's most frequent characters, but is easily
    /// fooled below a few dozen characters), and last GB2312's structure (both bytes ≥ 0xA1) against
    /// Big5's (trail bytes from 0x40, as in ， = A1 41 and 。 = A1 43).
    static func prefersBig5(_ bytes: UnsafeBufferPointer<UInt8>, gb: [UInt16], big5: [UInt16]) -> Bool {
        let rare = rareCounts(bytes)
        let gbScore = 4 * unlikelyCount(gb) + rare.gb, big5Score = 4 * unlikelyCount(big5) + rare.big5
        if gbScore != big5Score { return big5Score < gbScore }
        let sample = UnsafeBufferPointer(rebasing: bytes.prefix(64 * 1024))
        var gbConfidence = 0, big5Confidence = 0
        for (name, confidence) in ICUCharsets.detect(sample) {
            if name == "GB18030" { gbConfidence = max(gbConfidence, confidence) }
            if name == "Big5" { big5Confidence = max(big5Confidence, confidence) }
        }
        if gbConfidence != big5Confidence { return big5Confidence > gbConfidence }
        return hasLowTrailByte(bytes)
    }

    /// Characters that turn up when Chinese bytes are read in the wrong one of the two charsets: Big5
    /// hanzi read as GB2312 land in its kana, Greek, Cyrillic, box-drawing and vertical-form rows; GB2312
    /// read as Big5 gives bopomofo (，is A3 AC) and the private-use area (rows C6–C8).
    static func unlikelyCount(_ units: [UInt16]) -> Int {
        var count = 0
        for u in units {
            switch u {
            case 0x0080 ... 0x009F, 0x0370 ... 0x04FF, 0x2500 ... 0x257F,
                 0x3040 ... 0x30FF, 0x3100 ... 0x312F, 0x3300 ... 0x33FF, 0xE000 ... 0xF8FF,
                 0xFE10 ... 0xFE4F, 0xFFFD:
                count += 1
            default: break
            }
        }
        return count
    }

    /// Double-byte characters from the rarer part of each charset: for GB18030 everything outside
    /// GB2312's first level (B0A1–D7FE), for Big5 its second level and user-defined rows (lead ≥ C9 or
    /// below A1). Symbols rows are left to `unlikelyCount`.
    static func rareCounts(_ bytes: UnsafeBufferPointer<UInt8>) -> (gb: Int, big5: Int) {
        var gb = 0, big5 = 0
        var i = 0
        while i + 1 < bytes.count {
            let lead = bytes[i], trail = bytes[i + 1]
            if lead < 0x80 { i += 1; continue }
            if trail < 0xA1 || lead < 0xA1 || lead >= 0xD8 { gb += 1 }
            if lead >= 0xC9 || lead < 0xA1 { big5 += 1 }
            i += 2
        }
        return (gb, big5)
    }

    /// Whether a double-byte character has a trail byte below 0xA1, which GB2312 never has.
    static func hasLowTrailByte(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i + 1 < bytes.count {
            if bytes[i] < 0x80 { i += 1; continue }
            if bytes[i + 1] < 0xA1 { return true }
            i += 2
        }
        return false
    }
}
