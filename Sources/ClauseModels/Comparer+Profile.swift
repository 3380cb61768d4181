import ClauseText

/// A profile's protections and figures, run on both texts of a comparison: they name what a missing
/// or changed sentence protected, and decide the kind where a figure moved.
extension Work {
    mutating func applyProfile(_ profile: ModelProfile, to result: inout ModelComparison) {
        for p in profile.protections {
            let label = profile.label(p.article)
            let mUnits = units(of: p.article, in: m, profile: profile)
            guard let mHit = ProfileChecks.protection(p, in: m, units: mUnits)
                    ?? ProfileChecks.protection(p, in: m, units: Array(m.outline.units.indices)) else {
                result.notes.append("示范文本中找不到保护条款 \(p.id)（\(label)）：档案与文本不一致（the profile's test does not hold on the model text）")
                continue
            }
            let cUnits = contractUnits(forModelRange: mHit.range)
            let cHit = ProfileChecks.protection(p, in: c, units: cUnits)
                ?? ProfileChecks.protection(p, in: c, units: Array(c.outline.units.indices))
            var status: ModelComparison.Status = cHit == nil ? .missing : cHit!.weakenedBy == nil ? .kept : .weakened
            // The diff saw every word of the model's sentence kept: the test missed a rewording.
            if status == .missing && allMatched(mHit.range) { status = .kept }
            let place = modelPlace(mHit.range)
            let source = cHit.map { contract.sourceRange(ofExtracted: ProfileChecks.sentences(around: $0.range, in: c)) }
            result.protections.append(.init(id: p.id, modelClause: place, protects: p.protects, status: status,
                                            span: source.map { SourceSpan(contract.source, utf16: $0) },
                                            text: source.map { contract.source.slice($0) }))
            switch status {
            case .missing:
                markMissing(p.protects, modelRange: mHit.range, place: place, reason: "保护条款不再成立", in: &result)
            case .weakened:
                let hit = cHit!
                markChanged(hit.range, modelRange: mHit.range, place: place, kind: .weaker,
                            reason: "增加了“\(hit.weakenedBy!)”", protects: p.protects, in: &result)
            default:
                break
            }
        }

        for f in profile.figures {
            let mUnits = units(of: f.article, in: m, profile: profile)
            let label = profile.label(f.article)
            switch f.kind {
            case .value:
                guard let mv = ProfileChecks.value(f, in: m, units: mUnits.isEmpty ? Array(m.outline.units.indices) : mUnits) else {
                    result.notes.append("示范文本中找不到数值 \(f.id)（\(label)）：档案与文本不一致")
                    continue
                }
                if let declared = f.value, declared != mv.value {
                    result.notes.append("\(f.id)：档案记载 \(ChangeClassifier.format(declared))，示范文本为 \(ChangeClassifier.format(mv.value))")
                }
                let cUnits = contractUnits(forModelRange: mv.range)
                let cv = ProfileChecks.value(f, in: c, units: cUnits)
                let modelText = ChangeClassifier.format(mv.value) + (f.unit ?? "")
                let contractText = cv.map { ChangeClassifier.format($0.value) + (f.unit ?? "") }
                let status = cv.map { ProfileChecks.compare(model: mv.value, contract: $0.value, prefers: f.consumerPrefers) } ?? .missing
                recordFigure(f, label: label, status: status, modelRange: mv.range, contractRange: cv?.range,
                             model: modelText, contract: contractText,
                             reason: contractText.map { "\(f.what)：\(modelText) → \($0)" }, in: &result)
            case .schedule:
                guard let ms = ProfileChecks.schedule(f, in: m, units: mUnits.isEmpty ? Array(m.outline.units.indices) : mUnits) else {
                    result.notes.append("示范文本中找不到 \(f.id)（\(label)）的比例表：档案与文本不一致")
                    continue
                }
                if ms.rows != f.rows {
                    result.notes.append("\(f.id)：档案记载 \(f.rows.map(\.description).joined(separator: "，"))，示范文本为 \(ms.rows.map(\.description).joined(separator: "，"))")
                }
                let cUnits = contractUnits(forModelRange: ms.range)
                let cs = ProfileChecks.schedule(f, in: c, units: cUnits)
                var status: ModelComparison.Status = .missing
                var reason: String? = nil
                if let cs { (status, reason) = ProfileChecks.compare(model: ms.rows, contract: cs.rows, prefers: f.consumerPrefers) }
                recordFigure(f, label: label, status: status, modelRange: ms.range, contractRange: cs?.range,
                             model: ms.rows.map(\.description).joined(separator: "，"),
                             contract: cs.map { $0.rows.map(\.description).joined(separator: "，") },
                             reason: reason.map { "\(f.what)：\($0)" }, in: &result)
            }
        }
    }

