import ClauseRules
import ClauseText

/// Compares a contract with a published model text: aligns their units, diffs aligned units word by
/// word, finds sentences that moved, and sorts what is left into missing, changed and added. With a
/// profile, its protections and figures are checked too and decide the kind where they apply.
public struct ModelComparer: Sendable {
    public var profile: ModelProfile?

    public init(profile: ModelProfile?) { self.profile = profile }

    /// Compares `contract` (with the findings the rules gave on it) with the model text `model`.
    public func compare(contract: PreparedText, findings: [Finding], model: PreparedText,
                        info: ModelComparison.ModelInfo) -> ModelComparison {
        let m = ComparedText(model)
        let c = ComparedText(contract)
        var work = Work(m: m, c: c, contract: contract, model: model, findings: findings, profile: profile)
        return work.run(info: info)
    }
}

/// One comparison in progress.
struct Work {
    let m: ComparedText
    let c: ComparedText
    let contract: PreparedText
    let model: PreparedText
    let findings: [Finding]
    let profile: ModelProfile?
    let classifier: ChangeClassifier

    var mMatched: [Bool]
    var cMatched: [Bool]
    var mFilled: [Bool]
    var cFilled: [Bool]
    /// The model token each contract token was matched with.
    var partner: [Int]
    var hunks: [Hunk] = []
    var alignment: Alignment! = nil
    var mGone: [Bool] = []
    var cNew: [Bool] = []
    var movedModel = Set<Int>()
    var movedContract = Set<Int>()

    struct Hunk {
        var del: [Int]
        var ins: [Int]
        /// The contract tokens just before and after the hunk.
        var before: Int?
        var after: Int?
        var moved: Bool
    }

    init(m: ComparedText, c: ComparedText, contract: PreparedText, model: PreparedText, findings: [Finding],
         profile: ModelProfile?) {
        self.m = m
        self.c = c
        self.contract = contract
        self.model = model
        self.findings = findings
        self.profile = profile
        classifier = ChangeClassifier(business: profile?.business ?? [], consumer: profile?.consumer ?? [])
        mMatched = Array(repeating: false, count: m.tokens.count)
        cMatched = Array(repeating: false, count: c.tokens.count)
        mFilled = mMatched
        cFilled = cMatched
        partner = Array(repeating: -1, count: c.tokens.count)
    }

    mutating func run(info: ModelComparison.ModelInfo) -> ModelComparison {
        alignment = Alignment(model: m, contract: c)
        for group in alignment.groups {
            analyzeGroup(model: group.model, contract: group.contract)
        }
        markSentences()
        matchMovedSentences()

        var result = ModelComparison(model: info, similarity: similarity(), basis: .text)
        result.changed = changes()
        result.missing = missingItems()
        result.added = addedItems()
        result.modelSource = model.source
        if let profile {
            applyProfile(profile, to: &result)
        }
        result.missing.sort { ($0.modelRange?.lowerBound ?? 0) < ($1.modelRange?.lowerBound ?? 0) }
        result.changed.sort { $0.contractRange.lowerBound < $1.contractRange.lowerBound }
        result.added.sort { $0.contractRange.lowerBound < $1.contractRange.lowerBound }
        result.rows = rows()
        return result
    }

    // MARK: word diff of aligned text

