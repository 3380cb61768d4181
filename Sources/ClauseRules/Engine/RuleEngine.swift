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
        let checks = compiled.flatMap { $0.requires + $0.unless + $0.unlessBefore }
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

    /// A rule that gave up on a document (catastrophic backtracking, a hostile text).
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var rule: String
        public var reason: String
        public var description: String { "rule \(rule): \(reason)" }
    }

    /// Every finding of every rule (or of `only` those rules) in a prepared document, in source order.
    public func findings(in text: PreparedText, parties: Parties? = nil, only: Set<String>? = nil,
                         scratch: MatchScratch) throws(Failure) -> [Finding] {
        let parties = parties ?? Parties.read(from: text)
        let units = Self.validUTF16(text.normalized.units)
        var found: [Finding] = []
        scratch.deadline = .now + scratch.limits.documentBudget
        defer { scratch.deadline = nil }
        try units.withUnsafeBufferPointer { buffer throws(Failure) in
                let plan = prefilter?.plan(for: buffer)
                let context = MatchContext(text: text, units: buffer, parties: parties, scratch: scratch, checkFilter: checkFilter)
                for (number, rule) in rules.enumerated() where only?.contains(rule.rule.id) ?? true {
                    do throws(MatchError) {
                        found += try context.findings(of: rule) { plan?.starts(rule: number, pattern: $0) ?? .everywhere }
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
        if findings.count <= 256 {
            for finding in findings {
                let clash = kept.contains {
                    $0.category == finding.category && $0.sourceRange.overlaps(finding.sourceRange)
                }
                if !clash { kept.append(finding) }
            }
        } else {
            // Many findings (a huge document): comparing each with every kept one is quadratic. Kept
            // findings of a category cover units of the source; a finding clashes when it shares a
            // unit with them (an empty one never does), which is what `overlaps` asks.
            let size = findings.map(\.sourceRange.upperBound).max() ?? 0
            var covered: [Category: [UInt64]] = [:]
            for finding in findings {
                let range = finding.sourceRange
                if covered[finding.category] == nil { covered[finding.category] = [UInt64](repeating: 0, count: size / 64 + 1) }
                let clash = covered[finding.category]!.withUnsafeBufferPointer { bits in
                    range.contains { bits[$0 >> 6] & (1 << UInt64($0 & 63)) != 0 }
                }
                guard !clash else { continue }
                kept.append(finding)
                covered[finding.category]!.withUnsafeMutableBufferPointer { bits in
                    for unit in range { bits[unit >> 6] |= 1 << UInt64(unit & 63) }
                }
            }
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
