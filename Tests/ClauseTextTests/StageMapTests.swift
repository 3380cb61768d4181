import ClauseTestSupport
import Testing
@testable import ClauseText

@Suite struct StageMapTests {
    func map(_ spec: String) -> StageMap {
        var m = StageMap()
        for part in spec.split(separator: " ") {
            if part.hasPrefix("c") { m.copy(Int(part.dropFirst())!) }
            else {
                let sides = part.dropFirst().split(separator: ">")
                m.replace(Int(sides[0])!, with: Int(sides[1])!)
            }
        }
        return m
    }

    func spec(_ m: StageMap) -> String {
        m.segments.map { $0.isCopy ? "c\($0.source)" : "r\($0.source)>\($0.target)" }.joined(separator: " ")
    }

    func compose(_ a: String, _ b: String) -> String { spec(StageMap.compose(map(a), map(b))) }

    @Test func copiesStayCopies() {
        #expect(compose("c5", "c5") == "c5")
        #expect(compose("c2 r1>0 c3", "c5") == "c2 r1>0 c3")
        #expect(compose("c5", "c1 r2>2 c2") == "c1 r2>2 c2")
    }

    @Test func crossingBlocksBecomeOne() {
        // ㋀曆 → 1月曆 (NFKC: r1>2 c1) → 1月历 (phrase 月曆: c1 r2>2).
        #expect(compose("r1>2 c1", "c1 r2>2") == "r2>3")
        // A block inside a block of the other stage: the outer one.
        #expect(compose("c1 r1>1 c1", "r3>2") == "r3>2")
        #expect(compose("r3>3", "c1 r1>0 c1") == "r3>2")
    }

    @Test func deletionsJoinOnlyBlocksTheyAreStrictlyInside() {
        // 頭 ZWSP 髮: the deletion is inside the phrase.
        #expect(compose("c1 r1>0 c1", "r2>2") == "r3>2")
        // ZWSP 頭髮: at the phrase's edge it stays a deletion of its own.
        #expect(compose("r1>0 c2", "r2>2") == "r1>0 r2>2")
        #expect(compose("c2 r1>0", "r2>2") == "r2>2 r1>0")
        // Deletions by the second stage are blocks like any other.
        #expect(compose("r1>2 c1", "c1 r1>0 c1") == "r1>1 c1")
    }

    /// Random maps: lengths add up, and widening through the composed map is closed (mapping the
    /// widened range back gives the same source range), which a chain of crossing maps is not.
    @Test func randomCompositionsAreClosed() {
        var rng = SeededRandom(seed: 5)
        func randomMap(source: Int?) -> StageMap {
            var m = StageMap()
            var consumed = 0
            while source.map({ consumed < $0 }) ?? (consumed < 30) {
                let left = source.map { $0 - consumed } ?? 30
                let k = Int.random(in: 1 ... min(3, max(1, left)), using: &rng)
                switch Int.random(in: 0 ..< 4, using: &rng) {
                case 0: m.replace(k, with: 0)
                case 1: m.replace(k, with: Int.random(in: 1 ... 3, using: &rng))
                default: m.copy(k)
                }
                consumed += k
            }
            return m
        }
        for _ in 0 ..< 2000 {
            let first = randomMap(source: nil)
            let second = randomMap(source: first.targetLength)
            let composed = StageMap.compose(first, second)
            #expect(composed.sourceLength == first.sourceLength)
            #expect(composed.targetLength == second.targetLength)
            let offsets = composed.offsetMap
            let n = composed.targetLength
            for _ in 0 ..< 10 {
                let a = Int.random(in: 0 ... n, using: &rng), b = Int.random(in: 0 ... n, using: &rng)
                let s = offsets.sourceRange(of: min(a, b) ..< max(a, b))
                #expect(offsets.sourceRange(of: offsets.targetRange(of: s)) == s)
            }
        }
    }
}
