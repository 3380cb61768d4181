import ClauseText

/// A document cut into the units a comparison aligns (the front matter, then articles or top-level
/// items, then annexes), each unit into paragraphs (款) and sentences. Offsets are the document's
/// normalized offsets.
struct Outline {
    enum UnitKind: String { case front, article, annex }

    struct Unit {
        var kind: UnitKind
        var number: Int?
        /// The label as written (第十三条, 一、, 附件1); empty for the front matter.
        var label: String
        /// The title as written, and folded for matching (no spaces, full-width ASCII folded).
        var title: String
        var titleKey: String
        /// The chapter heading the unit stands under (第五章 合同的解除), when there are chapters.
        var chapter: String?
        /// The whole unit, heading line included; it ends where the next heading starts.
        var range: Range<Int>
        /// The unit without its label: what is compared.
        var body: Range<Int>
        /// Sentences of the body (the title line is one), with the paragraph (款) each is in: 0 for
        /// the title, 1 for the first paragraph.
        var sentences: [Range<Int>] = []
        var paragraphOfSentence: [Int] = []

        /// 第十三条 travels as the label; an unlabelled front has a name a reader understands.
        var displayLabel: String { kind == .front ? "首部" : label }
    }

    var units: [Unit]
    /// Chapter and article headings: their lines are layout, not content.
    var headingLabels: [Range<Int>]
    /// Item labels (（1）, 1., ①) at line starts: layout too; renumbering them is no change.
    var itemLabels: [Range<Int>]

    init(_ t: [UInt16], clauses: [Clause]) {
        var headings: [Heading] = []
        if clauses.isEmpty {
            // The stand-in segmenter finds no clauses: read the headings from the line starts ourselves.
            var lineStart = 0
            while lineStart < t.count {
                if let heading = Heading.recognize(t, lineStart: lineStart) { headings.append(heading) }
                var i = lineStart
                while i < t.count, !Heading.isLineBreak(t[i]) { i += 1 }
                lineStart = i + 1
            }
        } else {
            var seen = Set<Int>()
            for clause in clauses where !seen.contains(clause.label.lowerBound) {
                seen.insert(clause.label.lowerBound)
                if let heading = Heading.recognize(t, lineStart: clause.label.lowerBound) { headings.append(heading) }
            }
            // Annexes (附件1) are units of a comparison but no clauses of the segmenter's.
            var lineStart = 0
            while lineStart < t.count {
                if let heading = Heading.recognize(t, lineStart: lineStart), heading.kind == .annex,
                   !seen.contains(heading.label.lowerBound) {
                    headings.append(heading)
                }
                var i = lineStart
                while i < t.count, !Heading.isLineBreak(t[i]) { i += 1 }
                lineStart = i + 1
            }
            headings.sort { $0.label.lowerBound < $1.label.lowerBound }
        }
        headings = Self.droppingWrappedReferences(t, headings)
        itemLabels = headings.filter { $0.kind.isItem }.map(\.label)

        // The unit kind: articles when there are any, else the outermost numbered items.
        let articles = headings.filter { $0.kind == .article }
        let unitKind: Heading.Kind? = articles.count >= 2 ? .article
            : [.item1, .item3, .item2, .item4].first { kind in headings.filter { $0.kind == kind }.count >= 2 }
        let lastArticleStart = headings.last { $0.kind == unitKind }?.label.lowerBound ?? 0
        // Separators: chapter headings, unit headings, and annexes after the last unit.
        let separators = headings.filter {
            $0.kind == .chapter || $0.kind == .section || $0.kind == unitKind
                || ($0.kind == .annex && $0.label.lowerBound > lastArticleStart)
        }
        headingLabels = separators.filter { $0.kind == .chapter || $0.kind == .section }
            .map { $0.label.lowerBound ..< $0.lineEnd }
        if unitKind?.isItem == true {
            itemLabels.removeAll { label in separators.contains { $0.label == label } }
        }

        var units: [Unit] = []
        let firstStart = separators.first.map { Self.lineStart(t, $0.label.lowerBound) } ?? t.count
        units.append(Unit(kind: .front, number: nil, label: "", title: "", titleKey: "", chapter: nil,
                          range: 0 ..< firstStart, body: 0 ..< firstStart))
        var chapter: String?
        for (index, heading) in separators.enumerated() {
            let end = index + 1 < separators.count ? Self.lineStart(t, separators[index + 1].label.lowerBound) : t.count
            let label = String(decoding: t[heading.label], as: UTF16.self)
            let title = String(decoding: t[heading.title], as: UTF16.self)
            switch heading.kind {
            case .chapter, .section:
                chapter = title.isEmpty ? label : label + " " + title
            default:
                let kind: UnitKind = heading.kind == .annex ? .annex : .article
                units.append(Unit(kind: kind, number: heading.number, label: label, title: title,
                                  titleKey: CompactText.fold(title), chapter: chapter,
                                  range: Self.lineStart(t, heading.label.lowerBound) ..< end,
                                  body: heading.label.upperBound ..< end))
            }
        }
        self.units = units
        for i in self.units.indices {
            let (sentences, paragraphs) = Self.sentences(t, self.units[i].body, titled: !self.units[i].title.isEmpty,
                                                          itemLabels: itemLabels)
            self.units[i].sentences = sentences
            self.units[i].paragraphOfSentence = paragraphs
        }
    }

