/// The literal prefilter: one scan of a document for the required literals of every trigger pattern,
/// then each pattern runs only where its literals occur. Findings are exactly those of running every
/// pattern over the whole text (a test holds it to that on the whole corpus):
///
/// - a pattern's every match contains one of its literals (`RequiredLiterals`), so a pattern whose
///   literals are absent cannot match;
/// - that literal starts `minBefore ... maxBefore` code units into the match, so a match holding the
///   literal found at `p` starts in `p − maxBefore ... p − minBefore`; PCRE2 searches only those start
///   positions (its offset limit stops the search), still over the whole text, so look-arounds see
///   what they always saw;
/// - when the pattern has a second required set, a window is searched only if one of those literals
///   stands where a match starting in the window would hold it;
/// - matches are taken left to right without overlap, as before.
///
/// Patterns without literals run everywhere.
struct Prefilter: Sendable {
    /// Where a trigger pattern may start a match in one document.
    enum Starts: Equatable {
        case everywhere
        /// Sorted, disjoint ranges of start offsets (empty: the pattern cannot match).
        case within([ClosedRange<Int>])
    }

    /// One literal set of one pattern slot, as the scan needs it.
    private struct Need: Sendable {
        var minBefore: Int
        var maxBefore: Int?
    }

    private let scanner: LiteralScanner
    /// For each literal id, who needs it: `slot << 1 | 0` for a slot's first set, `| 1` for its second.
    private let needsOfLiteral: [[Int]]
    /// For each rule, the slot of its first pattern; a rule's patterns take consecutive slots.
    private let firstSlot: [Int]
    /// Per slot: its first set (nil: the pattern has no literals and always runs) and second set.
    private let primary: [Need?]
    private let secondary: [Need?]
    /// Windows closer than this are searched as one (fewer PCRE2 calls, same result).
    static let mergeGap = 32

    /// `literals`: each trigger pattern's, in order, when already read (see `PackCompiler`).
    init(rules: [CompiledRule], literals: [RequiredLiterals]? = nil) {
        var firstSlot: [Int] = []
        var patterns: [Pattern] = []
        for rule in rules {
            firstSlot.append(patterns.count)
            patterns += rule.patterns
        }
        self.init(patterns: patterns, firstSlot: firstSlot, literals: literals)
    }

    /// Each pattern in a slot of its own, in order (for tests: rule `i` is pattern `i`).
    init(patterns: [Pattern], firstSlot: [Int]? = nil, literals known: [RequiredLiterals]? = nil) {
        var table = LiteralUsers()
        var primary: [Need?] = []
        var secondary: [Need?] = []
        let memo = RequiredLiterals.Memo()
        func register(_ set: RequiredLiterals.LiteralSet, need: Int) {
            for literal in set.literals { table.add(literal, user: need) }
        }
        for (slot, pattern) in patterns.enumerated() {
            let facts = known?[slot] ?? RequiredLiterals(pattern: pattern.source, memo: memo)
            primary.append(facts.primary.map { Need(minBefore: $0.minBefore, maxBefore: $0.maxBefore) })
            secondary.append(facts.secondary.map { Need(minBefore: $0.minBefore, maxBefore: $0.maxBefore) })
            if let set = facts.primary { register(set, need: slot << 1) }
            if let set = facts.secondary { register(set, need: slot << 1 | 1) }
        }
        scanner = LiteralScanner(literals: table.literals)
        self.needsOfLiteral = table.users
        self.firstSlot = firstSlot ?? Array(patterns.indices)
        self.primary = primary
        self.secondary = secondary
    }

    /// How many distinct literals the scanner looks for, and how many patterns have none.
    var literalCount: Int { scanner.literals.count }
    var unfilteredPatternCount: Int { primary.filter { $0 == nil }.count }

    /// One document's start windows, for every pattern.
    struct Plan {
        fileprivate var starts: [Starts]
        fileprivate let firstSlot: [Int]

        /// The start windows of pattern `pattern` of rule number `rule` (in pack order).
        func starts(rule: Int, pattern: Int) -> Starts { starts[firstSlot[rule] + pattern] }
    }

