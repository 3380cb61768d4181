/// How one text was made from another, so that a place in the made text can be traced back.
///
/// A map is a sequence of segments in order: a *copy* (the same units on both sides) or a *replaced
/// block* (some source units became some target units, possibly none on either side). A block is kept
/// whole: a range that starts or ends inside it is widened to the whole block, because what it replaced
/// may depend on all of it (a phrase in 繁→简, a character NFKC decomposed, an HTML entity).
/// Offsets are UTF-16 code units, the form every stage of the road works in.
public struct OffsetMap: Sendable, Equatable {
    /// Segment i covers source[sourceStarts[i] ..< sourceStarts[i+1]] and target[targetStarts[i] ..< targetStarts[i+1]].
    /// Both arrays carry one extra entry at the end: the total lengths.
    private var sourceStarts: [Int] = [0]
    private var targetStarts: [Int] = [0]
    private var isCopy: [Bool] = []

    public init() {}

    /// The map of a text to itself.
    public static func identity(length: Int) -> OffsetMap {
        var map = OffsetMap()
        map.copy(length)
        return map
    }

    public var sourceLength: Int { sourceStarts[sourceStarts.count - 1] }
    public var targetLength: Int { targetStarts[targetStarts.count - 1] }
    /// True when every segment is a copy: target and source offsets are the same.
    public var isIdentity: Bool { isCopy.allSatisfy { $0 } }

    // MARK: building

    /// Appends `count` units that are the same on both sides.
    public mutating func copy(_ count: Int) {
        guard count > 0 else { return }
        if isCopy.last == true {
            sourceStarts[sourceStarts.count - 1] += count
            targetStarts[targetStarts.count - 1] += count
        } else {
            append(sourceCount: count, targetCount: count, copy: true)
        }
    }

    /// Appends a block where `sourceCount` units became `targetCount` units.
    public mutating func replace(_ sourceCount: Int, with targetCount: Int) {
        guard sourceCount > 0 || targetCount > 0 else { return }
        append(sourceCount: sourceCount, targetCount: targetCount, copy: false)
    }

    private mutating func append(sourceCount: Int, targetCount: Int, copy: Bool) {
        sourceStarts.append(sourceLength + sourceCount)
        targetStarts.append(targetLength + targetCount)
        isCopy.append(copy)
    }

    // MARK: mapping

    /// The source range a target range came from: widened to whole blocks, and leaving out units that
    /// were deleted at either edge (an invisible character just before the range is not part of it).
    public func sourceRange(of target: Range<Int>) -> Range<Int> {
        Self.map(target, from: targetStarts, to: sourceStarts, isCopy)
    }

    /// The target range a source range became (the same widening, in the other direction).
    public func targetRange(of source: Range<Int>) -> Range<Int> {
        Self.map(source, from: sourceStarts, to: targetStarts, isCopy)
    }

    private static func map(_ range: Range<Int>, from: [Int], to: [Int], _ isCopy: [Bool]) -> Range<Int> {
        let lower = mapLower(range.lowerBound, from: from, to: to, isCopy)
        let upper = mapUpper(range.upperBound, from: from, to: to, isCopy)
        return lower ..< max(lower, upper)
    }

    /// A start position: inside a segment it maps within a copy or to the block's start; on a boundary
    /// it maps to the start of the first segment that begins there and is not empty on the `from` side.
    private static func mapLower(_ p: Int, from: [Int], to: [Int], _ isCopy: [Bool]) -> Int {
        let segments = isCopy.count
        var i = firstSegment(endingAfter: p, from)
        guard i < segments else { return to[segments] }
        if from[i] < p {
            return isCopy[i] ? to[i] + (p - from[i]) : to[i]
        }
        // p is a boundary: skip segments that are empty on the from side (deletions seen from the target).
        while i < segments && from[i + 1] == from[i] { i += 1 }
        return to[min(i, segments)]
    }

    /// An end position: inside a segment it maps within a copy or to the block's end; on a boundary it
    /// maps to the end of the segment that ends there (the last one before p is never empty on the
    /// `from` side, so deletions after the range stay out of it).
    private static func mapUpper(_ p: Int, from: [Int], to: [Int], _ isCopy: [Bool]) -> Int {
        guard p > 0, !isCopy.isEmpty else { return 0 }
        let i = lastSegment(startingBefore: p, from)
        if from[i + 1] > p {
            return isCopy[i] ? to[i] + (p - from[i]) : to[i + 1]
        }
        return to[i + 1]
    }

    /// Index of the first segment whose end on the from side is greater than p (binary search).
    private static func firstSegment(endingAfter p: Int, _ from: [Int]) -> Int {
        var low = 0, high = from.count - 1
        while low < high {
            let mid = (low + high) / 2
            if from[mid + 1] > p { high = mid } else { low = mid + 1 }
        }
        return low
    }

    /// Index of the last segment whose start on the from side is less than p (binary search).
    private static func lastSegment(startingBefore p: Int, _ from: [Int]) -> Int {
        var low = 0, high = from.count - 2
        while low < high {
            let mid = (low + high + 1) / 2
            if from[mid] < p { low = mid } else { high = mid - 1 }
        }
        return low
    }
}

/// Maps applied one after another: `maps[0]` took the source to the first intermediate text, the last
/// one produced the final text. Mapping back walks the chain in reverse.
public struct OffsetMapChain: Sendable, Equatable {
    public private(set) var maps: [OffsetMap]

    public init(_ maps: [OffsetMap] = []) { self.maps = maps }

    public mutating func append(_ map: OffsetMap) {
        if !map.isIdentity { maps.append(map) }
    }

    public func appending(_ other: OffsetMapChain) -> OffsetMapChain {
        OffsetMapChain(maps + other.maps)
    }

    public func sourceRange(of target: Range<Int>) -> Range<Int> {
        maps.reversed().reduce(target) { $1.sourceRange(of: $0) }
    }

    public func targetRange(of source: Range<Int>) -> Range<Int> {
        maps.reduce(source) { $1.targetRange(of: $0) }
    }
}
