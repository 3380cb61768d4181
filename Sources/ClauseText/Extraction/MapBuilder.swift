/// Builds an `OffsetMap` segment by segment, like `OffsetMap`'s own builders, but keeps the segments
/// open so an extractor can take back a unit it emitted too early (a collapsed space that turns out
/// to stand before a line break).
struct MapBuilder {
    private var sourceCounts: [Int] = []
    private var targetCounts: [Int] = []
    private var isCopy: [Bool] = []

    /// The source units consumed so far.
    private(set) var sourceLength = 0

    mutating func copy(_ count: Int) {
        guard count > 0 else { return }
        sourceLength += count
        if isCopy.last == true {
            sourceCounts[sourceCounts.count - 1] += count
            targetCounts[targetCounts.count - 1] += count
        } else {
            append(count, count, true)
        }
    }

    /// Appends a replaced block and returns its index (for `retract`).
    @discardableResult
    mutating func replace(_ sourceCount: Int, with targetCount: Int) -> Int? {
        guard sourceCount > 0 || targetCount > 0 else { return nil }
        sourceLength += sourceCount
        // Consecutive deletions are one block: what they removed is gone either way.
        if targetCount == 0, isCopy.last == false, targetCounts.last == 0 {
            sourceCounts[sourceCounts.count - 1] += sourceCount
            return sourceCounts.count - 1
        }
        append(sourceCount, targetCount, false)
        return sourceCounts.count - 1
    }

    /// Turns the replaced block `index` into a deletion: its target units are taken back. Only valid
    /// while nothing after the block has produced target units.
    mutating func retract(_ index: Int) {
        precondition(!isCopy[index])
        targetCounts[index] = 0
    }

    private mutating func append(_ source: Int, _ target: Int, _ copy: Bool) {
        sourceCounts.append(source)
        targetCounts.append(target)
        isCopy.append(copy)
    }

    func build() -> OffsetMap {
        var map = OffsetMap()
        for i in sourceCounts.indices {
            if isCopy[i] { map.copy(sourceCounts[i]) } else { map.replace(sourceCounts[i], with: targetCounts[i]) }
        }
        return map
    }
}
