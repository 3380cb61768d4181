import ClauseText

/// The compiled rule pack. Shared by every thread; each thread brings its own `MatchScratch`.
public final class RuleEngine: Sendable {
    public let pack: RulePack
    let rules: [CompiledRule]

    public init(pack: RulePack, normalizer: Normalizer = .shared) throws(RuleLoadError) {
        self.pack = pack
        let source = PatternSource(fragments: pack.fragments, normalizer: normalizer)
        var compiled: [CompiledRule] = []
        for rule in pack.rules { compiled.append(try CompiledRule(rule, pack: pack, source: source)) }
        rules = compiled
    }

    /// Loads, validates and compiles the pack in `directory`.
    public convenience init(directory: String) throws(RuleLoadError) {
        try self.init(pack: try RulePack.load(directory: directory))
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
    /// in time even when the PCRE2 limits alone would let a hostile text run long.
    public func findings(in text: PreparedText, parties: Parties? = nil, only: Set<String>? = nil,
                         deadline: ContinuousClock.Instant? = nil, scratch: MatchScratch) throws(Failure) -> [Finding] {
        let parties = parties ?? Parties.read(from: text)
        let units = Self.validUTF16(text.normalized.units)
        var found: [Finding] = []
        try units.withUnsafeBufferPointer { buffer throws(Failure) in
                let context = MatchContext(text: text, units: buffer, parties: parties, scratch: scratch)
                for rule in rules where only?.contains(rule.rule.id) ?? true {
                    if let deadline, ContinuousClock.now >= deadline {
                        throw Failure(rule: rule.rule.id, reason: "time budget exceeded", timedOut: true)
                    }
                    do throws(MatchError) {
                        found += try context.findings(of: rule)
                    } catch {
                        throw Failure(rule: rule.rule.id, reason: "\(error.message) (pattern \(error.pattern))")
                    }
                }
        }
        return Self.mergingOverlaps(found)
    }

    /// Two findings of one category on overlapping text are one finding: the rule earlier in the pack
    /// wins. Then source order.
    static func mergingOverlaps(_ findings: [Finding]) -> [Finding] {
        var kept: [Finding] = []
        for finding in findings {
            let clash = kept.contains {
                $0.category == finding.category && $0.sourceRange.overlaps(finding.sourceRange)
            }
            if !clash { kept.append(finding) }
        }
        return kept.sorted {
            ($0.sourceRange.lowerBound, $0.category, $0.rule.id) < ($1.sourceRange.lowerBound, $1.category, $1.rule.id)
        }
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
    /// Every rule's trigger patterns as compiled (fragments expanded, punctuation folded), for other
    /// tools such as `rg -f`.
    public func exportedPatterns() -> [String] {
        rules.flatMap { $0.patterns.map(\.source) }
    }
}
