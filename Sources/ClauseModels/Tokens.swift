import ClauseText

/// A word of a document as the comparison sees it: ICU's Chinese word, with a key that ignores width
/// (全角/半角). White space and layout labels are not tokens; a run of underscores or boxes is one blank.
struct Token {
    enum Kind: UInt8 { case word, punct, blank }
    var range: Range<Int>
    var key: UInt64
    var kind: Kind

    /// Words carry content; punctuation alone never makes a difference.
    var isContent: Bool { kind != .punct }
}

enum Tokenizer {
    static let blankKey: UInt64 = 0x5F5F_5F5F

    static func isBlankUnit(_ u: UInt16) -> Bool {
        u == 0x5F || u == 0xFF3F || u == 0x25A1 || u == 0x2610  // _ ＿ □ ☐
    }

    /// The tokens of a whole document, skipping the ranges in `skip` (sorted, not overlapping).
    ///
    /// Words are found in the text with its layout taken out: line breaks and spaces between Chinese
    /// characters go (a line wrapped inside a word, 饮\n料, is still 饮料), and so do the skipped
    /// labels. Each token keeps its range in the original text.
    static func tokens(_ t: [UInt16], skip: [Range<Int>]) -> [Token] {
        var units: [UInt16] = []
        var origin: [Int] = []
        units.reserveCapacity(t.count)
        origin.reserveCapacity(t.count)
        var skipIndex = 0
        var pendingSpace: Int? = nil
        var pendingHasSpace = false
        var lineHasText = false
        var lineVisible = 0
        var i = 0
        while i < t.count {
            while skipIndex < skip.count, skip[skipIndex].upperBound <= i { skipIndex += 1 }
            if skipIndex < skip.count, skip[skipIndex].contains(i) {
                i = skip[skipIndex].upperBound
                continue
            }
            let u = t[i]
            if Heading.isSpace(u) {
                // Two or more spaces inside a line are a blank to fill in: documents made from Word
                // files show their underlined blanks that way.
                var j = i
                while j < t.count, Heading.isSpace(t[j]) { j += 1 }
                // 传  真： and 邮　　编： are a label spaced out, not a blank.
                let spacedLabel = lineVisible == 1 && j + 1 < t.count && (t[j + 1] == 0xFF1A || t[j + 1] == 0x3A)
                if lineHasText && j - i >= 2 && !spacedLabel && !(skipIndex < skip.count && skip[skipIndex].lowerBound < j) {
                    units.append(0x5F)
                    origin.append(i)
                    units.append(0x5F)
                    origin.append(j - 1)
                    pendingSpace = nil
                    i = j
                    continue
                }
                if pendingSpace == nil { pendingSpace = i }
                pendingHasSpace = true
                i += 1
                continue
            }
            if Heading.isLineBreak(u) {
                lineHasText = false
                lineVisible = 0
                if pendingSpace == nil { pendingSpace = i }
                i += 1
                continue
            }
            lineHasText = true
            lineVisible += 1
            if let space = pendingSpace {
                // Keep one space where it separates Latin words or blanks; drop it between Chinese,
                // and drop a bare line break inside a number (a wrapped 1\n00 is 100).
                let wrappedNumber = !pendingHasSpace && units.last.map(Numerals.isArabic) == true && Numerals.isArabic(u)
                if let last = units.last, !wrappedNumber, !isWide(last) || !isWide(u) {
                    units.append(0x20)
                    origin.append(space)
                }
                pendingSpace = nil
                pendingHasSpace = false
            }
            units.append(u)
            origin.append(i)
            i += 1
        }
        let pieces = WordBreaker.pieces(units)
        var tokens: [Token] = []
        tokens.reserveCapacity(pieces.count)
        for piece in pieces {
            let r = piece.range
            var i = r.lowerBound
            while i < r.upperBound {
                if units[i] == 0x20 { i += 1; continue }
                var j = i
                if isBlankUnit(units[i]) {
                    while j < r.upperBound, isBlankUnit(units[j]) { j += 1 }
                    let range = origin[i] ..< origin[j - 1] + 1
                    // Blanks next to each other (____ ____) are one blank.
                    if let last = tokens.last, last.kind == .blank, onlySpaces(t, last.range.upperBound ..< range.lowerBound) {
                        tokens[tokens.count - 1].range = last.range.lowerBound ..< range.upperBound
                    } else {
                        tokens.append(Token(range: range, key: blankKey, kind: .blank))
                    }
                } else {
                    while j < r.upperBound, units[j] != 0x20, !isBlankUnit(units[j]) { j += 1 }
                    var kind: Token.Kind = piece.isWord || isWordUnit(units[i]) ? .word : .punct
                    // 的 and 了 added or dropped change no meaning; they still align as words.
                    if j - i == 1, units[i] == 0x7684 || units[i] == 0x4E86 { kind = .punct }
                    tokens.append(Token(range: origin[i] ..< origin[j - 1] + 1, key: key(units, i ..< j), kind: kind))
                }
                i = j
            }
        }
        return tokens
    }

    /// Chinese characters and full-width punctuation: no space is needed between them.
    static func isWide(_ u: UInt16) -> Bool { u >= 0x2E80 && !isBlankUnit(u) }

    static func onlySpaces(_ t: [UInt16], _ r: Range<Int>) -> Bool {
        r.allSatisfy { Heading.isSpace(t[$0]) }
    }

    /// ICU calls symbols such as % or ￥ non-words; they carry meaning in a contract.
    static func isWordUnit(_ u: UInt16) -> Bool {
        u == 0x25 || u == 0xFF05 || u == 0xFFE5 || u == 0xA5 || u == 0x2030
    }

    /// Words drafters use interchangeably: 应当 and 应, 按照 and 按 … say the same.
    static let synonyms: [[UInt16]: [UInt16]] = Dictionary(uniqueKeysWithValues: [
        ("应当", "应"), ("按照", "按"), ("依照", "依"), ("或者", "或"), ("以及", "及"), ("如果", "如"), ("根据", "依据"),
    ].map { (Array($0.0.utf16), Array($0.1.utf16)) })

    /// FNV-1a over the folded units: equal keys for equal words, whatever their width.
    static func key(_ t: [UInt16], _ r: Range<Int>) -> UInt64 {
        // A word wrapped across lines is still the word: layout does not count.
        var units = t[r].filter { !Heading.isSpace($0) && !Heading.isLineBreak($0) }
        if units.count == 2, let canonical = synonyms[units] { units = canonical }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for u in units {
            h ^= UInt64(CompactText.fold(punctuationFolded(u)))
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }

    /// Punctuation that reads the same: ，and , ；and ; ：and : 。and . are one mark for the diff.
    static func punctuationFolded(_ u: UInt16) -> UInt16 {
        switch u {
        case 0x3001: 0xFF0C  // 、 as ，(lists are punctuated both ways)
        case 0x201C, 0x201D, 0x300C, 0x300D: 0x22
        case 0x2018, 0x2019: 0x27
        case 0xFF61, 0x3002: 0x2E
        default: u
        }
    }
}
