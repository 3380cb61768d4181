import ClauseText

/// A rule with every pattern compiled, ready to run. A class: the engine hands each rule to every
/// document, and copying a struct of a rule and four arrays cost a retain per field each time.
final class CompiledRule: Sendable {
    let rule: Rule
    let patterns: [Pattern]
    let requires: [Pattern]
    /// The pack's own `unless` patterns (quotations of the law, regulators' views): they look at the whole scope.
    let packUnless: [Pattern]
    /// The rule's `unless` patterns: in sentence scope they look at the hit's part of the sentence (see
    /// `MatchContext.part(around:in:)`).
    let unless: [Pattern]
    /// Compiled as `(?:P)$` so that, run on the text up to the hit, they only match right before it.
    let unlessBefore: [Pattern]

    init(_ rule: Rule, pack: RulePack, source: PatternSource, cache: PatternCache = PatternCache()) throws(RuleLoadError) {
        self.rule = rule
        func compile(_ list: [String], _ field: String, anchoredAtEnd: Bool = false) throws(RuleLoadError) -> [Pattern] {
            var compiled: [Pattern] = []
            for (index, written) in list.enumerated() {
                // Only on failure, and at most 80 characters of the pattern: a pattern of a million
                // characters must not make a million-character error line (and counting characters
                // of every pattern was a tenth of the start-up).
                var place: String {
                    let shown = written.count > 80 ? written.prefix(80) + "…（共 \(written.count) 字符）" : written
                    return "rule \(rule.id): \(field)[\(index + 1)] '\(shown)'"
                }
                do {
                    compiled.append(try cache.pattern(written, anchoredAtEnd: anchoredAtEnd) { () throws in
                        let ready = try source.compileReady(written)
                        return anchoredAtEnd ? "(?:\(ready))$" : ready
                    })
                } catch let error as Pattern.CompileError {
                    throw RuleLoadError(file: rule.location.file, line: rule.location.line,
                                        message: "\(place): PCRE2: \(error.message) at offset \(error.offset)")
                } catch let PatternSource.Problem.unknownFragment(name) {
                    throw RuleLoadError(file: rule.location.file, line: rule.location.line,
                                        message: "\(place): unknown fragment {{\(name)}}")
                } catch {
                    throw RuleLoadError(file: rule.location.file, line: rule.location.line,
                                        message: "\(place): fragments nest too deep (a cycle?)")
                }
            }
            return compiled
        }
        patterns = try compile(rule.patterns, "patterns")
        requires = try compile(rule.requires, "requires")
        packUnless = try compile(pack.unless, "unless")
        unless = try compile(rule.unless, "unless")
        unlessBefore = try compile(pack.unlessBefore + rule.unlessBefore, "unless_before", anchoredAtEnd: true)
    }
}

/// Compiled patterns by what the author wrote, for one pack: the pack's own `unless` patterns are in
/// every rule, and expanding, folding and JIT-compiling them once instead of once per rule halves the
/// pack's compile time. Keyed by the written text (short: fragments not yet expanded). Compiled
/// patterns are immutable and shared; the cache is used on one thread while the engine is built.
final class PatternCache {
    private var patterns: [HashedKey: Pattern] = [:]

    func pattern(_ written: String, anchoredAtEnd: Bool, ready: () throws -> String) throws -> Pattern {
        let key = HashedKey((anchoredAtEnd ? "$" : "^") + written)
        if let known = patterns[key] { return known }
        let pattern = try Pattern(try ready())
        patterns[key] = pattern
        return pattern
    }
}
