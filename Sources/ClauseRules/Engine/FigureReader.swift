import ClauseText

/// Reads what a contract says of its 违约金, 定金, 手续费 and 滞纳金: each time one of these words
/// stands in the text, who pays it and the amount or rate nearest it in the same phrase.
struct FigureReader {
    let text: PreparedText
    let parties: Parties

    /// One place where the text names a 违约金 (or 定金 …): who pays, for which breach, and its figure if
    /// it states one.
    struct Mention: Sendable {
        var kind: StatedFigure.Kind
        var payer: PartySide?
        var breach: StatedFigure.Breach?
        var figure: StatedFigure?
    }

    /// How far either side of the word the reader looks: a phrase is shorter, and a text without
    /// punctuation (a hostile one) then costs no more than this per word.
    static let reach = 100
    /// How many mentions a document gets read: contracts name these words a few dozen times, and a
    /// hostile text that names them a million times must not cost a million readings.
    static let mostMentions = 500
    /// How far after a heading ("…按下列标准向旅游者支付违约金：") its rows may stand.
    static let rowsReach = 400

    /// Every mention in text order; a figure belongs to the first word that claims it. Rows that do
    /// not say who pays ("行程开始前3日至1日，支付旅游费用总额15%的违约金") take the payer and breach of the
    /// heading above them.
    func mentions() -> [Mention] {
        let units = text.normalized.units
        var claimed = Set<Int>()
        var heading: (end: Int, mention: Mention)? = nil
        return Self.terms(in: units, upTo: Self.mostMentions).map { offset, kind in
            let sentence = text.sentence(containing: offset)
            let window = max(sentence.isEmpty ? 0 : sentence.lowerBound, offset - Self.reach)
                ..< min(sentence.isEmpty ? units.count : sentence.upperBound, offset + Self.reach)
            var mention = read(kind, at: offset, in: window)
            if let figure = mention.figure, !claimed.insert(figure.normalized.lowerBound).inserted { mention.figure = nil }
            if mention.payer == nil, let (end, above) = heading, above.kind == kind, offset - end <= Self.rowsReach {
                mention.payer = above.payer
                mention.breach = mention.breach ?? above.breach
                mention.figure?.payer = mention.payer
                mention.figure?.breach = mention.breach
            } else if mention.payer != nil, mention.figure == nil, Self.endsWithColon(units[sentence]) {
                heading = (sentence.upperBound, mention)
            }
            return mention
        }
    }

    private static func endsWithColon(_ sentence: ArraySlice<UInt16>) -> Bool {
        sentence.last { $0 > 0x20 && $0 != 0x3000 } == 0x3A
    }

    private static let termUnits = StatedFigure.Kind.allCases.map { (units: Array($0.term.utf16), kind: $0) }
    // Compiled once: a regex literal is compiled each time it is evaluated.
    nonisolated(unsafe) private static let goesOn = /金额|数额|标准|比例|为|按|计/

    /// Which code units start one of the words: one look-up per unit of the document, which is most of
    /// the reading's time in a document without figures.
    private static let startsTerm: [Bool] = termUnits.reduce(into: [Bool](repeating: false, count: 0x10000)) {
        $0[Int($1.units[0])] = true
    }

    /// Where each of the words starts, in normalized offsets; at most `limit` of them.
    static func terms(in units: [UInt16], upTo limit: Int) -> [(Int, StatedFigure.Kind)] {
        var found: [(Int, StatedFigure.Kind)] = []
        var i = 0
        while i < units.count && found.count < limit {
            if startsTerm[Int(units[i])],
               let term = termUnits.first(where: { units[i...].starts(with: $0.units) }) {
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
        // Amounts and rates are looked for from the semicolon before the word to the end of the phrase
        // after its own, the farthest a figure of it can stand.
        let next = phrase.upperBound < string.endIndex ? string.index(after: phrase.upperBound) : phrase.upperBound
        let reachEnd = Self.phrase(around: next ..< next, in: string, separators: ",;，；").upperBound
        let candidates = Self.candidates(in: string[part.startIndex ..< max(reachEnd, phrase.upperBound)])
        guard let (range, value) = Self.nearest(to: term, in: string, within: phrase, among: candidates)
            ?? Self.following(term, after: phrase, in: string, among: candidates) else {
            return Mention(kind: kind, payer: payer, breach: Self.breach(in: part, perDay: false))
        }
        let normalized = offset(range.lowerBound) ..< offset(range.upperBound)
        let source = text.sourceRange(ofNormalized: normalized)
        let perDay = if case .percent(_, true) = value { true } else { false }
        let breach = Self.breach(in: part, perDay: perDay)
        let figure = StatedFigure(kind: kind, payer: payer, value: value, breach: breach,
                                  span: SourceSpan(text.source, utf16: source), text: text.source.slice(source),
                                  normalized: normalized)
        return Mention(kind: kind, payer: payer, breach: breach, figure: figure)
    }

    typealias Candidate = (range: Range<String.Index>, value: StatedFigure.Value)

    /// Every amount and rate of the window.
    static func candidates(in string: Substring) -> [Candidate] {
        let amounts = Figures.amounts(in: string).map { Candidate($0.range, .yuan($0.yuan)) }
        let rates = Figures.rates(in: string).map {
            Candidate($0.range, .percent(($0.fraction * 100_000_000).rounded() / 1_000_000, perDay: $0.perDay))
        }
        return amounts + rates
    }

    /// The figure of a word: one that follows it closely ("定金2000元", "违约金为总价款的30%"), else the
    /// nearest before it ("总价款30%的违约金"), else any later one in the phrase.
    static func nearest(to term: Range<String.Index>, in string: String, within phrase: Range<String.Index>,
                        among candidates: [Candidate]) -> Candidate? {
        let inPhrase = inside(phrase, candidates)
        let after = inPhrase.filter { $0.range.lowerBound >= term.upperBound }.min { $0.range.lowerBound < $1.range.lowerBound }
        let before = inPhrase.filter { $0.range.upperBound <= term.lowerBound }.max { $0.range.upperBound < $1.range.upperBound }
        if let after, string[term.upperBound ..< after.range.lowerBound].count <= 12 { return after }
        return before ?? after
    }

    /// "违约金，金额为超期费用的300%": the word ends its phrase and the next phrase goes on about it.
    static func following(_ term: Range<String.Index>, after phrase: Range<String.Index>, in string: String,
                          among candidates: [Candidate]) -> Candidate? {
        guard phrase.upperBound < string.endIndex, ",，".contains(string[phrase.upperBound]),
              string[term.upperBound ..< phrase.upperBound].count <= 2 else { return nil }
        let start = string.index(after: phrase.upperBound)
        let next = Self.phrase(around: start ..< start, in: string, separators: ",;，；")
        guard string[next].prefixMatch(of: Self.goesOn) != nil else { return nil }
        return inside(next, candidates).min { $0.range.lowerBound < $1.range.lowerBound }
    }

    private static func inside(_ range: Range<String.Index>, _ candidates: [Candidate]) -> [Candidate] {
        candidates.filter { range.contains($0.range.lowerBound) && $0.range.upperBound <= range.upperBound }
    }

    static func phrase(around term: Range<String.Index>, in string: String, separators: String) -> Range<String.Index> {
        let start = string[..<term.lowerBound].lastIndex(where: separators.contains).map(string.index(after:))
        let end = string[term.upperBound...].firstIndex(where: separators.contains)
        return (start ?? string.startIndex) ..< (end ?? string.endIndex)
    }
}
