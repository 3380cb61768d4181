import ClauseText
import Foundation

/// The compiled rule pack. Shared by every thread; each thread brings its own `MatchScratch`.
public final class RuleEngine: Sendable {
    public let pack: RulePack
    let rules: [CompiledRule]
    /// Nil when the engine was asked to scan every pattern over the whole text (for comparisons).
    let prefilter: Prefilter?
    /// Built the first time a document has a large scope (most runs never need it).
    let checkFilter: Once<CheckFilter>?

    /// `prefilter: false` runs every pattern over every whole text: the same findings, slower; for
    /// benchmarks and for the test that holds the prefilter to exactly the same findings.
    public init(pack: RulePack, normalizer: Normalizer = .shared, prefilter: Bool = true) throws(RuleLoadError) {
        self.pack = pack
        let parts = try PackCompiler.compile(pack, normalizer: normalizer, literals: prefilter)
        let compiled = parts.map(\.rule)
        rules = compiled
        self.prefilter = prefilter ? Prefilter(rules: compiled, literals: parts.flatMap(\.literals)) : nil
        let checks = compiled.flatMap { $0.requires + $0.packUnless + $0.unless + $0.unlessBefore }
        checkFilter = prefilter ? Once { CheckFilter(checks: checks) } : nil
    }

    /// Loads, validates and compiles the pack in `directory`. The normalizer's tables (mostly ICU
    /// opening its Traditional-Simplified transliterator) are built on the other core while the pack's
    /// YAML is read: compiling the patterns needs both.
    public convenience init(directory: String) throws(RuleLoadError) {
        let loaded = PackCompiler.LoadSlot()
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                _ = Normalizer.shared.normalize([])
            } else {
                do throws(RuleLoadError) { loaded.set(.success(try RulePack.load(directory: directory))) } catch { loaded.set(.failure(error)) }
            }
        }
        try self.init(pack: try loaded.get())
    }

    /// A rule that gave up on a document (catastrophic backtracking, a hostile text), or a run that
    /// went past its deadline.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var rule: String
        public var reason: String
        /// True when the deadline passed (the server's time budget), not a PCRE2 limit.
        public var timedOut = false
        public var description: String { "rule \(rule): \(reason)" }
    }

    /// Every finding of every rule (or of `only` those rules) in a prepared document, in source order.
    /// With a `deadline`, the run stops before the next rule once it has passed: a server must answer
    /// in time even when the PCRE2 limits alone would let a hostile text run long. `figures`: the
    /// document's stated figures when the caller has read them (else read on a figures rule's first hit).
    public func findings(in text: PreparedText, parties: Parties? = nil, figures: FigureReading? = nil,
                         only: Set<String>? = nil, deadline: ContinuousClock.Instant? = nil,
                         scratch: MatchScratch) throws(Failure) -> [Finding] {
        let parties = parties ?? Parties.read(from: text)
        let units = Self.validUTF16(text.normalized.units)
        var found: [Finding] = []
        // Searches stop at the document's own budget, or at the caller's deadline if that comes first.
        let budget = ContinuousClock.now + scratch.limits.documentBudget
        scratch.deadline = deadline.map { min($0, budget) } ?? budget
        defer { scratch.deadline = nil }
        try units.withUnsafeBufferPointer { buffer throws(Failure) in
            let plan = prefilter?.plan(for: buffer)
            let context = MatchContext(text: text, units: buffer, parties: parties, scratch: scratch,
                                       checkFilter: checkFilter, figures: figures)
            for (number, rule) in rules.enumerated() where only?.contains(rule.rule.id) ?? true {
                if let deadline, ContinuousClock.now >= deadline {
                    throw Failure(rule: rule.rule.id, reason: "time budget exceeded", timedOut: true)
                }
                do throws(MatchError) {
                    found += try context.findings(of: rule) { plan?.starts(rule: number, pattern: $0) ?? .everywhere }
                } catch {
                    if let deadline, ContinuousClock.now >= deadline {
                        throw Failure(rule: rule.rule.id, reason: "time budget exceeded", timedOut: true)
                    }
                    throw Failure(rule: rule.rule.id, reason: "\(error.message) (pattern \(error.pattern))")
                }
            }
        }
        return Self.mergingOverlaps(found)
    }

    /// Two findings of one category on overlapping text are one finding: the rule earlier in the pack
    /// wins. Then source order.
    ///
    /// In time O(n log n + n·runs), not O(n²): a dense document (a pasted text with a hundred thousand
    /// hits) must not hold a thread for minutes. What is kept of each category is pairwise disjoint,
    /// so kept ranges sorted by start are sorted by end as well, and a new range can clash only with
    /// the last kept range that starts before it ends. Findings arrive in runs ascending by start
    /// (each pattern's matches); each run is checked, then merged into the kept list in one pass.
    static func mergingOverlaps(_ findings: [Finding]) -> [Finding] {
        let keep = kept(findings.map { ($0.category, $0.sourceRange) })
        let survivors = findings.indices.filter { keep[$0] }.map { findings[$0] }
        return survivors.sorted {
            ($0.sourceRange.lowerBound, $0.category, $0.rule.id) < ($1.sourceRange.lowerBound, $1.category, $1.rule.id)
        }
    }

    /// Which of the (category, range) pairs survive, in input order: those that overlap no earlier
    /// survivor of their category.
    static func kept(_ items: [(Category, Range<Int>)]) -> [Bool] {
        var keep = [Bool](repeating: false, count: items.count)
        var kept: [Category: [Range<Int>]] = [:]
        var run: [Category: [Range<Int>]] = [:]
        func flush() {
            for (category, accepted) in run where !accepted.isEmpty {
                kept[category] = merge(kept[category] ?? [], accepted)
            }
            run = [:]
        }
        var previousStart = Int.min
        for (i, (category, range)) in items.enumerated() {
            // An empty range overlaps nothing (Range.overlaps), so it is always kept and blocks nothing.
            if range.isEmpty {
                keep[i] = true
                continue
            }
            if range.lowerBound < previousStart { flush() }
            previousStart = range.lowerBound
            if let last = run[category]?.last, last.overlaps(range) { continue }
            if let ranges = kept[category], let j = lastIndex(in: ranges, startingBefore: range.upperBound),
               ranges[j].overlaps(range) {
                continue
            }
            keep[i] = true
            run[category, default: []].append(range)
        }
        return keep
    }

    /// The index of the last range (sorted by start) that starts before `end`.
    private static func lastIndex(in ranges: [Range<Int>], startingBefore end: Int) -> Int? {
        var low = 0, high = ranges.count
        while low < high {
            let mid = (low + high) / 2
            if ranges[mid].lowerBound < end { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? nil : low - 1
    }

    /// Two lists of ranges sorted by start, as one.
    private static func merge(_ a: [Range<Int>], _ b: [Range<Int>]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if a[i].lowerBound <= b[j].lowerBound { out.append(a[i]); i += 1 } else { out.append(b[j]); j += 1 }
        }
        out += a[i...]
        out += b[j...]
        return out
    }

    /// PCRE2 matches without re-checking UTF-16 on every call, so the text is checked once here: a lone
    /// surrogate (possible only in broken UTF-16 input) becomes U+FFFD, which keeps every offset.
    static func validUTF16(_ units: [UInt16]) -> [UInt16] {
        var copy: [UInt16]? = nil
        var i = 0
        while i < units.count {
            let u = units[i]
            if u & 0xFC00 == 0xD800, i + 1 < units.count, units[i + 1] & 0xFC00 == 0xDC00 {
                i += 2
                continue
            }
            if u & 0xF800 == 0xD800 {
                if copy == nil { copy = units }
                copy![i] = 0xFFFD
            }
            i += 1
        }
        return copy ?? units
    }
}

extension RuleEngine {
    /// The syntax of an exported pattern list.
    public enum PatternDialect: String, CaseIterable, Sendable {
        /// As compiled: PCRE2 (fragments expanded, punctuation folded).
        case pcre2
        /// For ripgrep's default engine (`rg -f`): see `RipgrepDialect` for what changes.
        case ripgrep
    }

    /// Every rule's trigger patterns as compiled (fragments expanded, punctuation folded), for other
    /// tools such as `rg -f`. In the ripgrep dialect a pattern Rust's engine cannot express is left out.
    public func exportedPatterns(dialect: PatternDialect = .pcre2) -> [String] {
        let sources = rules.flatMap { $0.patterns.map(\.source) }
        switch dialect {
        case .pcre2: return sources
        case .ripgrep: return sources.compactMap(RipgrepDialect.translate)
        }
    }
}
