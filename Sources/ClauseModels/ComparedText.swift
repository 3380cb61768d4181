import ClauseText
import Foundation

/// One side of a comparison: the normalized text, its outline, its words, and which sentence each
/// word is in. Built once per document.
final class ComparedText {
    let t: [UInt16]
    let outline: Outline
    let tokens: [Token]
    /// Token indices of each unit's body.
    let unitTokens: [Range<Int>]
    /// Every sentence of the document in order, with its unit and paragraph.
    let sentences: [Sentence]
    /// The sentence index of each token.
    let sentenceOfToken: [Int]
    /// The first sentence index of each unit (sentences of unit u: unitSentences[u]).
    let unitSentences: [Range<Int>]

    struct Sentence {
        var range: Range<Int>
        var unit: Int
        var paragraph: Int
        var tokens: Range<Int>
        var contentTokens: Int
    }

    /// The prepared document this side was made from (nil for bare text in unit tests).
    let prepared: PreparedText?

    /// Works in the extracted text, before normalization: what the reader sees, with its spaces (a
    /// blank left as spaces in a Word file is still a blank there). Words are compared by their
    /// normalized form (NFKC, 繁→简), so width and script make no difference.
    convenience init(_ prepared: PreparedText) {
        let toInput = prepared.normalized.toInput
        let clauses = prepared.clauses.map {
            Clause(label: toInput.sourceRange(of: $0.label), range: toInput.sourceRange(of: $0.range), level: $0.level)
        }
        let normalized = prepared.normalized.units
        self.init(units: prepared.extracted.units, clauses: clauses, prepared: prepared) { range in
            let target = toInput.targetRange(of: range)
            return Tokenizer.key(normalized, target.clamped(to: 0 ..< normalized.count))
        }
    }

    init(units t: [UInt16], clauses: [Clause], prepared: PreparedText? = nil, key: ((Range<Int>) -> UInt64)? = nil) {
        self.t = t
        self.prepared = prepared
        let outline = Outline(t, clauses: clauses)
        self.outline = outline
        // Labels are layout: 第十三条 and （1） renumbered are no change. Chapter lines too.
        var skip = outline.headingLabels + outline.itemLabels + Self.pageNumberLines(t)
        for unit in outline.units where unit.kind != .front {
            skip.append(unit.range.lowerBound ..< unit.body.lowerBound)
        }
        skip.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        for r in skip {
            if let last = merged.last, r.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound ..< max(last.upperBound, r.upperBound)
            } else {
                merged.append(r)
            }
        }
        var tokens = Tokenizer.tokens(t, skip: merged)
        if let key {
            for i in tokens.indices where tokens[i].kind != .blank { tokens[i].key = key(tokens[i].range) }
        }
        self.tokens = tokens

        func firstToken(atOrAfter p: Int) -> Int {
            var low = 0, high = tokens.count
            while low < high {
                let mid = (low + high) / 2
                if tokens[mid].range.lowerBound < p { low = mid + 1 } else { high = mid }
            }
            return low
        }
        unitTokens = outline.units.map { firstToken(atOrAfter: $0.body.lowerBound) ..< firstToken(atOrAfter: $0.range.upperBound) }

        var sentences: [Sentence] = []
        var unitSentences: [Range<Int>] = []
        var sentenceOfToken = [Int](repeating: -1, count: tokens.count)
        for (u, unit) in outline.units.enumerated() {
            let first = sentences.count
            for (s, range) in unit.sentences.enumerated() {
                let tr = firstToken(atOrAfter: range.lowerBound) ..< firstToken(atOrAfter: range.upperBound)
                var content = 0
                for i in tr {
                    sentenceOfToken[i] = sentences.count
                    if tokens[i].isContent { content += 1 }
                }
                sentences.append(Sentence(range: range, unit: u, paragraph: unit.paragraphOfSentence[s], tokens: tr,
                                          contentTokens: content))
            }
            unitSentences.append(first ..< sentences.count)
        }
        // Tokens outside every sentence (none are expected) go with the sentence before them.
        var last = 0
        for i in sentenceOfToken.indices {
            if sentenceOfToken[i] < 0 { sentenceOfToken[i] = last } else { last = sentenceOfToken[i] }
        }
        self.sentences = sentences
        self.sentenceOfToken = sentenceOfToken
        self.unitSentences = unitSentences
    }

    /// Lines that hold only a page number (— 3 —, - 3 -, 第 3 页, 3/12): what a PDF left behind.
    static func pageNumberLines(_ t: [UInt16]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        while start < t.count {
            var end = start
            while end < t.count, !Heading.isLineBreak(t[end]) { end += 1 }
            let line = CompactText.fold(String(decoding: t[start ..< end], as: UTF16.self))
            if !line.isEmpty, line.count <= 12,
               line.range(of: #"^(-+\d+-+|第\d+页(共\d+页)?|\d+/\d+|-\d+-)$"#, options: .regularExpression) != nil {
                out.append(start ..< end)
            }
            start = end + 1
        }
        return out
    }

    func text(_ range: Range<Int>) -> String { String(decoding: t[range], as: UTF16.self) }

    /// The text of a run of tokens, from the first one's start to the last one's end.
    func text(tokens indices: [Int]) -> String {
        guard let first = indices.first, let last = indices.last else { return "" }
        return text(tokens[first].range.lowerBound ..< tokens[last].range.upperBound)
    }

    func fingerprint(units: [Int]) -> Fingerprint {
        Fingerprint(t, ranges: units.map { outline.units[$0].body })
    }

    /// A place's name as the contract would cite it: 第十三条, 第十三条第2款, or 首部.
    func place(unit u: Int, paragraph: Int?) -> String {
        let unit = outline.units[u]
        guard let paragraph, paragraph > 0, unit.kind != .front else { return unit.displayLabel }
        // A unit with one paragraph has no 款 to name.
        let paragraphs = Set(unit.paragraphOfSentence.filter { $0 > 0 })
        return paragraphs.count > 1 ? "\(unit.displayLabel)第\(paragraph)款" : unit.displayLabel
    }

    /// The unit that holds an offset.
    func unit(containing offset: Int) -> Int? {
        outline.units.lastIndex { $0.range.lowerBound <= offset && offset < max($0.range.upperBound, $0.range.lowerBound + 1) }
    }

    /// The sentence that holds an offset (or the nearest one before it).
    func sentence(containing offset: Int) -> Int? {
        var low = 0, high = sentences.count
        while low < high {
            let mid = (low + high) / 2
            if sentences[mid].range.lowerBound <= offset { low = mid + 1 } else { high = mid }
        }
        return low > 0 ? low - 1 : (sentences.isEmpty ? nil : 0)
    }
}

extension PreparedText {
    /// The user's text behind a range of the extracted text (the text a comparison works in).
    func sourceRange(ofExtracted range: Range<Int>) -> Range<Int> {
        extracted.toSource.sourceRange(of: range)
    }
}