    /// Sentences that are the same word for word anchor the diff (as lines do in a line diff); the
    /// words between anchors are diffed word by word. Without anchors, two option lines that share
    /// their first words would be paired across the one that was dropped.
    mutating func analyzeGroup(model: [Int], contract: [Int]) {
        func sentences(_ doc: ComparedText, _ units: [Int]) -> [Int] { units.flatMap { Array(doc.unitSentences[$0]) } }
        func key(_ doc: ComparedText, _ s: Int) -> UInt64 {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            var content = false
            for i in doc.sentences[s].tokens where doc.tokens[i].isContent {
                h = (h ^ doc.tokens[i].key) &* 0x0000_0100_0000_01B3
                content = true
            }
            // A sentence without words anchors nothing.
            return content ? h : UInt64(s) &+ (doc === m ? 0x1_0000_0000 : 0x2_0000_0000)
        }
        let ms = sentences(m, model), cs = sentences(c, contract)
        let mTokens = model.flatMap { Array(m.unitTokens[$0]) }, cTokens = contract.flatMap { Array(c.unitTokens[$0]) }
        // Only sentences found once on each side anchor (as in patience diff): a sentence said four
        // times could be paired with the wrong one of its repeats.
        let mKeys = ms.map { key(m, $0) }, cKeys = cs.map { key(c, $0) }
        var counts: [UInt64: (Int, Int)] = [:]
        for k in mKeys { counts[k, default: (0, 0)].0 += 1 }
        for k in cKeys { counts[k, default: (0, 0)].1 += 1 }
        let mUnique = mKeys.indices.filter { counts[mKeys[$0]]! == (1, 1) }
        let cUnique = cKeys.indices.filter { counts[cKeys[$0]]! == (1, 1) }
        let anchors = Diff.matches(mUnique.map { mKeys[$0] }, cUnique.map { cKeys[$0] })
            .map { Diff.Pair(a: mUnique[$0.a], b: cUnique[$0.b]) }
        // Token positions (within mTokens / cTokens) where each anchored sentence starts and ends.
        let mPosition = Dictionary(uniqueKeysWithValues: mTokens.enumerated().map { ($1, $0) })
        let cPosition = Dictionary(uniqueKeysWithValues: cTokens.enumerated().map { ($1, $0) })
        func span(_ doc: ComparedText, _ s: Int, _ position: [Int: Int]) -> Range<Int>? {
            let tokens = doc.sentences[s].tokens.compactMap { position[$0] }
            guard let first = tokens.min(), let last = tokens.max() else { return nil }
            return first ..< last + 1
        }
        var mFrom = 0, cFrom = 0
        for anchor in anchors {
            guard let mSpan = span(m, ms[anchor.a], mPosition), let cSpan = span(c, cs[anchor.b], cPosition),
                  mSpan.lowerBound >= mFrom, cSpan.lowerBound >= cFrom else { continue }
            analyze(Array(mTokens[mFrom ..< mSpan.lowerBound]), Array(cTokens[cFrom ..< cSpan.lowerBound]), moved: false,
                    before: cFrom > 0 ? cTokens[cFrom - 1] : nil, after: cTokens[cSpan.lowerBound])
            analyze(Array(mTokens[mSpan]), Array(cTokens[cSpan]), moved: false)
            mFrom = mSpan.upperBound
            cFrom = cSpan.upperBound
        }
        analyze(Array(mTokens[mFrom...]), Array(cTokens[cFrom...]), moved: false,
                before: cFrom > 0 ? cTokens[cFrom - 1] : nil, after: nil)
    }

    /// `before` and `after`: the contract tokens around these, for placing a pure deletion.
    mutating func analyze(_ mIdx: [Int], _ cIdx: [Int], moved: Bool, before: Int? = nil, after: Int? = nil) {
        guard !mIdx.isEmpty || !cIdx.isEmpty else { return }
        let a = mIdx.map { m.tokens[$0].key }, b = cIdx.map { c.tokens[$0].key }
        let pairs = cleanup(Diff.matches(a, b), mIdx, cIdx)
        var previousA = -1, previousB = -1
        for p in pairs + [Diff.Pair(a: a.count, b: b.count)] {
            let del = Array(mIdx[(previousA + 1) ..< p.a]), ins = Array(cIdx[(previousB + 1) ..< p.b])
            if !del.isEmpty || !ins.isEmpty {
                hunk(del, ins, before: previousB >= 0 ? cIdx[previousB] : before, after: p.b < b.count ? cIdx[p.b] : after, moved: moved)
            }
            if p.a < a.count {
                mMatched[mIdx[p.a]] = true
                cMatched[cIdx[p.b]] = true
                partner[cIdx[p.b]] = mIdx[p.a]
            }
            previousA = p.a
            previousB = p.b
        }
    }

