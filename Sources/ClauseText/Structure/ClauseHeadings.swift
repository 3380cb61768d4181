/// Finds clause headings and nests them.
///
/// A heading is a numbering token at the start of a line, after optional indentation, Markdown
/// marks (`#`s, `>`, a list bullet, `**` or `__`):
/// - 第X编 / 第X部分 / 第X章 / 第X节 / 第X条, X in Chinese numerals or digits (not when the words after
///   it show a citation: 第三条规定、第三条的、第三条第二款 ...);
/// - 一、 一. 一． (Chinese numerals); (一) （一）; (1) （1）; ①–⑳ (and ⑴, ⒈);
/// - 1. 1、 1． and dotted numbers 1.1, 1.1.1 (each part at most three digits; not a decimal or an
///   amount: 1.5元, 2.5%, 3.14 are not headings).
///
/// Nesting. The 第X styles rank by their meaning: 编/部分 above 章 above 节 above 条, and all of them
/// above the list styles. The list styles rank by where they first appear: a style seen for the
/// first time ranks just below the innermost open list heading (or above all list styles when only
/// 第X headings are open) — like Markdown heading inference, but learned from nesting, so a 使用说明
/// numbered 一、1. before the articles does not decide that 1. outranks the (一) used in them. Dotted
/// numbers rank by their depth: 1.1 just below 1., 1.1.1 just below 1.1. A heading closes every open
/// clause of its rank or lower; its level is the number of clauses still open around it, plus one.
enum ClauseHeadings {
    /// The numbering styles. Each list style is one kind, whatever its brackets or separator
    /// (（一） and (一) are one; 1. 1、 1． are one).
    enum Style: Hashable {
        case part, chapter, section, article   // 第X编/部分, 章, 节, 条
        case chineseNumeral                     // 一、
        case parenthesizedChinese               // （一）
        case dotted(depth: Int)                 // 1. (depth 1), 1.1 (2), ...
        case parenthesizedArabic                // （1）
        case circled                            // ①

        /// Rank of the 第X styles; nil for list styles.
        var fixedRank: Int? {
            switch self {
            case .part: 0
            case .chapter: 1
            case .section: 2
            case .article: 3
            default: nil
            }
        }
    }

    struct Heading {
        var lineStart: Int
        var label: Range<Int>
        var style: Style
    }

    static func clauses(in units: [UInt16]) -> [Clause] {
        let headings = find(in: units)
        var clauses: [Clause] = []
        clauses.reserveCapacity(headings.count)
        var order: [Style] = []         // list styles, outermost first
        var open: [(style: Style, clause: Int)] = []

        func rank(_ style: Style) -> Int {
            if let fixed = style.fixedRank { return fixed }
            return 100 + (order.firstIndex(of: style) ?? order.count)
        }

        func close(_ index: Int, at end: Int) {
            var upper = max(end, clauses[index].label.upperBound)
            while upper > clauses[index].label.upperBound && Segmenter.isSpace(units[upper - 1]) { upper -= 1 }
            clauses[index].range = clauses[index].label.lowerBound ..< upper
        }

        for heading in headings {
            if heading.style.fixedRank == nil && !order.contains(heading.style) {
                order.insert(heading.style, at: insertionPoint(for: heading.style, order: order, innermost: open.last?.style))
            }
            let r = rank(heading.style)
            while let top = open.last, rank(top.style) >= r {
                close(top.clause, at: heading.lineStart)
                open.removeLast()
            }
            clauses.append(Clause(label: heading.label, range: heading.label.lowerBound ..< units.count, level: open.count + 1))
            open.append((heading.style, clauses.count - 1))
        }
        for item in open { close(item.clause, at: units.count) }
        return clauses
    }

    /// Where a list style seen for the first time goes in the ranking.
    static func insertionPoint(for style: Style, order: [Style], innermost: Style?) -> Int {
        if case let .dotted(depth) = style {
            // Beside its own family: after the deepest shallower depth, or before the shallowest deeper one.
            var after: (depth: Int, index: Int)?, before: (depth: Int, index: Int)?
            for (index, other) in order.enumerated() {
                guard case let .dotted(d) = other else { continue }
                if d < depth, after.map({ d > $0.depth }) ?? true { after = (d, index) }
                if d > depth, before.map({ d < $0.depth }) ?? true { before = (d, index) }
            }
            if let after { return after.index + 1 }
            if let before { return before.index }
        }
        // Just below the innermost open list heading; above all list styles under a 第X heading.
        if let innermost, innermost.fixedRank == nil, let index = order.firstIndex(of: innermost) {
            return index + 1
        }
        return innermost == nil ? order.count : 0
    }

