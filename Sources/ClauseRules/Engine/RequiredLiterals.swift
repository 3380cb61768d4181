/// What the prefilter may assume about a pattern: a set of literals such that every match contains one
/// of them, between `minBefore` and `maxBefore` code units after the start of the match; and, when the
/// pattern has one, a second such set found in another part of it (so a match holds one of each).
/// UTF-16 code units throughout, the units the text is matched in. Conservative by construction: when
/// in doubt a pattern gets no literals (it always runs) or no bound (it is searched from the start).
struct RequiredLiterals: Equatable {
    struct LiteralSet: Equatable {
        var literals: [[UInt16]]
        /// Where a match's literal starts, counted from the start of the match.
        var minBefore: Int
        var maxBefore: Int?
    }

    /// Nil when no such set was found: the pattern always runs.
    var primary: LiteralSet?
    /// A further set, required as well (nil when the pattern has no second one).
    var secondary: LiteralSet?

    var literals: [[UInt16]]? { primary?.literals }
    var maxBefore: Int? { primary?.maxBefore }

    /// Facts of groups already analysed: fragments such as {{biz}} recur in most patterns of a pack.
    final class Memo {
        fileprivate var groups: [PatternNode: Facts] = [:]
        init() {}
    }

    init(pattern source: String, memo: Memo = Memo()) {
        let facts = Facts.of(PatternSyntax.parse(source), memo)
        var required = facts.required
        var second = facts.second
        if required == nil, let strings = facts.strings, !strings.contains(where: { $0.isEmpty }) {
            required = Facts.Required(literals: strings, minBefore: 0, maxBefore: 0)
            second = nil
        }
        primary = required.map(Self.literalSet)
        secondary = primary == nil ? nil : second.map(Self.literalSet)
    }

    private static func literalSet(_ required: Facts.Required) -> LiteralSet {
        let (kept, slack) = minimized(required.literals)
        return LiteralSet(literals: kept, minBefore: required.minBefore, maxBefore: required.maxBefore.map { $0 + slack })
    }

    /// A literal that contains another one of the set adds nothing: any text containing it contains the
    /// shorter one too. Dropping it keeps the scanner's table small; the shorter one may stand further
    /// into the match, by at most `slack` units (never nearer its start).
    static func minimized(_ set: [[UInt16]]) -> (kept: [[UInt16]], slack: Int) {
        let sorted = Set(set).sorted { $0.count != $1.count ? $0.count < $1.count : $0.lexicographicallyPrecedes($1) }
        var kept: [[UInt16]] = []
        var slack = 0
        for literal in sorted {
            if let inner = kept.first(where: { literal.contains(subsequence: $0) }) {
                slack = max(slack, literal.count - inner.count)
            } else {
                kept.append(literal)
            }
        }
        return (kept.sorted { $0.lexicographicallyPrecedes($1) }, slack)
    }
}

