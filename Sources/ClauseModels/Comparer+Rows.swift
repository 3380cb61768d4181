import ClauseText

/// The side-by-side view: one row per aligned group in the contract's order, model units with no
/// partner where they stood in the model, contract units with no partner where they stand.
extension Work {
    func rows() -> [ModelComparison.Row] {
        var rows: [ModelComparison.Row] = []
        let modelMarks = self.modelMarks, contractMarks = self.contractMarks
        var emittedModel = Set<Int>()
        func emitModel(upTo limit: Int) {
            for u in m.outline.units.indices where u < limit && !emittedModel.contains(u) && alignment.modelGroup[u] == nil {
                emittedModel.insert(u)
                rows.append(.init(modelLabel: m.outline.units[u].displayLabel, contractLabel: nil,
                                  model: segments(m, units: [u], marks: modelMarks), contract: []))
            }
        }
        var emittedGroups = Set<Int>()
        for u in c.outline.units.indices {
            if let g = alignment.contractGroup[u] {
                guard !emittedGroups.contains(g) else { continue }
                emittedGroups.insert(g)
                let group = alignment.groups[g]
                emitModel(upTo: group.model.first ?? 0)
                group.model.forEach { emittedModel.insert($0) }
                rows.append(.init(modelLabel: group.model.map { m.outline.units[$0].displayLabel }.joined(separator: "、"),
                                  contractLabel: group.contract.map { c.outline.units[$0].displayLabel }.joined(separator: "、"),
                                  model: segments(m, units: group.model, marks: modelMarks),
                                  contract: segments(c, units: group.contract, marks: contractMarks)))
            } else {
                rows.append(.init(modelLabel: nil, contractLabel: c.outline.units[u].displayLabel, model: [],
                                  contract: segments(c, units: [u], marks: contractMarks)))
            }
        }
        emitModel(upTo: Int.max)
        return rows
    }

    var modelMarks: [ModelComparison.Mark] {
        m.tokens.indices.map { i in
            if mFilled[i] { return .filled }
            if mMatched[i] { return movedModel.contains(m.sentenceOfToken[i]) ? .moved : .same }
            return .deleted
        }
    }

    var contractMarks: [ModelComparison.Mark] {
        c.tokens.indices.map { i in
            if cFilled[i] { return .filled }
            if cMatched[i] { return movedContract.contains(c.sentenceOfToken[i]) ? .moved : .same }
            return .inserted
        }
    }

    /// The units' source text cut where the marks change. Punctuation and spaces between two marked
    /// words take their mark, so a changed phrase reads as one.
    func segments(_ doc: ComparedText, units: [Int], marks: [ModelComparison.Mark]) -> [ModelComparison.Segment] {
        let prepared = doc === m ? model : contract
        var out: [ModelComparison.Segment] = []
        func add(_ range: Range<Int>, _ mark: ModelComparison.Mark) {
            guard !range.isEmpty else { return }
            if let last = out.last, last.mark == mark, last.range.upperBound == range.lowerBound {
                out[out.count - 1].range = last.range.lowerBound ..< range.upperBound
            } else {
                out.append(.init(range: range, mark: mark))
            }
        }
        for u in units {
            let unit = doc.outline.units[u]
            var position = unit.range.lowerBound
            var pending: (Range<Int>, ModelComparison.Mark)? = nil
            for i in doc.unitTokens[u] {
                let r = doc.tokens[i].range
                let mark = marks[i]
                if mark == .same {
                    continue
                }
                if let p = pending, p.1 == mark, doc.t[p.0.upperBound ..< r.lowerBound].allSatisfy({ Heading.isSpace($0) || !isWordy($0) }),
                   r.lowerBound - p.0.upperBound <= 2 {
                    pending = (p.0.lowerBound ..< r.upperBound, mark)
                    continue
                }
                if let p = pending {
                    add(position ..< p.0.lowerBound, .same)
                    add(p.0, p.1)
                    position = p.0.upperBound
                }
                pending = (r, mark)
            }
            if let p = pending {
                add(position ..< p.0.lowerBound, .same)
                add(p.0, p.1)
                position = p.0.upperBound
            }
            add(position ..< unit.range.upperBound, .same)
        }
        // To the user's own text, keeping the pieces in order and not overlapping.
        var mapped: [ModelComparison.Segment] = []
        var floor = 0
        for s in out {
            let r = prepared.sourceRange(ofExtracted: s.range)
            let lower = max(r.lowerBound, floor), upper = max(lower, r.upperBound)
            if lower < upper { mapped.append(.init(range: lower ..< upper, mark: s.mark)) }
            floor = upper
        }
        return mapped
    }

    func isWordy(_ u: UInt16) -> Bool { Fingerprint.counts(CompactText.fold(u)) }
}