    /// Drops matches of one or two characters stranded between larger edits (的, a comma): they make
    /// one change look like several.
    func cleanup(_ pairs: [Diff.Pair], _ mIdx: [Int], _ cIdx: [Int]) -> [Diff.Pair] {
        // Runs of consecutive matches.
        var runs: [[Diff.Pair]] = []
        for p in pairs {
            if let last = runs.last?.last, last.a + 1 == p.a, last.b + 1 == p.b {
                runs[runs.count - 1].append(p)
            } else {
                runs.append([p])
            }
        }
        func chars(_ run: [Diff.Pair]) -> Int { run.reduce(0) { $0 + m.tokens[mIdx[$1.a]].range.count } }
        func gap(_ from: Diff.Pair?, _ to: Diff.Pair?) -> Int {
            let a0 = (from?.a ?? -1) + 1, a1 = to?.a ?? mIdx.count
            let b0 = (from?.b ?? -1) + 1, b1 = to?.b ?? cIdx.count
            let del = (a0 ..< max(a0, a1)).reduce(0) { $0 + m.tokens[mIdx[$1]].range.count }
            let ins = (b0 ..< max(b0, b1)).reduce(0) { $0 + c.tokens[cIdx[$1]].range.count }
            return del + ins
        }
        var kept: [[Diff.Pair]] = []
        for (i, run) in runs.enumerated() {
            let length = chars(run)
            if length <= 2, i + 1 < runs.count {
                let before = gap(kept.last?.last, run.first), after = gap(run.last, runs[i + 1].first)
                if before > length, after > length { continue }
            }
            kept.append(run)
        }
        return kept.flatMap { $0 }
    }

    mutating func hunk(_ del: [Int], _ ins: [Int], before: Int?, after: Int?, moved: Bool) {
        let delContent = del.filter { m.tokens[$0].isContent }, insContent = ins.filter { c.tokens[$0].isContent }
        if delContent.isEmpty && insContent.isEmpty { return }
        let delBlank = !delContent.isEmpty && delContent.allSatisfy { m.tokens[$0].kind == .blank }
        let insBlank = !insContent.isEmpty && insContent.allSatisfy { c.tokens[$0].kind == .blank }
        // A blank of the model filled in (or a value of the model left blank) is no difference,
        // unless what was written there is whole sentences: that is added text.
        if delBlank && (insContent.isEmpty || isShortFill(ins, in: c)) || insBlank && (delContent.isEmpty || isShortFill(del, in: m)) {
            for i in del { mMatched[i] = true; mFilled[i] = true }
            for i in ins { cMatched[i] = true; cFilled[i] = true }
            return
        }
        hunks.append(Hunk(del: del, ins: ins, before: before, after: after, moved: moved))
    }

    /// What fills a blank is a name, a date, a figure: short and not a sentence of its own.
    func isShortFill(_ tokens: [Int], in doc: ComparedText) -> Bool {
        guard let first = tokens.first, let last = tokens.last else { return true }
        let range = doc.tokens[first].range.lowerBound ..< doc.tokens[last].range.upperBound
        return range.count <= 60 && !range.contains { Outline.isSentenceEnd(doc.t[$0]) }
    }

    // MARK: sentences gone, new and moved

    /// A sentence is gone (model) or new (contract) when little of its content found a partner.
    /// Title lines and sentences of blanks only never are.
    mutating func markSentences() {
        mGone = m.sentences.map { isUnmatched($0, doc: m, matched: mMatched) }
        cNew = c.sentences.map { isUnmatched($0, doc: c, matched: cMatched) }
    }

