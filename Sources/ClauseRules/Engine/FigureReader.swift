import ClauseText

/// Reads what a contract says of its 违约金, 定金, 手续费 and 滞纳金: each time one of these words
/// stands in the text, who pays it and the amount or rate nearest it in the same phrase.
struct FigureReader {
    let text: PreparedText
    let parties: Parties

    /// One place where the text names a 违约金 (or 定金 …): who pays, and its figure if it states one.
    struct Mention {
        var kind: StatedFigure.Kind
        var payer: PartySide?
        var figure: StatedFigure?
    }

    /// How far either side of the word the reader looks: a phrase is shorter, and a text without
    /// punctuation (a hostile one) then costs no more than this per word.
    static let reach = 120

    /// Every mention in text order; a figure belongs to the first word that claims it.
    func mentions() -> [Mention] {
        let units = text.normalized.units
        var claimed = Set<Int>()
        return Self.terms(in: units).map { offset, kind in
            let sentence = text.sentence(containing: offset)
            let window = max(sentence.isEmpty ? 0 : sentence.lowerBound, offset - Self.reach)
                ..< min(sentence.isEmpty ? units.count : sentence.upperBound, offset + Self.reach)
            var mention = read(kind, at: offset, in: window)
            if let figure = mention.figure, !claimed.insert(figure.normalized.lowerBound).inserted { mention.figure = nil }
            return mention
        }
    }

    func figures() -> [StatedFigure] { mentions().compactMap(\.figure) }

    private static let termUnits = StatedFigure.Kind.allCases.map { (units: Array($0.term.utf16), kind: $0) }

    /// Where each of the words starts, in normalized offsets.
    static func terms(in units: [UInt16]) -> [(Int, StatedFigure.Kind)] {
        var found: [(Int, StatedFigure.Kind)] = []
        var i = 0
        while i < units.count {
            if let term = termUnits.first(where: { units[i] == $0.units[0] && units[i...].starts(with: $0.units) }) {
                found.append((i, term.kind))
                i += term.units.count
            } else {
                i += 1
            }
        }
        return found
    }

    private func read(_ kind: StatedFigure.Kind, at start: Int, in window: Range<Int>) -> Mention {
        let string = String(decoding: text.normalized.units[window], as: UTF16.self)
        let utf16 = string.utf16
        func index(_ offset: Int) -> String.Index { utf16.index(utf16.startIndex, offsetBy: offset - window.lowerBound) }
        func offset(_ index: String.Index) -> Int { window.lowerBound + utf16.distance(from: utf16.startIndex, to: index) }
        let term = index(start) ..< index(start + kind.term.utf16.count)
        let phrase = Self.phrase(around: term, in: string, separators: ",;，；")
        // From the last semicolon: the condition ("乙方逾期付款的，") and the payer stand there.
        let part = string[Self.phrase(around: term, in: string, separators: ";；").lowerBound ..< phrase.upperBound]
        let payer = Self.payer(in: part, parties: parties)
        guard let (range, value) = Self.nearest(to: term, in: string, within: phrase) else {
            return Mention(kind: kind, payer: payer)
        }
        let normalized = offset(range.lowerBound) ..< offset(range.upperBound)
        let source = text.sourceRange(ofNormalized: normalized)
        let perDay = if case .percent(_, true) = value { true } else { false }
        let figure = StatedFigure(kind: kind, payer: payer, value: value, breach: Self.breach(in: part, perDay: perDay),
                                  span: SourceSpan(text.source, utf16: source), text: text.source.slice(source),
                                  normalized: normalized)
        return Mention(kind: kind, payer: payer, figure: figure)
    }

    /// The figure of a word: one that follows it closely ("定金2000元", "违约金为总价款的30%"), else the
    /// nearest before it ("总价款30%的违约金"), else any later one in the phrase.
    static func nearest(to term: Range<String.Index>, in string: String,
                        within phrase: Range<String.Index>) -> (Range<String.Index>, StatedFigure.Value)? {
        let amounts = Figures.amounts(in: string).map { ($0.range, StatedFigure.Value.yuan($0.yuan)) }
        let rates = Figures.rates(in: string).map {
            ($0.range, StatedFigure.Value.percent(($0.fraction * 100_000_000).rounded() / 1_000_000, perDay: $0.perDay))
        }
        let inPhrase = (amounts + rates).filter { phrase.contains($0.0.lowerBound) && $0.0.upperBound <= phrase.upperBound }
        let after = inPhrase.filter { $0.0.lowerBound >= term.upperBound }.min { $0.0.lowerBound < $1.0.lowerBound }
        let before = inPhrase.filter { $0.0.upperBound <= term.lowerBound }.max { $0.0.upperBound < $1.0.upperBound }
        if let after, string[term.upperBound ..< after.0.lowerBound].count <= 12 { return after }
        return before ?? after
    }

    static func phrase(around term: Range<String.Index>, in string: String, separators: String) -> Range<String.Index> {
        let start = string[..<term.lowerBound].lastIndex(where: separators.contains).map(string.index(after:))
        let end = string[term.upperBound...].firstIndex(where: separators.contains)
        return (start ?? string.startIndex) ..< (end ?? string.endIndex)
    }
}
