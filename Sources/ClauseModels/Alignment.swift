/// Which units of the model go with which units of the contract: by title first, then by number,
/// then by content; a contract unit left over next to an aligned one whose model text contains it is
/// a split, and the other way round a merge. The front matter goes with the front matter.
struct Alignment {
    struct Group {
        var model: [Int]
        var contract: [Int]
    }

    var groups: [Group]
    var modelGroup: [Int?]
    var contractGroup: [Int?]

    init(model m: ComparedText, contract c: ComparedText) {
        let mUnits = m.outline.units, cUnits = c.outline.units
        let mPrints = mUnits.indices.map { m.fingerprint(units: [$0]) }
        let cPrints = cUnits.indices.map { c.fingerprint(units: [$0]) }
        var mPartner = [Int?](repeating: nil, count: mUnits.count)
        var cPartner = [Int?](repeating: nil, count: cUnits.count)
        func pair(_ i: Int, _ j: Int) { mPartner[i] = j; cPartner[j] = i }
        if !mUnits.isEmpty, !cUnits.isEmpty { pair(0, 0) }

        var similarity: [[Double]] = Array(repeating: [], count: mUnits.count)
        for i in mUnits.indices.dropFirst() {
            similarity[i] = cUnits.indices.map { j in j == 0 ? 0 : mPrints[i].dice(cPrints[j]) }
        }
        let mArticles = Array(mUnits.indices.dropFirst()), cArticles = Array(cUnits.indices.dropFirst())

        // 1. The same title (not empty), the most similar when there are several; a shared title
        //    with nothing else shared is a coincidence (其他约定 with other content is still 其他约定).
        for i in mArticles where !mUnits[i].titleKey.isEmpty {
            let candidates = cArticles.filter { cPartner[$0] == nil && cUnits[$0].titleKey == mUnits[i].titleKey }
            if let best = candidates.max(by: { similarity[i][$0] < similarity[i][$1] }),
               similarity[i][best] >= 0.2 || mPrints[i].bigrams.count < 12 {
                pair(i, best)
            }
        }
        // 2. The same number and kind, with enough content in common.
        for i in mArticles where mPartner[i] == nil {
            if let j = cArticles.first(where: {
                cPartner[$0] == nil && cUnits[$0].number == mUnits[i].number && cUnits[$0].kind == mUnits[i].kind
            }), similarity[i][j] >= 0.4 {
                pair(i, j)
            }
        }
        // 3. Content alone: the most similar pairs first.
        var candidates: [(Double, Int, Int)] = []
        for i in mArticles where mPartner[i] == nil {
            for j in cArticles where cPartner[j] == nil && similarity[i][j] >= 0.45 {
                candidates.append((similarity[i][j], i, j))
            }
        }
        for (_, i, j) in candidates.sorted(by: { $0.0 > $1.0 }) where mPartner[i] == nil && cPartner[j] == nil {
            pair(i, j)
        }

        // Groups, then splits and merges of neighbours.
        var groups: [Group] = []
        var modelGroup = [Int?](repeating: nil, count: mUnits.count)
        var contractGroup = [Int?](repeating: nil, count: cUnits.count)
        for i in mUnits.indices {
            if let j = mPartner[i] {
                modelGroup[i] = groups.count
                contractGroup[j] = groups.count
                groups.append(Group(model: [i], contract: [j]))
            }
        }
        for j in cArticles where contractGroup[j] == nil {
            let neighbours = [j - 1, j + 1].filter { cArticles.contains($0) && contractGroup[$0] != nil }
            let scored = neighbours.map { n -> (Int, Double) in
                let g = contractGroup[n]!
                let modelPrint = groups[g].model.map { mPrints[$0] }.reduce(Fingerprint(""), { $0.union($1) })
                return (g, cPrints[j].containment(in: modelPrint))
            }
            if let (g, score) = scored.max(by: { $0.1 < $1.1 }), score >= 0.6, groups[g].model.first != 0 {
                groups[g].contract.append(j)
                groups[g].contract.sort()
                contractGroup[j] = g
            }
        }
        for i in mArticles where modelGroup[i] == nil {
            let neighbours = [i - 1, i + 1].filter { mArticles.contains($0) && modelGroup[$0] != nil }
            let scored = neighbours.map { n -> (Int, Double) in
                let g = modelGroup[n]!
                let contractPrint = groups[g].contract.map { cPrints[$0] }.reduce(Fingerprint(""), { $0.union($1) })
                return (g, mPrints[i].containment(in: contractPrint))
            }
            if let (g, score) = scored.max(by: { $0.1 < $1.1 }), score >= 0.6, groups[g].contract.first != 0 {
                groups[g].model.append(i)
                groups[g].model.sort()
                modelGroup[i] = g
            }
        }
        self.groups = groups
        self.modelGroup = modelGroup
        self.contractGroup = contractGroup
    }

    /// The contract units aligned with a model unit.
    func contractUnits(ofModel i: Int) -> [Int] { modelGroup[i].map { groups[$0].contract } ?? [] }
}