    func isUnmatched(_ s: ComparedText.Sentence, doc: ComparedText, matched: [Bool]) -> Bool {
        guard s.paragraph > 0, s.contentTokens > 0 else { return false }
        // Words only: blanks are placeholders, filled or not.
        var words = 0, hits = 0
        for i in s.tokens where doc.tokens[i].kind == .word {
            words += 1
            if matched[i] { hits += 1 }
        }
        if words == 0 { return false }
        return Double(hits) < 0.34 * Double(words)
    }

    /// A gone model sentence and a new contract sentence that say nearly the same were moved.
    mutating func matchMovedSentences() {
        let gone = m.sentences.indices.filter { mGone[$0] && m.sentences[$0].unit != 0 }
        let new = c.sentences.indices.filter { cNew[$0] && c.sentences[$0].unit != 0 }
        guard !gone.isEmpty, !new.isEmpty else { return }
        let gonePrints = gone.map { Fingerprint(m.t, range: m.sentences[$0].range) }
        let newPrints = new.map { Fingerprint(c.t, range: c.sentences[$0].range) }
        var candidates: [(Double, Int, Int)] = []
        for (x, g) in gonePrints.enumerated() where g.bigrams.count >= 4 {
            for (y, n) in newPrints.enumerated() where n.bigrams.count >= 4 {
                let d = g.dice(n)
                if d >= 0.6 { candidates.append((d, x, y)) }
            }
        }
        var usedGone = Set<Int>(), usedNew = Set<Int>()
        for (_, x, y) in candidates.sorted(by: { $0.0 > $1.0 }) where !usedGone.contains(x) && !usedNew.contains(y) {
            usedGone.insert(x)
            usedNew.insert(y)
            let ms = m.sentences[gone[x]], cs = c.sentences[new[y]]
            analyze(Array(ms.tokens), Array(cs.tokens), moved: true)
            movedModel.insert(gone[x])
            movedContract.insert(new[y])
        }
        markSentences()
    }

    // MARK: items

    func similarity() -> Double {
        var matched = 0, total = 0
        for (i, t) in m.tokens.enumerated() where t.isContent {
            total += 1
            if mMatched[i] { matched += 1 }
        }
        for (i, t) in c.tokens.enumerated() where t.isContent {
            total += 1
            if cMatched[i] { matched += 1 }
        }
        return total == 0 ? 1 : Double(matched) / Double(total)
    }

    /// The contract sentence a hunk belongs to.
    func anchorSentence(_ h: Hunk, ins: [Int]) -> Int? {
        if let first = ins.first(where: { c.tokens[$0].isContent }) { return c.sentenceOfToken[first] }
        if let b = h.before, !Outline.isSentenceEnd(c.t[c.tokens[b].range.lowerBound]) { return c.sentenceOfToken[b] }
        if let a = h.after { return c.sentenceOfToken[a] }
        return h.before.map { c.sentenceOfToken[$0] }
    }

