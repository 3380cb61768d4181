/// How one stage changed its input: the same copy / replaced-block segments as `OffsetMap`, but open
/// to inspection, so that the normalizer can compose the stages into one map.
///
/// Why compose: a block is widened whole, and if a block of one stage crosses a block of a later
/// stage (a space fold that takes in 𠀀 next to 頭髮, whose 髮 belongs to a T→S phrase), a chain of
/// per-stage maps widens a range at one stage after it has already passed the other, and the range
/// ends up cutting a block. Composing merges blocks that overlap across stages into one, so every
/// range maps back to a source that normalizes to exactly the range it maps forward to.
struct StageMap: Sendable, Equatable {
    struct Segment: Sendable, Equatable {
        var source: Int
        var target: Int
        var isCopy: Bool
    }

    private(set) var segments: [Segment] = []

    init() {}

    mutating func copy(_ count: Int) {
        guard count > 0 else { return }
        if let last = segments.last, last.isCopy {
            segments[segments.count - 1].source += count
            segments[segments.count - 1].target += count
        } else {
            segments.append(Segment(source: count, target: count, isCopy: true))
        }
    }

    mutating func replace(_ sourceCount: Int, with targetCount: Int) {
        guard sourceCount > 0 || targetCount > 0 else { return }
        segments.append(Segment(source: sourceCount, target: targetCount, isCopy: false))
    }

    /// Every unit copied: offsets are the same on both sides.
    var isIdentity: Bool { segments.allSatisfy(\.isCopy) }

    var sourceLength: Int { segments.reduce(0) { $0 + $1.source } }
    var targetLength: Int { segments.reduce(0) { $0 + $1.target } }

    var offsetMap: OffsetMap {
        var map = OffsetMap()
        for s in segments {
            if s.isCopy { map.copy(s.source) } else { map.replace(s.source, with: s.target) }
        }
        return map
    }

    /// The map of `second` applied after `first` (first: A → B, second: B → C), as A → C. Blocks that
    /// overlap in B become one block; a block that is empty in B (a deletion before `second`, an
    /// insertion by it) joins a block of the other map only when it lies strictly inside it, so that
    /// deletions at the edge of a range stay out of it.
    static func compose(_ first: StageMap, _ second: StageMap) -> StageMap {
        let xs = first.segments, ys = second.segments
        var out = StageMap()
        var i = 0, j = 0
        var xUsed = 0, yUsed = 0   // B units of a copy segment already consumed
        while i < xs.count || j < ys.count {
            // Empty-in-B blocks at an aligned point stand alone.
            if i < xs.count && !xs[i].isCopy && xs[i].target == 0 {
                out.replace(xs[i].source, with: 0); i += 1; continue
            }
            if j < ys.count && !ys[j].isCopy && ys[j].source == 0 {
                out.replace(0, with: ys[j].target); j += 1; continue
            }
            guard i < xs.count && j < ys.count else {
                preconditionFailure("composed maps disagree on the length of the middle text")
            }
            if xs[i].isCopy && ys[j].isCopy {
                let k = min(xs[i].target - xUsed, ys[j].source - yUsed)
                out.copy(k)
                xUsed += k; yUsed += k
                if xUsed == xs[i].target { i += 1; xUsed = 0 }
                if yUsed == ys[j].source { j += 1; yUsed = 0 }
                continue
            }
            // A block on at least one side: take segments from whichever side is behind (in B) until
            // both sides end at the same place.
            var a = 0, c = 0, bx = 0, by = 0
            func takeX() {
                if xs[i].isCopy {
                    let k = by > bx ? min(xs[i].target - xUsed, by - bx) : xs[i].target - xUsed
                    a += k; bx += k; xUsed += k
                    if xUsed == xs[i].target { i += 1; xUsed = 0 }
                } else {
                    a += xs[i].source; bx += xs[i].target; i += 1
                }
            }
            func takeY() {
                if ys[j].isCopy {
                    let k = bx > by ? min(ys[j].source - yUsed, bx - by) : ys[j].source - yUsed
                    c += k; by += k; yUsed += k
                    if yUsed == ys[j].source { j += 1; yUsed = 0 }
                } else {
                    c += ys[j].target; by += ys[j].source; j += 1
                }
            }
            if !xs[i].isCopy { takeX() }
            if !ys[j].isCopy { takeY() }
            while bx != by {
                if bx < by { takeX() } else { takeY() }
            }
            out.replace(a, with: c)
        }
        return out
    }
}
