import ClauseRules
import ClauseText

/// Checks a contract against a profile alone (`--model ID` without the published text): every
/// protection and figure, kept, weakened or missing. What the contract added cannot be told without
/// the text, so `added` stays empty.
public struct ProfileComparer: Sendable {
    public var profile: ModelProfile

    public init(profile: ModelProfile) { self.profile = profile }

    public func check(contract: PreparedText, findings: [Finding]) -> ModelComparison {
        let c = ComparedText(contract)
        return check(c, contract: contract)
    }

    func check(_ c: ComparedText, contract: PreparedText) -> ModelComparison {
        var result = ModelComparison(model: .init(profile, textPath: nil),
                                     similarity: ModelMatcher.score(profile, c), basis: .profile)
        let everywhere = Array(c.outline.units.indices)
        func span(_ range: Range<Int>) -> (SourceSpan, Range<Int>, String) {
            let source = contract.sourceRange(ofExtracted: ProfileChecks.sentences(around: range, in: c))
            return (SourceSpan(contract.source, utf16: source), source, contract.source.slice(source))
        }
        func label(_ article: Int?) -> (String, String) {
            (profile.label(article), profile.article(article)?.title ?? "")
        }
        for p in profile.protections {
            let (clause, title) = label(p.article)
            let units = Self.units(of: p.article, in: c, profile: profile)
            let hit = ProfileChecks.protection(p, in: c, units: units) ?? ProfileChecks.protection(p, in: c, units: everywhere)
            guard let hit else {
                result.protections.append(.init(id: p.id, modelClause: clause, protects: p.protects, status: .missing, span: nil, text: nil))
                result.missing.append(.init(modelClause: clause, title: title, protects: p.protects, modelText: "", modelRange: nil))
                continue
            }
            let (s, source, text) = span(hit.range)
            let status: ModelComparison.Status = hit.weakenedBy == nil ? .kept : .weakened
            result.protections.append(.init(id: p.id, modelClause: clause, protects: p.protects, status: status, span: s, text: text))
            if let by = hit.weakenedBy {
                result.changed.append(.init(modelClause: clause, clause: c.unit(containing: hit.range.lowerBound).map { c.outline.units[$0].displayLabel },
                                            span: s, sourceRange: source, text: text, modelText: p.protects, kind: .weaker,
                                            reason: "增加了“\(by)”", protects: p.protects, edits: [],
                                            findings: [], contractRange: hit.range, modelRange: nil))
            }
        }
        for f in profile.figures {
            let (clause, title) = label(f.article)
            let units = Self.units(of: f.article, in: c, profile: profile)
            var status: ModelComparison.Status = .missing
            var modelText = "", contractText: String? = nil, reason: String? = nil, at: Range<Int>? = nil
            switch f.kind {
            case .value:
                modelText = ChangeClassifier.format(f.value ?? 0) + (f.unit ?? "")
                if let v = ProfileChecks.value(f, in: c, units: units) ?? ProfileChecks.value(f, in: c, units: everywhere) {
                    status = ProfileChecks.compare(model: f.value ?? 0, contract: v.value, prefers: f.consumerPrefers)
                    contractText = ChangeClassifier.format(v.value) + (f.unit ?? "")
                    reason = "\(f.what)：\(modelText) → \(contractText!)"
                    at = v.range
                }
            case .schedule:
                modelText = f.rows.map(\.description).joined(separator: "，")
                let found = ProfileChecks.schedule(f, in: c, units: units)
                    ?? (f.anchor != nil ? ProfileChecks.schedule(f, in: c, units: everywhere) : nil)
                if let found {
                    let (s, why) = ProfileChecks.compare(model: f.rows, contract: found.rows, prefers: f.consumerPrefers)
                    status = s
                    contractText = found.rows.map(\.description).joined(separator: "，")
                    reason = why.map { "\(f.what)：\($0)" }
                    at = found.range
                }
            }
            let located = at.map(span)
            result.figures.append(.init(id: f.id, modelClause: clause, what: f.what, status: status, model: modelText,
                                        contract: contractText, span: located?.0))
            switch status {
            case .missing:
                result.missing.append(.init(modelClause: clause, title: title, protects: f.what, modelText: modelText, modelRange: nil))
            case .weakened, .stronger:
                let (s, source, text) = located!
                result.changed.append(.init(modelClause: clause, clause: c.unit(containing: at!.lowerBound).map { c.outline.units[$0].displayLabel },
                                            span: s, sourceRange: source, text: text, modelText: "\(f.what)：\(modelText)",
                                            kind: status == .weakened ? .weaker : .stronger, reason: reason, protects: f.what,
                                            edits: [], findings: [], contractRange: at!, modelRange: nil))
            default:
                break
            }
        }
        result.changed.sort { $0.contractRange.lowerBound < $1.contractRange.lowerBound }
        return result
    }

    /// The contract unit that stands for a profile article: the same title, else a title that
    /// contains it or is contained in it, else the same number.
    static func units(of article: Int?, in c: ComparedText, profile: ModelProfile) -> [Int] {
        let units = c.outline.units
        guard let a = profile.article(article) else { return [] }
        let title = CompactText.fold(a.title)
        if !title.isEmpty {
            if let u = units.indices.first(where: { units[$0].kind != .front && units[$0].titleKey == title }) { return [u] }
            if let u = units.indices.first(where: {
                units[$0].kind != .front && units[$0].titleKey.count >= 2 && (units[$0].titleKey.contains(title) || title.contains(units[$0].titleKey))
            }) { return [u] }
        }
        return units.indices.filter { units[$0].kind == .article && units[$0].number == article }.prefix(1).map { $0 }
    }
}