    func changes() -> [ModelComparison.Changed] {
        var groups: [Int: [(del: [Int], ins: [Int], moved: Bool)]] = [:]
        var order: [Int] = []
        for h in hunks {
            let del = h.del.filter { !mGone[m.sentenceOfToken[$0]] }
            let ins = h.ins.filter { !cNew[c.sentenceOfToken[$0]] }
            guard del.contains(where: { m.tokens[$0].isContent }) || ins.contains(where: { c.tokens[$0].isContent }) else { continue }
            // The title of a unit that a split (or merge) made is structure, not a change of wording.
            if isExtraTitle(del, m, alignment.modelGroup, side: \.model) && isExtraTitle(ins, c, alignment.contractGroup, side: \.contract) {
                continue
            }
            guard let anchor = anchorSentence(h, ins: ins) else { continue }
            if c.sentences[anchor].unit == 0 { continue }  // the front matter: see README
            if let d = del.first, m.sentences[m.sentenceOfToken[d]].unit == 0 { continue }
            if groups[anchor] == nil { order.append(anchor) }
            groups[anchor, default: []].append((del, ins, h.moved))
        }
        var out: [ModelComparison.Changed] = []
        for anchor in order {
            let parts = groups[anchor]!
            var cSentences = Set([anchor])
            var mSentences = Set<Int>()
            for part in parts {
                for i in part.ins { cSentences.insert(c.sentenceOfToken[i]) }
                for i in part.del { mSentences.insert(m.sentenceOfToken[i]) }
            }
            let cRange = cSentences.map { c.sentences[$0].range }.reduce(nil as Range<Int>?) { union($0, $1) }!
            // The model sentences the contract sentence's kept words came from.
            for s in cSentences {
                for i in c.sentences[s].tokens where partner[i] >= 0 { mSentences.insert(m.sentenceOfToken[partner[i]]) }
            }
            let mRange = mSentences.map { m.sentences[$0].range }.reduce(nil as Range<Int>?) { union($0, $1) }
            let edits = parts.map { ModelComparison.Edit(deleted: m.text(tokens: $0.del), inserted: c.text(tokens: $0.ins)) }
            let text = c.text(cRange)
            let modelText = mRange.map { m.text($0) } ?? ""
            let unitStart = c.outline.units[c.sentences[anchor].unit].body.lowerBound
            let context = c.text(max(unitStart, cRange.lowerBound - 150) ..< max(unitStart, cRange.lowerBound))
            var (kind, reason) = classifier.classify(edits: edits, text: text, modelText: modelText, context: context)
            if parts.allSatisfy(\.moved) && kind == .different { reason = "移到了别处并有改动" }
            let firstModel = mSentences.min()
            // Words put into a title line have no model sentence of their own: name the aligned unit.
            let alignedModel = alignment.contractGroup[c.sentences[anchor].unit].flatMap { alignment.groups[$0].model.first }
            let modelClause = firstModel.map { m.place(unit: m.sentences[$0].unit, paragraph: m.sentences[$0].paragraph) }
                ?? alignedModel.map { m.outline.units[$0].displayLabel } ?? ""
            out.append(changed(modelClause: modelClause, contractRange: cRange, modelRange: mRange, text: text,
                               modelText: modelText, kind: kind, reason: reason, edits: edits))
        }
        return out
    }

    /// Whether every content token is in the title line of a unit that is not the first of its group.
    func isExtraTitle(_ tokens: [Int], _ doc: ComparedText, _ groupOf: [Int?], side: KeyPath<Alignment.Group, [Int]>) -> Bool {
        tokens.allSatisfy { i in
            guard doc.tokens[i].isContent else { return true }
            let sentence = doc.sentences[doc.sentenceOfToken[i]]
            guard sentence.paragraph == 0, let g = groupOf[sentence.unit] else { return false }
            return alignment.groups[g][keyPath: side].first != sentence.unit
        }
    }

    func changed(modelClause: String, contractRange: Range<Int>, modelRange: Range<Int>?, text: String, modelText: String,
                 kind: ModelComparison.Kind, reason: String?, edits: [ModelComparison.Edit]) -> ModelComparison.Changed {
        let source = contract.sourceRange(ofExtracted: contractRange)
        let unit = c.unit(containing: contractRange.lowerBound)
        return ModelComparison.Changed(
            modelClause: modelClause, clause: unit.map { c.outline.units[$0].displayLabel },
            span: SourceSpan(contract.source, utf16: source), sourceRange: source,
            text: contract.source.slice(source), modelText: modelText, kind: kind, reason: reason, protects: nil,
            edits: edits, findings: ruleIDs(in: source), contractRange: contractRange, modelRange: modelRange)
    }

    func union(_ a: Range<Int>?, _ b: Range<Int>) -> Range<Int> {
        guard let a else { return b }
        return min(a.lowerBound, b.lowerBound) ..< max(a.upperBound, b.upperBound)
    }

