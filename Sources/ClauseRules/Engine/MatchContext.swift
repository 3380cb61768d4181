import ClauseText

/// One document being matched: runs a rule's patterns and judges each hit in its context.
struct MatchContext {
    let text: PreparedText
    let units: UnsafeBufferPointer<UInt16>
    let parties: Parties
    let scratch: MatchScratch

    /// Built only when a rule with `figures:` fires (it reads the whole document).
    var figureJudge: FigureJudge {
        FigureJudge(document: string(0 ..< units.count), sentences: text.sentences.map(string), parties: parties)
    }

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
        for pattern in compiled.requires where !(try pattern.matches(in: units, from: scope.lowerBound, to: scope.upperBound, scratch: scratch)) {
            return nil
        }
        for pattern in compiled.unless where try pattern.matches(in: units, from: scope.lowerBound, to: scope.upperBound, scratch: scratch) {
            return nil
        }
        let before = min(scope.lowerBound, hit.lowerBound)
        for pattern in compiled.unlessBefore where try pattern.matches(in: units, from: before, to: hit.lowerBound, scratch: scratch) {
            return nil
        }
        var figures: String? = nil
        if let check = rule.figures {
            let sentence = self.scope(of: match.range, .sentence)
            figures = figureJudge.judge(check, hitSentence: string(sentence))
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

    /// The sentences a match touches, or the clause around it (the line, in a text without numbering).
    private func scope(of range: Range<Int>, _ scope: RuleScope) -> Range<Int> {
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

    private func line(around range: Range<Int>) -> Range<Int> {
        var start = range.lowerBound, end = range.upperBound
        while start > 0 && units[start - 1] != 0x0A { start -= 1 }
        while end < units.count && units[end] != 0x0A { end += 1 }
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