    func plan(for text: UnsafeBufferPointer<UInt16>) -> Plan {
        let slots = primary.count
        // The window being grown for each slot, and the closed ones (slot, low, high) in scan order.
        var openLow = [Int](repeating: -1, count: slots), openHigh = [Int](repeating: -1, count: slots)
        var closed: [(slot: Int, low: Int, high: Int)] = []
        var unsorted = [Bool](repeating: false, count: slots)
        // Where each slot's second set was found (slot, position), in scan order.
        var seconds: [(slot: Int, position: Int)] = []
        primary.withUnsafeBufferPointer { primary in
            scanner.scan(text) { position, id in
                for need in needsOfLiteral[id] {
                    let slot = need >> 1
                    if need & 1 == 1 {
                        seconds.append((slot, position))
                        continue
                    }
                    let bounds = primary[slot]!
                    let high = position - bounds.minBefore
                    guard high >= 0 else { continue }  // a match cannot start before the text
                    let low = bounds.maxBefore.map { max(0, position - $0) } ?? 0
                    let (lastLow, lastHigh) = (openLow[slot], openHigh[slot])
                    if lastLow >= 0 && low >= lastLow && low <= lastHigh + Self.mergeGap {
                        openHigh[slot] = max(lastHigh, high)
                        continue
                    }
                    if lastLow >= 0 {
                        closed.append((slot, lastLow, lastHigh))
                        if low < lastLow { unsorted[slot] = true }
                    }
                    (openLow[slot], openHigh[slot]) = (low, high)
                }
            }
        }
        for slot in 0 ..< slots where openLow[slot] >= 0 { closed.append((slot, openLow[slot], openHigh[slot])) }

        var windows = Self.bySlot(closed, slots: slots) { ($0.slot, $0.low ... $0.high) }
        let secondPositions = Self.bySlot(seconds, slots: slots) { ($0.slot, $0.position) }
        var starts: [Starts] = []
        starts.reserveCapacity(slots)
        for slot in 0 ..< slots {
            guard primary[slot] != nil else {
                starts.append(.everywhere)
                continue
            }
            if unsorted[slot] { windows[slot] = Self.merged(windows[slot]) }
            if let second = secondary[slot] {
                windows[slot] = Self.keeping(windows[slot], holding: second, at: secondPositions[slot])
            }
            starts.append(.within(windows[slot]))
        }
        return Plan(starts: starts, firstSlot: firstSlot)
    }

    /// Groups items by slot, keeping their order within a slot.
    private static func bySlot<Item, Value>(_ items: [Item], slots: Int, _ split: (Item) -> (Int, Value)) -> [[Value]] {
        var out = [[Value]](repeating: [], count: slots)
        for item in items {
            let (slot, value) = split(item)
            out[slot].append(value)
        }
        return out
    }

    /// The windows in which a match could also hold one of the second set's literals (found at the
    /// sorted `positions`): a match starting at `s` holds it at `s + minBefore ... s + maxBefore`.
    static func keeping(_ windows: [ClosedRange<Int>], holding second: (minBefore: Int, maxBefore: Int?),
                        at positions: [Int]) -> [ClosedRange<Int>] {
        windows.filter { window in
            let low = window.lowerBound + second.minBefore
            var lo = 0, hi = positions.count  // first position >= low
            while lo < hi {
                let mid = (lo + hi) >> 1
                if positions[mid] < low { lo = mid + 1 } else { hi = mid }
            }
            guard lo < positions.count else { return false }
            return second.maxBefore.map { positions[lo] <= window.upperBound + $0 } ?? true
        }
    }

    private static func keeping(_ windows: [ClosedRange<Int>], holding second: Need, at positions: [Int]) -> [ClosedRange<Int>] {
        keeping(windows, holding: (second.minBefore, second.maxBefore), at: positions)
    }

    /// Sorted and joined where they overlap or nearly touch.
    static func merged(_ ranges: [ClosedRange<Int>]) -> [ClosedRange<Int>] {
        var out: [ClosedRange<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = out.last, range.lowerBound <= last.upperBound + mergeGap {
                out[out.count - 1] = last.lowerBound ... max(last.upperBound, range.upperBound)
            } else {
                out.append(range)
            }
        }
        return out
    }
}
