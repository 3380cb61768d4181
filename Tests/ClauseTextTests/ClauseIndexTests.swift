import Testing
@testable import ClauseText

/// The clause index gives what filtering every clause gives: the innermost (highest level, first on a
/// tie) clause containing the offset.
@Suite struct ClauseIndexTests {
    static func byFiltering(_ clauses: [Clause], _ offset: Int) -> Clause? {
        clauses.filter { $0.range.contains(offset) }.max { $0.level < $1.level }
    }

    @Test func nestedClausesOfARealSegmentation() {
        let text = "第一章 总则\n第一条 本协议。\n一、定义\n（一）会员\n1.1 年卡\n第二条 退款\n一、不退\n第二章 附则\n第三条 解释"
        let units = Array(text.utf16)
        let clauses = Segmenter.clauses(in: units)
        #expect(clauses.count >= 8)
        let index = ClauseIndex(clauses)
        for offset in 0 ... units.count {
            #expect(index.clause(containing: offset).map { clauses[$0] } == Self.byFiltering(clauses, offset), "offset \(offset)")
        }
    }

    @Test func anyClausesAtAllEvenOverlappingOnesAndTies() {
        var state: UInt64 = 42
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        for _ in 0 ..< 300 {
            var clauses: [Clause] = []
            for _ in 0 ..< next(12) {
                let a = next(40), b = next(40)
                clauses.append(Clause(label: min(a, b) ..< min(a, b), range: min(a, b) ..< max(a, b), level: 1 + next(3)))
            }
            let index = ClauseIndex(clauses)
            for offset in -1 ... 41 {
                #expect(index.clause(containing: offset).map { clauses[$0] } == Self.byFiltering(clauses, offset))
            }
        }
    }
}