    // MARK: finding headings

    static func find(in units: [UInt16]) -> [Heading] {
        var headings: [Heading] = []
        var lineStart = 0
        let n = units.count
        while lineStart < n {
            var lineEnd = lineStart
            while lineEnd < n && !isLineBreak(units[lineEnd]) { lineEnd += 1 }
            if let (label, style) = heading(units, from: skipPrefix(units, lineStart, lineEnd), to: lineEnd) {
                headings.append(Heading(lineStart: lineStart, label: label, style: style))
            }
            lineStart = lineEnd
            if lineStart < n && units[lineStart] == 0x0D && lineStart + 1 < n && units[lineStart + 1] == 0x0A { lineStart += 1 }
            lineStart += 1
        }
        return headings
    }

    static func isLineBreak(_ u: UInt16) -> Bool { u == 0x0A || u == 0x0D || u == 0x2028 || u == 0x2029 || u == 0x85 }

    static func isIndent(_ u: UInt16) -> Bool { u == 0x20 || u == 0x09 || u == 0x3000 || u == 0xA0 }

    /// Skips indentation and Markdown marks before a heading: "  ## ", "> ", "- ", "**", "__".
    static func skipPrefix(_ u: [UInt16], _ start: Int, _ end: Int) -> Int {
        var p = start
        for _ in 0 ..< 6 {
            while p < end && isIndent(u[p]) { p += 1 }
            guard p < end else { return p }
            let c = u[p]
            if c == 0x23 { // #
                var q = p
                while q < end && u[q] == 0x23 { q += 1 }
                guard q - p <= 6, q < end, isIndent(u[q]) else { return p }
                p = q
            } else if c == 0x3E { // >
                p += 1
            } else if (c == 0x2D || c == 0x2B || c == 0x2A) && p + 1 < end && isIndent(u[p + 1]) { // - + * bullets
                p += 2
            } else if (c == 0x2A || c == 0x5F) && p + 1 < end && u[p + 1] == c { // ** __
                p += 2
            } else {
                return p
            }
        }
        return p
    }

    // MARK: tokens

    static func isChineseNumeral(_ u: UInt16) -> Bool {
        switch u {
        case 0x3007, 0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341,
             0x767E, 0x5343, 0x4E24, // 〇零一二三四五六七八九十百千两
             0x58F9, 0x8D30, 0x53C1, 0x8086, 0x4F0D, 0x9646, 0x67D2, 0x634C, 0x7396, 0x62FE, 0x4F70, 0x4EDF: // 壹贰叁肆伍陆柒捌玖拾佰仟
            true
        default:
            false
        }
    }

    static func isDigit(_ u: UInt16) -> Bool { (0x30 ... 0x39).contains(u) || (0xFF10 ... 0xFF19).contains(u) }

    static func isDot(_ u: UInt16) -> Bool { u == 0x2E || u == 0xFF0E }

    static func isOpenParen(_ u: UInt16) -> Bool { u == 0x28 || u == 0xFF08 }

    static func isCloseParen(_ u: UInt16) -> Bool { u == 0x29 || u == 0xFF09 }

    /// Characters after a number that make it an amount or a measure, not a clause number.
    static func isUnit(_ u: UInt16) -> Bool {
        switch u {
        case 0x5143, 0x0025, 0xFF05, 0x2030, 0x500D, 0x4E07, 0x4EBF, 0x5343, 0x767E, 0x4E2A, 0x4EF6, 0x6B21,
             0x5929, 0x65E5, 0x6708, 0x5E74, 0x65F6, 0x5C0F, 0x5206, 0x79D2, 0x7C73, 0x65A4, 0x514B, 0x5428,
             0x5EA6, 0x5C81, 0x53F7, 0x697C, 0x5C42, 0x5BA4, 0x6298, 0x6210, 0x89D2, 0x5468, 0x4EBA, 0x5BB6:
            // 元 % ％ ‰ 倍 万 亿 千 百 个 件 次 天 日 月 年 时 小 分 秒 米 斤 克 吨 度 岁 号 楼 层 室 折 成 角 周 人 家
            true
        default:
            false
        }
    }

