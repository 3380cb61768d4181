/// Myers' O((N+M)·D) difference of two sequences of keys: the longest common subsequence as pairs of
/// indices. Common prefix and suffix are taken off first, so aligned clauses that differ in a few words
/// cost almost nothing.
enum Diff {
    struct Pair: Equatable { var a: Int; var b: Int }

    static func matches(_ a: ArraySlice<UInt64>, _ b: ArraySlice<UInt64>) -> [Pair] {
        var prefix = 0
        let n = a.count, m = b.count
        while prefix < n, prefix < m, a[a.startIndex + prefix] == b[b.startIndex + prefix] { prefix += 1 }
        var suffix = 0
        while suffix < n - prefix, suffix < m - prefix,
              a[a.endIndex - 1 - suffix] == b[b.endIndex - 1 - suffix] { suffix += 1 }
        var pairs: [Pair] = (0 ..< prefix).map { Pair(a: a.startIndex + $0, b: b.startIndex + $0) }
        let midA = a[(a.startIndex + prefix) ..< (a.endIndex - suffix)]
        let midB = b[(b.startIndex + prefix) ..< (b.endIndex - suffix)]
        pairs += myers(midA, midB)
        pairs += (0 ..< suffix).map { Pair(a: a.endIndex - suffix + $0, b: b.endIndex - suffix + $0) }
        return pairs
    }

    static func matches(_ a: [UInt64], _ b: [UInt64]) -> [Pair] { matches(a[...], b[...]) }

    /// The greedy forward algorithm, keeping each round's frontier to walk the path back.
    private static func myers(_ a: ArraySlice<UInt64>, _ b: ArraySlice<UInt64>) -> [Pair] {
        let n = a.count, m = b.count
        guard n > 0, m > 0 else { return [] }
        let a0 = a.startIndex, b0 = b.startIndex
        let max = n + m
        let offset = max + 1
        var v = [Int](repeating: 0, count: 2 * max + 3)
        var trace: [[Int]] = []
        var found = false
        // Texts this far apart are not one clause; give up rather than spend quadratic memory.
        let limit = Swift.min(max, 6000)
        outer: for d in 0 ... limit {
            // Keep only the diagonals this round can reach (-d ... d).
            trace.append(Array(v[(offset - d - 1) ... (offset + d + 1)]))
            var k = -d
            while k <= d {
                var x: Int
                if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                    x = v[offset + k + 1]
                } else {
                    x = v[offset + k - 1] + 1
                }
                var y = x - k
                while x < n, y < m, a[a0 + x] == b[b0 + y] { x += 1; y += 1 }
                v[offset + k] = x
                if x >= n && y >= m { found = true; break outer }
                k += 2
            }
        }
        guard found else { return [] }
        // Walk back through the rounds.
        var pairs: [Pair] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let saved = trace[d]  // v before round d, diagonals -d-1 ... d+1
            func vAt(_ k: Int) -> Int { saved[k + d + 1] }
            let k = x - y
            let previousK: Int
            if d == 0 {
                previousK = 0
            } else if k == -d || (k != d && vAt(k - 1) < vAt(k + 1)) {
                previousK = k + 1
            } else {
                previousK = k - 1
            }
            let previousX = d == 0 ? 0 : vAt(previousK)
            let previousY = previousX - previousK
            let startX = d == 0 ? 0 : (previousK == k + 1 ? previousX : previousX + 1)
            // The snake: matches from (startX, startX - k) to (x, y).
            while x > startX, y > startX - k {
                x -= 1; y -= 1
                pairs.append(Pair(a: a0 + x, b: b0 + y))
            }
            x = previousX
            y = previousY
            if d == 0 { break }
        }
        return pairs.reversed()
    }
}
