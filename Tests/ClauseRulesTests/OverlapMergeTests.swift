import ClauseTestSupport
import Testing
@testable import ClauseRules

/// Merging overlapping findings of a category: the fast merge keeps exactly what the plain rule
/// (each finding against every earlier survivor) keeps, and is fast on a dense document.
struct OverlapMergeTests {
    /// The rule as written: a finding survives when no earlier survivor of its category overlaps it.
    func naive(_ items: [(Category, Range<Int>)]) -> [Bool] {
        var survivors: [(Category, Range<Int>)] = []
        return items.map { item in
            let clash = survivors.contains { $0.0 == item.0 && $0.1.overlaps(item.1) }
            if !clash { survivors.append(item) }
            return !clash
        }
    }

    @Test func examples() {
        let items: [(Category, Range<Int>)] = [(.C1, 5 ..< 9), (.C1, 8 ..< 12), (.C2, 8 ..< 12), (.C1, 9 ..< 10), (.C1, 3 ..< 3),
                                               (.C1, 0 ..< 5), (.C1, 4 ..< 6), (.C1, 12 ..< 14), (.C1, 9 ..< 9)]
        #expect(RuleEngine.kept(items) == [true, false, true, true, true, true, false, true, true])
    }

    @Test func sameAsTheRuleOnRandomInput() {
        var rng = SeededRandom(seed: 0x5EED)
        for round in 0 ..< 400 {
            var items: [(Category, Range<Int>)] = []
            // Ascending runs, as patterns give them, and some disorder.
            for _ in 0 ..< Int(rng.next() % 6) + 1 {
                var at = Int(rng.next() % 50)
                for _ in 0 ..< Int(rng.next() % 12) {
                    let length = Int(rng.next() % 8)
                    let category = Category.allCases[Int(rng.next() % 3)]
                    items.append((category, at ..< at + length))
                    at += Int(rng.next() % 6)
                    if rng.next() % 9 == 0 { at = Int(rng.next() % 60) }
                }
            }
            #expect(RuleEngine.kept(items) == naive(items), "round \(round): \(items)")
        }
    }

    @Test func aDenseDocumentIsMergedQuickly() {
        // 150,000 hits of four categories, pattern by pattern, as in a pasted text of a megabyte.
        var items: [(Category, Range<Int>)] = []
        for pattern in 0 ..< 12 {
            for i in 0 ..< 12_500 {
                items.append((Category.allCases[pattern % 4], i * 40 + pattern ..< i * 40 + pattern + 9))
            }
        }
        let started = ContinuousClock.now
        let keep = RuleEngine.kept(items)
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(keep.filter { $0 }.count == 4 * 12_500)
    }
}