    func ruleIDs(in source: Range<Int>) -> [String] {
        var ids: [String] = []
        for f in findings where f.sourceRange.overlaps(source) && !ids.contains(f.rule.id) { ids.append(f.rule.id) }
        return ids
    }

    /// Sentences that can be missing or added: in the body, with words that are not blanks.
    func reportable(_ doc: ComparedText, _ s: Int) -> Bool {
        let sentence = doc.sentences[s]
        return sentence.paragraph > 0 && doc.sentences[s].tokens.contains { doc.tokens[$0].kind == .word }
    }

    /// Runs of flagged sentences of one unit: consecutive among the reportable ones.
    func runs(_ doc: ComparedText, unit u: Int, flagged: [Bool]) -> (all: Bool, runs: [[Int]]) {
        let sentences = doc.unitSentences[u].filter { reportable(doc, $0) }
        var runs: [[Int]] = []
        var current: [Int] = []
        for s in sentences {
            if flagged[s] {
                current.append(s)
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return (!sentences.isEmpty && sentences.allSatisfy { flagged[$0] }, runs)
    }

    /// 第十三条第2款, or 第一条第3款至第5款 for a run over several paragraphs.
    func place(_ doc: ComparedText, run: [Int]) -> String {
        let first = doc.sentences[run.first!], last = doc.sentences[run.last!]
        let start = doc.place(unit: first.unit, paragraph: first.paragraph)
        guard last.paragraph != first.paragraph, start != doc.outline.units[first.unit].displayLabel else { return start }
        return start + "至第\(last.paragraph)款"
    }

    /// A unit gone entirely is one item; else one item per run of gone sentences.
    func missingItems() -> [ModelComparison.Missing] {
        var out: [ModelComparison.Missing] = []
        for (u, unit) in m.outline.units.enumerated() where u != 0 {
            let (all, runs) = runs(m, unit: u, flagged: mGone)
            if all {
                let range = unitText(m, u)
                out.append(.init(modelClause: unit.displayLabel, title: unit.title, protects: nil,
                                 modelText: m.text(range), modelRange: range))
                continue
            }
            for run in runs {
                let range = m.sentences[run.first!].range.lowerBound ..< m.sentences[run.last!].range.upperBound
                out.append(.init(modelClause: place(m, run: run), title: unit.title, protects: nil,
                                 modelText: m.text(range), modelRange: range))
            }
        }
        return out
    }

    /// The whole unit, label included, without white space around it.
    func unitText(_ doc: ComparedText, _ u: Int) -> Range<Int> {
        let unit = doc.outline.units[u]
        var start = unit.range.lowerBound
        while start < unit.range.upperBound, Heading.isSpace(doc.t[start]) || Heading.isLineBreak(doc.t[start]) { start += 1 }
        let end = doc.unitSentences[u].last.map { doc.sentences[$0].range.upperBound } ?? unit.range.upperBound
        return start ..< max(start, end)
    }

    func addedItems() -> [ModelComparison.Added] {
        var out: [ModelComparison.Added] = []
        func item(_ range: Range<Int>, unit u: Int) {
            let source = contract.sourceRange(ofExtracted: range)
            let ids = ruleIDs(in: source)
            // Added front matter (a title, a contract number) is only news when a rule fires on it.
            if u == 0 && ids.isEmpty { return }
            out.append(.init(clause: c.outline.units[u].displayLabel, span: SourceSpan(contract.source, utf16: source),
                             sourceRange: source, text: contract.source.slice(source), findings: ids, contractRange: range))
        }
        for u in c.outline.units.indices {
            let (all, runs) = runs(c, unit: u, flagged: cNew)
            if all && u != 0 {
                item(unitText(c, u), unit: u)
                continue
            }
            for run in runs {
                item(c.sentences[run.first!].range.lowerBound ..< c.sentences[run.last!].range.upperBound, unit: u)
            }
        }
        return out
    }
}
