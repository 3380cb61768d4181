import ClauseText

/// One document being matched: runs a rule's patterns and judges each hit in its context.
///
/// The work per hit is bounded, whatever the document: a scope reaches at most `scopeReach` units
/// either side of the match (a "sentence" or "clause" longer than that is not one: a 100 MB file on
/// one line, a text without a full stop), and what a figures check reads of the whole document is read
/// once per document. Otherwise a large document full of hits costs the square of its size.
final class MatchContext {
    let text: PreparedText
    let units: UnsafeBufferPointer<UInt16>
    let parties: Parties
    let scratch: MatchScratch
    /// Where the checks' literals are, for large scopes (nil: checks search their whole scope).
    private let checkFilter: Once<CheckFilter>?
    private lazy var checkOccurrences = checkFilter?.value.occurrences(in: units)

    static let scopeReach = 4_000
    /// A check searches a scope up to this size directly; beyond it, only where its literals are.
    static let smallScope = 512

    private let figures: FigureReading?

    init(text: PreparedText, units: UnsafeBufferPointer<UInt16>, parties: Parties, scratch: MatchScratch,
         checkFilter: Once<CheckFilter>? = nil, figures: FigureReading? = nil) {
        self.text = text
        self.units = units
        self.parties = parties
        self.scratch = scratch
        self.checkFilter = checkFilter
        self.figures = figures
    }

