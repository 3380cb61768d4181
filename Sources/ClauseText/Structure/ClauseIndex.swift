/// Finds the innermost clause containing an offset in O(log n): the text is cut where any clause
/// starts or ends, and each piece knows its innermost clause (the highest level among the clauses
/// containing it; the first of them in document order on a tie). The same answer as filtering every
/// clause, which made a document with many clauses and many findings quadratic.
struct ClauseIndex: Sendable {
    /// Piece starts, ascending, and the index of each piece's innermost clause (-1: none).
    private let starts: [Int]
    private let innermost: [Int]

    init(_ clauses: [Clause]) {
        var events: [(position: Int, opens: Bool, clause: Int)] = []
        for (i, clause) in clauses.enumerated() where !clause.range.isEmpty {
            events.append((clause.range.lowerBound, true, i))
            events.append((clause.range.upperBound, false, i))
        }
        // At one position, clauses that end there no longer contain it; those that start there do.
        events.sort { $0.position != $1.position ? $0.position < $1.position : (!$0.opens && $1.opens) }
        var starts: [Int] = [], innermost: [Int] = []
        var active: [Int] = []
        var e = 0
        while e < events.count {
            let position = events[e].position
            while e < events.count && events[e].position == position {
                if events[e].opens {
                    active.append(events[e].clause)
                } else if let k = active.firstIndex(of: events[e].clause) {
                    active.remove(at: k)
                }
                e += 1
            }
            var best = -1
            for i in active where best < 0 || clauses[i].level > clauses[best].level || (clauses[i].level == clauses[best].level && i < best) {
                best = i
            }
            if innermost.last != best {
                starts.append(position)
                innermost.append(best)
            }
        }
        self.starts = starts
        self.innermost = innermost
    }

    /// The index of the innermost clause containing `offset`, or nil.
    func clause(containing offset: Int) -> Int? {
        var low = 0, high = starts.count
        while low < high {
            let mid = (low + high) / 2
            if starts[mid] <= offset { low = mid + 1 } else { high = mid }
        }
        guard low > 0, innermost[low - 1] >= 0 else { return nil }
        return innermost[low - 1]
    }
}
