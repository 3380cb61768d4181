/// The literal prefilter: one scan of a document for the required literals of every trigger pattern,
/// then each pattern runs only where one of its literals occurs. Findings are exactly those of
/// running every pattern over the whole text (a test holds it to that on the whole corpus):
///
/// - a pattern's every match contains one of its literals (`RequiredLiterals`), so a pattern whose
///   literals are absent cannot match;
/// - that literal starts at most `maxBefore` code units into the match, so a match holding the literal
///   found at `p` starts in `p − maxBefore ... p`; PCRE2 searches only those start positions (its
///   offset limit stops the search), still over the whole text, so look-arounds see what they always saw;
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

    private let scanner: LiteralScanner
    /// For each literal id, the pattern slots that require it.
    private let slotsOfLiteral: [[Int]]
    /// For each rule, the slot of its first pattern; a rule's patterns take consecutive slots.
    private let firstSlot: [Int]
    /// Per slot: how far into a match its literal can stand (nil: unbounded), and whether it has literals.
    private let maxBefore: [Int?]
    private let filtered: [Bool]
    /// Windows closer than this are searched as one (fewer PCRE2 calls, same result).
    static let mergeGap = 32

    init(rules: [CompiledRule]) {
        var literalIDs: [[UInt16]: Int] = [:]
        var literals: [[UInt16]] = []
        var slotsOfLiteral: [[Int]] = []
        var firstSlot: [Int] = []
        var maxBefore: [Int?] = []
        var filtered: [Bool] = []
        let memo = RequiredLiterals.Memo()
        for rule in rules {
            firstSlot.append(maxBefore.count)
            for pattern in rule.patterns {
                let slot = maxBefore.count
                let facts = RequiredLiterals(pattern: pattern.source, memo: memo)
                maxBefore.append(facts.maxBefore)
                filtered.append(facts.literals != nil)
                for literal in facts.literals ?? [] {
                    let id = literalIDs[literal] ?? {
                        literals.append(literal)
                        slotsOfLiteral.append([])
                        literalIDs[literal] = literals.count - 1
                        return literals.count - 1
                    }()
                    slotsOfLiteral[id].append(slot)
                }
            }
        }
        scanner = LiteralScanner(literals: literals)
        self.slotsOfLiteral = slotsOfLiteral
        self.firstSlot = firstSlot
        self.maxBefore = maxBefore
        self.filtered = filtered
    }

    /// How many distinct literals the scanner looks for, and how many patterns have none.
    var literalCount: Int { scanner.literals.count }
    var unfilteredPatternCount: Int { filtered.filter { !$0 }.count }

    /// One document's start windows, for every pattern.
    struct Plan {
        fileprivate var starts: [Starts]
        fileprivate let firstSlot: [Int]

        /// The start windows of pattern `pattern` of rule number `rule` (in pack order).
        func starts(rule: Int, pattern: Int) -> Starts { starts[firstSlot[rule] + pattern] }
    }

    func plan(for text: UnsafeBufferPointer<UInt16>) -> Plan {
        var windows = [[ClosedRange<Int>]](repeating: [], count: maxBefore.count)
        var unsorted = [Bool](repeating: false, count: maxBefore.count)
        scanner.scan(text) { position, id in
            for slot in slotsOfLiteral[id] {
                let low = maxBefore[slot].map { max(0, position - $0) } ?? 0
                guard let last = windows[slot].last else {
                    windows[slot].append(low ... position)
                    continue
                }
                if low <= last.upperBound + Self.mergeGap && low >= last.lowerBound {
                    windows[slot][windows[slot].count - 1] = last.lowerBound ... max(last.upperBound, position)
                } else {
                    if low < last.lowerBound { unsorted[slot] = true }
                    windows[slot].append(low ... position)
                }
            }
        }
        var starts: [Starts] = []
        starts.reserveCapacity(windows.count)
        for slot in windows.indices {
            if !filtered[slot] {
                starts.append(.everywhere)
            } else {
                starts.append(.within(unsorted[slot] ? Self.merged(windows[slot]) : windows[slot]))
            }
        }
        return Plan(starts: starts, firstSlot: firstSlot)
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
