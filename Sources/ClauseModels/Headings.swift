/// The numbered headings of Chinese contracts, recognised at the start of a line: 第X章, 第X条, 附件X,
/// 一、, （一）, 1. / 1、, 1.1, （1）, ①. The comparison needs to know which is which whatever the
/// segmenter's levels are, so it reads the label itself.
struct Heading: Equatable {
    enum Kind: Int, Comparable {
        case chapter, section, article, annex, item1, item2, item3, item3b, item4, circled
        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }

        /// Items number the paragraphs inside a unit; their labels are layout, not content.
        var isItem: Bool { self >= .item1 }
    }

    var kind: Kind
    var number: Int
    /// The label (第十三条, 一、, （1）) in the text's offsets.
    var label: Range<Int>
    /// The heading's title on the same line (旅游者解除合同), empty when the line goes on with text.
    var title: Range<Int>
    /// Where the line ends (before its line break).
    var lineEnd: Int

    static func isSpace(_ u: UInt16) -> Bool {
        u == 0x20 || u == 0x09 || u == 0x3000 || u == 0xA0 || u == 0x0B || u == 0x0C || u == 0xFEFF
            || (0x2000 ... 0x200B).contains(u) || u == 0x202F || u == 0x205F
    }

    static func isLineBreak(_ u: UInt16) -> Bool { u == 0x0A || u == 0x0D || u == 0x2028 || u == 0x2029 }

    /// The heading whose line starts at `lineStart` (leading spaces allowed), if the line has one.
    static func recognize(_ t: [UInt16], lineStart: Int) -> Heading? {
        var i = lineStart
        let n = t.count
        while i < n, isSpace(t[i]) { i += 1 }
        guard i < n else { return nil }
        var lineEnd = i
        while lineEnd < n, !isLineBreak(t[lineEnd]) { lineEnd += 1 }
        guard let (kind, number, labelEnd) = label(t, at: i, lineEnd: lineEnd) else { return nil }
        return Heading(kind: kind, number: number, label: i ..< labelEnd,
                       title: title(t, after: labelEnd, lineEnd: lineEnd, kind: kind), lineEnd: lineEnd)
    }

    /// Reads a label (第十三条, 一、, …) at `i`: its kind, number and end.
    static func label(_ t: [UInt16], at i: Int, lineEnd: Int) -> (Kind, Int, Int)? {
        let u = t[i]
        func numeralRun(from start: Int, chinese: Bool) -> Int {
            var j = start
            while j < lineEnd, chinese ? Numerals.isNumeral(t[j]) : Numerals.isArabic(t[j]) { j += 1 }
            return j
        }
        // 第X章 / 第X条 / 第X节 / 第X部分 / 第X编
        if u == 0x7B2C {  // 第
            var j = i + 1
            while j < lineEnd, isSpace(t[j]) { j += 1 }
            let numberStart = j
            j = numeralRun(from: j, chinese: true)
            guard j > numberStart, let number = Numerals.value(t[numberStart ..< j]) else { return nil }
            while j < lineEnd, isSpace(t[j]) { j += 1 }
            guard j < lineEnd else { return nil }
            switch t[j] {
            case 0x7AE0, 0x7F16: return (.chapter, number, j + 1)   // 章 编
            case 0x8282: return (.section, number, j + 1)           // 节
            case 0x6761: return (.article, number, j + 1)           // 条
            case 0x90E8 where j + 1 < lineEnd && t[j + 1] == 0x5206: return (.chapter, number, j + 2)  // 部分
            default: return nil
            }
        }
        // 附件 / 附件3 / 附件三
        if u == 0x9644, i + 1 < lineEnd, t[i + 1] == 0x4EF6 {
            var j = i + 2
            let numberStart = j
            j = numeralRun(from: j, chinese: true)
            let number = j > numberStart ? Numerals.value(t[numberStart ..< j]) ?? 0 : 0
            return (.annex, number, j)
        }
        // ①..⑳
        if (0x2460 ... 0x2473).contains(u) { return (.circled, Int(u - 0x2460) + 1, i + 1) }
        // （一） (一) （1） (1)
        if u == 0xFF08 || u == 0x28 {
            let start = i + 1
            let chineseEnd = numeralRun(from: start, chinese: true)
            guard chineseEnd > start, chineseEnd < lineEnd, t[chineseEnd] == 0xFF09 || t[chineseEnd] == 0x29,
                  let number = Numerals.value(t[start ..< chineseEnd]) else { return nil }
            let arabic = t[start ..< chineseEnd].allSatisfy { Numerals.chineseDigit($0) == nil && Numerals.unit($0) == nil }
            return (arabic ? .item4 : .item2, number, chineseEnd + 1)
        }
        // 一、 (Chinese numerals)
        if Numerals.chineseDigit(u) != nil || u == 0x5341 {
            let end = numeralRun(from: i, chinese: true)
            guard end < lineEnd, t[end] == 0x3001, let number = Numerals.value(t[i ..< end]) else { return nil }
            return (.item1, number, end + 1)
        }
        // 1、 1. 1． 1.1
        if Numerals.isArabic(u) {
            let end = numeralRun(from: i, chinese: false)
            guard end < lineEnd, end - i <= 3, let number = Numerals.value(t[i ..< end]) else { return nil }
            let mark = t[end]
            if mark == 0x3001 { return (.item3, number, end + 1) }                    // 、
            if mark == 0x2E || mark == 0xFF0E {                                         // . ．
                let next = end + 1
                if next < lineEnd, Numerals.isArabic(t[next]) {
                    let subEnd = numeralRun(from: next, chinese: false)
                    // 1.1 but not a figure: 1.5倍, 2.5%, 3.14 are amounts.
                    let amount = subEnd < lineEnd && "倍元%％个日天月年万千百小米".utf16.contains(t[subEnd])
                    if subEnd - next <= 2, !amount, subEnd == lineEnd || isSpace(t[subEnd]) || t[subEnd] > 0x2E80 {
                        return (.item3b, number, subEnd)
                    }
                    return nil
                }
                return (.item3, number, next)
            }
        }
        return nil
    }

    /// The short title after a chapter/article/item label, or an empty range when the line carries text.
    static func title(_ t: [UInt16], after labelEnd: Int, lineEnd: Int, kind: Kind) -> Range<Int> {
        var start = labelEnd
        while start < lineEnd, isSpace(t[start]) || t[start] == 0x3A || t[start] == 0xFF1A { start += 1 }
        var end = lineEnd
        while end > start, isSpace(t[end - 1]) { end -= 1 }
        let length = end - start
        guard length > 0 else { return start ..< start }
        // A title is a name, not a sentence: short and without sentence punctuation.
        let limit = kind == .chapter || kind == .section || kind == .article ? 40 : 24
        let sentencey = t[start ..< end].contains { $0 == 0x3002 || $0 == 0xFF1B || $0 == 0x3B || $0 == 0xFF0C || $0 == 0x2C }
        if length > limit || sentencey { return labelEnd ..< labelEnd }
        if kind.isItem, t[end - 1] == 0xFF1A || t[end - 1] == 0x3A { return labelEnd ..< labelEnd }
        return start ..< end
    }
}