/// The bottom-up facts of one node of a pattern.
fileprivate struct Facts {
    struct Required {
        /// Every match contains one of these (none of them empty)...
        var literals: [[UInt16]]
        /// ... starting at least `minBefore` and at most `maxBefore` units after the match's start
        /// (nil: unbounded).
        var minBefore: Int
        var maxBefore: Int?
    }

    /// Every match of the node is one of these strings (a superset is fine); nil when too many.
    var strings: [[UInt16]]?
    var required: Required?
    /// Required as well as `required`, from a part of the node that does not overlap it.
    var second: Required?
    /// No match is shorter, or longer, than this (nil: unbounded).
    var minLength: Int
    var maxLength: Int?

    /// Sets larger than this are given up (the scanner would gain little from them).
    static let setLimit = 64
    /// Longer literals are cut: a prefix of a required literal is required too, at the same place.
    static let lengthLimit = 12

    static let emptyMatch = Facts(strings: [[]], required: nil, second: nil, minLength: 0, maxLength: 0)
    static let unknown = Facts(strings: nil, required: nil, second: nil, minLength: 0, maxLength: nil)

    static func of(_ node: PatternNode, _ memo: RequiredLiterals.Memo) -> Facts {
        func of(_ node: PatternNode) -> Facts { Facts.of(node, memo) }
        switch node {
        case .empty, .lookaround:
            // Assertions consume nothing; whatever they test lies outside the match's literals.
            return emptyMatch
        case let .char(c):
            return literal(Array(String(c).utf16))
        case let .literal(run):
            var units: [UInt16] = []
            for c in run { units += String(c).utf16 }
            return literal(units)
        case let .oneOf(set):
            if let listed = set.listedScalars, !listed.isEmpty {
                let strings = listed.map { Array(String($0).utf16) }
                return Facts(strings: strings, required: Required(literals: strings, minBefore: 0, maxBefore: 0), second: nil,
                             minLength: strings.map { $0.count }.min()!, maxLength: strings.map { $0.count }.max())
            }
            // One code point: one unit, or a surrogate pair.
            return Facts(strings: nil, required: nil, second: nil, minLength: 1, maxLength: 2)
        case let .group(body, _):
            // Only long lists of alternatives (the pack's fragments) recur enough to pay for hashing.
            guard case let .alternation(branches) = body, branches.count >= 8 else { return of(body) }
            if let known = memo.groups[body] { return known }
            let facts = of(body)
            memo.groups[body] = facts
            return facts
        case let .alternation(branches):
            return alternation(branches.map(of))
        case let .sequence(items):
            return sequence(items.map(of))
        case let .repeated(body, min, max, _):
            return repeated(of(body), min: min, max: max)
        case .opaque:
            return unknown
        }
    }

    private static func literal(_ units: [UInt16]) -> Facts {
        Facts(strings: [units], required: Required(literals: cut([units]), minBefore: 0, maxBefore: 0), second: nil,
              minLength: units.count, maxLength: units.count)
    }

    private static func alternation(_ branches: [Facts]) -> Facts {
        var strings: [[UInt16]]? = []
        var literals: [[UInt16]]? = []
        var minBefore = Int.max
        var maxBefore: Int? = 0
        var minLength = Int.max
        var maxLength: Int? = 0
        for branch in branches {
            if let s = branch.strings, let all = strings, all.count + s.count <= setLimit { strings = all + s } else { strings = nil }
            if let r = branch.required, let all = literals {
                literals = all + r.literals
                minBefore = Swift.min(minBefore, r.minBefore)
                maxBefore = maxBefore.flatMap { m in r.maxBefore.map { Swift.max(m, $0) } }
            } else {
                literals = nil
            }
            minLength = Swift.min(minLength, branch.minLength)
            maxLength = maxLength.flatMap { m in branch.maxLength.map { Swift.max(m, $0) } }
        }
        // (A second set would have to hold in every branch: not tracked through alternatives.)
        let required = literals.map { Required(literals: cut($0), minBefore: minBefore, maxBefore: maxBefore) }
        return Facts(strings: strings, required: required, second: nil,
                     minLength: branches.isEmpty ? 0 : minLength, maxLength: maxLength)
    }

    private static func sequence(_ items: [Facts]) -> Facts {
        // How far into a match each item can start: the sums of the shortest and the longest matches
        // before it.
        var minOffsets: [Int] = [], maxOffsets: [Int?] = []
        var minTotal = 0
        var maxTotal: Int? = 0
        for item in items {
            minOffsets.append(minTotal)
            maxOffsets.append(maxTotal)
            minTotal = lower(minTotal, plus: item.minLength)
            maxTotal = upper(maxTotal, plus: item.maxLength)
        }
        // Candidates for the required sets: each item's own (and its second), and the product of each
        // run of items whose strings are known (split where the product would grow past the limit).
        // Each remembers the items it came from: two sets from different items are both required.
        var candidates: [(required: Required, items: Range<Int>, second: Bool)] = []
        func shifted(_ r: Required, by index: Int) -> Required {
            Required(literals: r.literals, minBefore: lower(minOffsets[index], plus: r.minBefore),
                     maxBefore: upper(maxOffsets[index], plus: r.maxBefore))
        }
        for (index, item) in items.enumerated() {
            if let r = item.required { candidates.append((shifted(r, by: index), index ..< index + 1, false)) }
            if let r = item.second { candidates.append((shifted(r, by: index), index ..< index + 1, true)) }
        }
        var run: (start: Int, product: [[UInt16]])? = nil
        func closeRun(at end: Int) {
            if let run, !run.product.contains(where: { $0.isEmpty }) {
                candidates.append((Required(literals: cut(run.product), minBefore: minOffsets[run.start],
                                            maxBefore: maxOffsets[run.start]), run.start ..< end, false))
            }
            run = nil
        }
        for (index, item) in items.enumerated() {
            guard let strings = item.strings else {
                closeRun(at: index)
                continue
            }
            if let current = run, let next = product(current.product, strings) {
                run = (current.start, next)
            } else {
                closeRun(at: index)
                run = (index, strings)
            }
        }
        closeRun(at: items.count)
        let strings = items.reduce([[UInt16]]?([[]])) { partial, item in
            guard let partial, let s = item.strings else { return nil }
            return product(partial, s)
        }
        let first = best(candidates.indices) { candidates[$0].required }
        // The second: from other items, or the other set of the same single item.
        let second = first.flatMap { f in
            best(candidates.indices.filter { c in
                let (a, b) = (candidates[f], candidates[c])
                return !a.items.overlaps(b.items) || (a.items == b.items && a.items.count == 1 && a.second != b.second)
            }) { candidates[$0].required }
        }
        return Facts(strings: strings, required: first.map { candidates[$0].required },
                     second: second.map { candidates[$0].required }, minLength: minTotal, maxLength: maxTotal)
    }

    private static func repeated(_ body: Facts, min: Int, max: Int?) -> Facts {
        var strings: [[UInt16]]? = nil
        if let s = body.strings, let max, max <= 3 {
            var all: [[UInt16]] = min == 0 ? [[]] : []
            var power: [[UInt16]] = [[]]
            var known = true
            for count in stride(from: 1, through: max, by: 1) {
                guard let next = product(power, s) else { known = false; break }
                power = next
                if count >= min { all += power }
            }
            if known && all.count <= setLimit { strings = all }
        }
        let maxLength = max == 0 ? 0 : max.flatMap { m in upper(body.maxLength, times: m) }
        // The first repetition starts where the node starts, and it holds the body's literals.
        return Facts(strings: strings, required: min >= 1 ? body.required : nil, second: min >= 1 ? body.second : nil,
                     minLength: lower(body.minLength, times: min), maxLength: maxLength)
    }

    // Lengths can be absurd in a hostile pattern ((?:a{65535}){65535}...): past `lengthCap` an upper
    // bound becomes "unbounded" and a lower bound stays at the cap, both of which are safe (found by
    // fuzzing: the products overflowed).
    static let lengthCap = 1 << 40
    private static func upper(_ a: Int?, plus b: Int?) -> Int? {
        guard let a, let b else { return nil }
        let sum = a + b  // both at most lengthCap: no overflow
        return sum > lengthCap ? nil : sum
    }
    private static func upper(_ a: Int?, times b: Int) -> Int? {
        guard let a else { return nil }
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow || product > lengthCap ? nil : product
    }
    private static func lower(_ a: Int, plus b: Int) -> Int { Swift.min(a + b, lengthCap) }
    private static func lower(_ a: Int, times b: Int) -> Int {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? lengthCap : Swift.min(product, lengthCap)
    }

    /// Every concatenation of one string from `a` with one from `b`, or nil past the limit.
    private static func product(_ a: [[UInt16]], _ b: [[UInt16]]) -> [[UInt16]]? {
        guard a.count * b.count <= setLimit else { return nil }
        if a.count == 1 && a[0].isEmpty { return b }
        if b.count == 1 && b[0].isEmpty { return a }
        var out: [[UInt16]] = []
        out.reserveCapacity(a.count * b.count)
        for x in a { for y in b { out.append(x + y) } }
        return out
    }

    /// (Duplicates, here and in products, are harmless and rare: `minimized` removes them at the end.)
    private static func cut(_ set: [[UInt16]]) -> [[UInt16]] {
        set.contains { $0.count > lengthLimit } ? set.map { $0.count > lengthLimit ? Array($0.prefix(lengthLimit)) : $0 } : set
    }

    /// The most selective candidate: the longest shortest literal first (a one-character literal such
    /// as 不 occurs everywhere), then one whose place in the match is bounded, then the fewest literals.
    private static func best(_ indices: some Sequence<Int>, _ required: (Int) -> Required) -> Int? {
        func score(_ r: Required) -> (Int, Int, Int) {
            var shortest = Int.max
            for literal in r.literals { shortest = Swift.min(shortest, literal.count) }
            return (Swift.min(shortest, 3), r.maxBefore == nil ? 0 : 1, -r.literals.count)
        }
        var best: Int? = nil
        var bestScore = (0, 0, 0)
        for index in indices {
            let candidate = required(index)
            guard !candidate.literals.isEmpty else { continue }
            let s = score(candidate)
            if s.0 > 0 && (best == nil || bestScore < s) { (best, bestScore) = (index, s) }
        }
        return best
    }
}

extension Array where Element == UInt16 {
    /// Whether `needle` occurs in this array as a contiguous run.
    func contains(subsequence needle: [UInt16]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return needle.isEmpty }
        for start in 0 ... (count - needle.count) where self[start] == needle[0] {
            if self[start ..< start + needle.count].elementsEqual(needle) { return true }
        }
        return false
    }
}