    /// A cross-reference that a wrapped line put at a line start (按照本合同\n第十五条相关约定处理。)
    /// is no heading: the line before it runs on, it is no heading line itself, no space follows the
    /// label and no title.
    static func droppingWrappedReferences(_ t: [UInt16], _ headings: [Heading]) -> [Heading] {
        // Lines that are a heading and nothing else (第一章 术语和定义): what may stand before a heading.
        let starts = Set(headings.filter { h in
            (h.kind == .chapter || h.kind == .section || h.kind == .article || h.kind == .item1)
                && (!h.title.isEmpty || (h.label.upperBound ..< h.lineEnd).allSatisfy { Heading.isSpace(t[$0]) })
        }.map { lineStart(t, $0.label.lowerBound) })
        return headings.filter { h in
            guard h.kind == .article || h.kind == .chapter || h.kind == .section, h.title.isEmpty else { return true }
            let after = h.label.upperBound
            if after < h.lineEnd, Heading.isSpace(t[after]) { return true }
            // The last visible unit before this line, and the start of its line.
            var i = lineStart(t, h.label.lowerBound) - 1
            while i >= 0, Heading.isSpace(t[i]) || Heading.isLineBreak(t[i]) { i -= 1 }
            guard i >= 0 else { return true }
            if starts.contains(lineStart(t, i)) { return true }
            let closing: Set<UInt16> = [0x3002, 0xFF1B, 0x3B, 0xFF1A, 0x3A, 0xFF01, 0xFF1F, 0x21, 0x3F, 0xFF09, 0x29, 0x300D, 0x300F, 0x300B]
            return closing.contains(t[i])
        }
    }

    static func lineStart(_ t: [UInt16], _ p: Int) -> Int {
        var i = p
        while i > 0, !Heading.isLineBreak(t[i - 1]) { i -= 1 }
        return i
    }

    static func isSentenceEnd(_ u: UInt16) -> Bool {
        u == 0x3002 || u == 0xFF01 || u == 0xFF1F || u == 0xFF1B || u == 0x3B || u == 0x21 || u == 0x3F
    }

    /// Sentences of a body and the paragraph (款) of each. A line break ends a sentence unless the line
    /// was only wrapped (long, no closing punctuation, the next line no label): text laid out from a PDF.
    /// Numbered items (（1）) stay in the paragraph that introduces them.
    static func sentences(_ t: [UInt16], _ body: Range<Int>, titled: Bool, itemLabels: [Range<Int>]) -> ([Range<Int>], [Int]) {
        var sentences: [Range<Int>] = []
        var paragraphs: [Int] = []
        var paragraph = 0
        var start: Int? = nil
        var lastVisible = body.lowerBound
        var lineVisible = 0
        var firstLine = true
        func close() {
            if let s = start {
                sentences.append(s ..< lastVisible + 1)
                paragraphs.append(paragraph)
            }
            start = nil
        }
        var i = body.lowerBound
        var lineBegin = true
        var previousLineWrapped = false
        while i < body.upperBound {
            let u = t[i]
            if lineBegin {
                lineBegin = false
                var j = i
                while j < body.upperBound, Heading.isSpace(t[j]) { j += 1 }
                let empty = j >= body.upperBound || Heading.isLineBreak(t[j])
                if !empty {
                    let startsItem = itemLabels.contains { $0.lowerBound == j }
                    if previousLineWrapped && !startsItem {
                        // the sentence goes on
                    } else {
                        close()
                        if firstLine {
                            // The label's own line is paragraph 0 when it holds the title.
                            paragraph = titled ? 0 : 1
                        } else if !startsItem || paragraph == 0 {
                            paragraph += 1
                        }
                    }
                    firstLine = false
                    lineVisible = 0
                }
            }
            if Heading.isLineBreak(u) {
                previousLineWrapped = start != nil && lineVisible >= 25 && !isSentenceEnd(t[lastVisible])
                    && t[lastVisible] != 0xFF1A && t[lastVisible] != 0x3A
                if !previousLineWrapped { close() }
                lineBegin = true
                i += 1
                continue
            }
            if !Heading.isSpace(u) {
                if start == nil { start = i }
                lastVisible = i
                lineVisible += 1
                if isSentenceEnd(u) { close() }
            }
            i += 1
        }
        close()
        return (sentences, paragraphs)
    }
}