    /// After 第X条 at a line start, words that show the line goes on citing it rather than heading it.
    static func isCitationFollower(_ u: UInt16) -> Bool {
        switch u {
        case 0x7684, 0x89C4, 0x6240, 0x7EA6, 0x4E2D, 0x7B2C, 0x81F3, 0x548C, 0x53CA, 0x4E0E, 0x6216, 0x3001,
             0x002C, 0xFF0C, 0x9879, 0x6B3E, 0x4E4B:
            // 的 规(定) 所 约(定) 中 第 至 和 及 与 或 、 , ， 项 款 之
            true
        default:
            false
        }
    }

    /// The heading token at `p` (after the prefix), if the line starts with one.
    static func heading(_ u: [UInt16], from p: Int, to end: Int) -> (Range<Int>, Style)? {
        guard p < end else { return nil }
        let c = u[p]

        // 第X编 / 部分 / 章 / 节 / 条
        if c == 0x7B2C { // 第
            var q = p + 1
            while q < end && q - p <= 8 && (isChineseNumeral(u[q]) || isDigit(u[q])) { q += 1 }
            guard q > p + 1, q < end else { return nil }
            let style: Style
            var labelEnd = q + 1
            switch u[q] {
            case 0x7F16: style = .part           // 编
            case 0x7AE0: style = .chapter        // 章
            case 0x8282: style = .section        // 节
            case 0x6761: style = .article        // 条
            case 0x90E8 where q + 1 < end && u[q + 1] == 0x5206: style = .part; labelEnd = q + 2  // 部分
            default: return nil
            }
            if labelEnd < end && isCitationFollower(u[labelEnd]) { return nil }
            return (p ..< labelEnd, style)
        }

        // 一、 一. 一．
        if isChineseNumeral(c) {
            var q = p
            while q < end && q - p < 4 && isChineseNumeral(u[q]) { q += 1 }
            guard q < end else { return nil }
            if u[q] == 0x3001 { return (p ..< q, .chineseNumeral) }  // 、
            if isDot(u[q]) && !(q + 1 < end && isDigit(u[q + 1])) { return (p ..< q, .chineseNumeral) }
            return nil
        }

        // (一) （一） (1) （1）
        if isOpenParen(c) {
            var q = p + 1
            if q < end && isChineseNumeral(u[q]) {
                while q < end && q - p <= 4 && isChineseNumeral(u[q]) { q += 1 }
                guard q < end, isCloseParen(u[q]) else { return nil }
                return (p ..< q + 1, .parenthesizedChinese)
            }
            while q < end && q - p <= 3 && isDigit(u[q]) { q += 1 }
            guard q > p + 1, q < end, isCloseParen(u[q]) else { return nil }
            return (p ..< q + 1, .parenthesizedArabic)
        }

        // ①–⑳, ⑴–⒇, ⒈–⒛
        if (0x2460 ... 0x2473).contains(c) { return (p ..< p + 1, .circled) }
        if (0x2474 ... 0x2487).contains(c) { return (p ..< p + 1, .parenthesizedArabic) }
        if (0x2488 ... 0x249B).contains(c) { return (p ..< p + 1, .dotted(depth: 1)) }

        // 1. 1、 1．, 1.1, 1.1.1
        if isDigit(c) {
            var q = p
            var parts = 0
            var labelEnd = p
            while true {
                let partStart = q
                while q < end && isDigit(u[q]) { q += 1 }
                guard q > partStart, q - partStart <= 3 else { return nil }
                parts += 1
                labelEnd = q
                // Another part follows a dot only when a digit comes right after it.
                if q + 1 < end && isDot(u[q]) && isDigit(u[q + 1]) { q += 1; continue }
                break
            }
            guard parts <= 6 else { return nil }
            var after = labelEnd
            if after < end && (isDot(u[after]) || u[after] == 0x3001) {
                after += 1
            } else if parts == 1 {
                return nil  // "1" alone, "12月": not a heading
            }
            if after < end && (isDigit(u[after]) || isUnit(u[after])) { return nil }
            return (p ..< labelEnd, .dotted(depth: parts))
        }
        return nil
    }
}