    /// Built only when a rule with `figures:` fires (it reads the whole document unless the caller
    /// read it already), then kept.
    private(set) lazy var figureJudge = FigureJudge(text: text, parties: parties, reading: figures)

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: units[range]), as: UTF16.self)
    }

    /// The rule's findings; `starts(i)` says where pattern `i` may start a match (see `Prefilter`).
    func findings(of rule: CompiledRule, starts: (Int) -> Prefilter.Starts = { _ in .everywhere }) throws(MatchError) -> [Finding] {
        var found: [Finding] = []
        for (index, pattern) in rule.patterns.enumerated() {
            let matches: [Pattern.Match]
            switch starts(index) {
            case .everywhere:
                matches = try pattern.allMatches(in: units, from: 0, to: units.count, scratch: scratch)
            case let .within(windows):
                if windows.isEmpty { continue }
                matches = try pattern.allMatches(in: units, startingWithin: windows, scratch: scratch)
            }
            for match in matches {
                if let finding = try judge(match, of: rule) { found.append(finding) }
            }
        }
        return found
    }

    /// A hit becomes a finding when its scope has every required pattern, no `unless` pattern, no
    /// `unless_before` pattern right before it, and its party (if the rule asks) is the right side.
    private func judge(_ match: Pattern.Match, of compiled: CompiledRule) throws(MatchError) -> Finding? {
        let rule = compiled.rule
        let hit = match.reported
        let scope = self.scope(of: match.range, rule.scope)
        for pattern in compiled.requires where !(try check(pattern, in: scope)) {
            return nil
        }
        for pattern in compiled.packUnless where try check(pattern, in: scope) {
            return nil
        }
        let guarded = rule.scope == .sentence ? part(around: match.range, in: scope) : scope
        for pattern in compiled.unless where try check(pattern, in: guarded) {
            return nil
        }
        let before = min(scope.lowerBound, hit.lowerBound)
        for pattern in compiled.unlessBefore where try check(pattern, in: before ..< hit.lowerBound) {
            return nil
        }
        var figures: String? = nil
        if let check = rule.figures {
            let sentence = self.scope(of: match.range, .sentence)
            figures = figureJudge.judge(check, hit: match.range, sentence: sentence)
            if figures == nil { return nil }
        }
        var severity = rule.severity
        if let wanted = rule.party, let partyRange = match.party {
            let name = String(decoding: UnsafeBufferPointer(rebasing: units[partyRange]), as: UTF16.self)
            switch parties.side(of: name) {
            case wanted?: break
            case nil: severity = min(severity, .warning)
            default: return nil
            }
        }
        let sourceRange = text.sourceRange(ofNormalized: hit)
        return Finding(rule: rule, severity: severity, span: SourceSpan(text.source, utf16: sourceRange),
                       sourceRange: sourceRange, text: text.source.slice(sourceRange),
                       clause: clauseReference(at: hit.lowerBound), figures: figures)
    }

    /// Whether a check pattern matches within `range` (the text ends there for it); in a large scope,
    /// searched only where its literals say a match can start (see `CheckFilter`).
    private func check(_ pattern: Pattern, in range: Range<Int>) throws(MatchError) -> Bool {
        guard range.count > Self.smallScope, let windows = checkOccurrences?.starts(of: pattern, within: range) else {
            return try pattern.matches(in: units, from: range.lowerBound, to: range.upperBound, scratch: scratch)
        }
        for window in windows {
            if try pattern.firstMatch(in: units, from: window.lowerBound, to: range.upperBound, startLimit: window.upperBound,
                                      scratch: scratch) != nil { return true }
        }
        return false
    }

    /// The sentences a match touches, or the clause around it (the line, in a text without numbering),
    /// at most `scopeReach` units either side of the match.
    private func scope(of range: Range<Int>, _ scope: RuleScope) -> Range<Int> {
        let whole = unboundedScope(of: range, scope)
        return max(whole.lowerBound, range.lowerBound - Self.scopeReach) ..< min(whole.upperBound, range.upperBound + Self.scopeReach)
    }

    private func unboundedScope(of range: Range<Int>, _ scope: RuleScope) -> Range<Int> {
        switch scope {
        case .sentence:
            let first = text.sentence(containing: range.lowerBound)
            let last = text.sentence(containing: max(range.lowerBound, range.upperBound - 1))
            return min(first.lowerBound, range.lowerBound) ..< max(last.upperBound, range.upperBound)
        case .clause:
            if let clause = text.clause(containing: range.lowerBound) {
                return min(clause.range.lowerBound, range.lowerBound) ..< max(clause.range.upperBound, range.upperBound)
            }
            return line(around: range)
        }
    }

    /// The part of a sentence a match stands in: from the semicolon before it to the semicolon after it,
    /// where a part that opens with 但 (a saving: "；但因本公司过错造成的除外") goes with the one before.
    /// Parts joined by semicolons are separate provisions: a password named in one does not excuse the
    /// disclaimer in the next.
    func part(around range: Range<Int>, in scope: Range<Int>) -> Range<Int> {
        var start = range.lowerBound
        while start > scope.lowerBound && units[start - 1] != Self.semicolon { start -= 1 }
        var end = range.upperBound
        while end < scope.upperBound {
            if units[end] == Self.semicolon {
                var next = end + 1
                while next < scope.upperBound && (units[next] == 0x20 || units[next] == 0x0A) { next += 1 }
                if next >= scope.upperBound || units[next] != Self.but { break }
            }
            end += 1
        }
        return start ..< end
    }

    /// ";" (a full-width ； is one after normalization) and 但.
    private static let semicolon: UInt16 = 0x3B
    private static let but: UInt16 = 0x4F46

    /// The line around a match; looked for no further than the scope reaches.
    private func line(around range: Range<Int>) -> Range<Int> {
        var start = range.lowerBound, end = range.upperBound
        let first = max(0, range.lowerBound - Self.scopeReach), last = min(units.count, range.upperBound + Self.scopeReach)
        while start > first && units[start - 1] != 0x0A { start -= 1 }
        while end < last && units[end] != 0x0A { end += 1 }
        return start ..< end
    }

    private func clauseReference(at offset: Int) -> ClauseReference? {
        guard let clause = text.clause(containing: offset) else { return nil }
        let label = text.sourceRange(ofNormalized: clause.label)
        let whole = text.sourceRange(ofNormalized: clause.range)
        return ClauseReference(label: text.source.slice(label),
                               start: text.source.scalarOffset(whole.lowerBound),
                               end: text.source.scalarOffset(whole.upperBound))
    }
}