    mutating func recordFigure(_ f: ModelProfile.Figure, label: String, status: ModelComparison.Status, modelRange: Range<Int>,
                               contractRange: Range<Int>?, model: String, contract: String?, reason: String?,
                               in result: inout ModelComparison) {
        var status = status
        if status == .missing && allMatched(modelRange) { status = .kept }
        let place = modelPlace(modelRange)
        let source = contractRange.map { contract_source($0) }
        result.figures.append(.init(id: f.id, modelClause: place, what: f.what, status: status, model: model,
                                    contract: contract, span: source.map { SourceSpan(self.contract.source, utf16: $0) }))
        switch status {
        case .weakened, .stronger:
            markChanged(contractRange!, modelRange: modelRange, place: place, kind: status == .weakened ? .weaker : .stronger,
                        reason: reason, protects: f.what, in: &result)
        case .missing:
            markMissing(f.what, modelRange: modelRange, place: place, reason: "未能在合同中找到：\(f.what)", in: &result)
        default:
            break
        }
    }

    func contract_source(_ range: Range<Int>) -> Range<Int> { contract.sourceRange(ofExtracted: range) }

    /// The model units a profile article stands for: the unit with its number whose title agrees,
    /// else the one with its number.
    func units(of article: Int?, in doc: ComparedText, profile: ModelProfile) -> [Int] {
        guard let article else { return [] }
        let title = profile.article(article).map { CompactText.fold($0.title) } ?? ""
        let numbered = doc.outline.units.indices.filter { doc.outline.units[$0].kind == .article && doc.outline.units[$0].number == article }
        if let titled = numbered.first(where: { doc.outline.units[$0].titleKey == title }) { return [titled] }
        if let titled = doc.outline.units.indices.first(where: { !title.isEmpty && doc.outline.units[$0].titleKey == title }) { return [titled] }
        return Array(numbered.prefix(1))
    }

    /// The contract units aligned with the model unit that holds a model range.
    func contractUnits(forModelRange range: Range<Int>) -> [Int] {
        guard let u = m.unit(containing: range.lowerBound) else { return [] }
        return alignment.contractUnits(ofModel: u)
    }

    /// Whether every content word of a model range found its partner in the contract.
    func allMatched(_ range: Range<Int>) -> Bool {
        let tokens = m.tokens.indices.filter { m.tokens[$0].isContent && range.overlaps(m.tokens[$0].range) }
        return !tokens.isEmpty && tokens.allSatisfy { mMatched[$0] }
    }

    func modelPlace(_ range: Range<Int>) -> String {
        guard let s = m.sentence(containing: range.lowerBound) else { return "" }
        return m.place(unit: m.sentences[s].unit, paragraph: m.sentences[s].paragraph)
    }

    /// A protection or figure the contract lost: name it on the missing item that covers it, or turn
    /// the change that covers it into a weaker one, or add a missing item.
    func markMissing(_ what: String, modelRange: Range<Int>, place: String, reason: String, in result: inout ModelComparison) {
        if let i = result.missing.firstIndex(where: { $0.modelRange?.overlaps(modelRange) == true }) {
            result.missing[i].protects = join(result.missing[i].protects, what)
            return
        }
        if let i = result.changed.firstIndex(where: { $0.modelRange?.overlaps(modelRange) == true }) {
            result.changed[i].kind = .weaker
            result.changed[i].protects = join(result.changed[i].protects, what)
            result.changed[i].reason = join(reason, result.changed[i].reason)
            return
        }
        let range = ProfileChecks.sentences(around: modelRange, in: m)
        let unit = m.unit(containing: range.lowerBound).map { m.outline.units[$0] }
        result.missing.append(.init(modelClause: place, title: unit?.title ?? "", protects: what, modelText: m.text(range),
                                    modelRange: range))
    }

    /// A protection or figure the contract cut back (or improved): the change that covers it takes
    /// the kind and the reason; without one, a change is added.
    func markChanged(_ contractRange: Range<Int>, modelRange: Range<Int>, place: String, kind: ModelComparison.Kind,
                     reason: String?, protects: String, in result: inout ModelComparison) {
        if let i = result.changed.firstIndex(where: { $0.contractRange.overlaps(contractRange) }) {
            // Weaker wins over stronger when two tests disagree about one sentence.
            if result.changed[i].kind != .weaker || kind == .weaker {
                if result.changed[i].kind != kind { result.changed[i].reason = nil }
                result.changed[i].kind = kind
            }
            result.changed[i].protects = join(result.changed[i].protects, protects)
            // The profile's reading names the figure; it replaces the reading from the words.
            result.changed[i].reason = reason ?? result.changed[i].reason
            return
        }
        let cRange = ProfileChecks.sentences(around: contractRange, in: c)
        let mRange = ProfileChecks.sentences(around: modelRange, in: m)
        var item = changed(modelClause: place, contractRange: cRange, modelRange: mRange, text: c.text(cRange),
                           modelText: m.text(mRange), kind: kind, reason: reason, edits: [])
        item.protects = protects
        result.changed.append(item)
    }

    func join(_ a: String?, _ b: String?) -> String? {
        switch (a, b) {
        case let (a?, b?): a == b || a.contains(b) ? a : a + "；" + b
        case let (a?, nil): a
        case let (nil, b?): b
        default: nil
        }
    }
}
