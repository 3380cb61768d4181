import ClauseText

/// A rule with every pattern compiled, ready to run.
struct CompiledRule: Sendable {
    let rule: Rule
    let patterns: [Pattern]
    let requires: [Pattern]
    let unless: [Pattern]
    /// Compiled as `(?:P)$` so that, run on the text up to the hit, they only match right before it.
    let unlessBefore: [Pattern]

    init(_ rule: Rule, pack: RulePack, source: PatternSource) throws(RuleLoadError) {
        self.rule = rule
        func compile(_ list: [String], _ field: String, anchoredAtEnd: Bool = false) throws(RuleLoadError) -> [Pattern] {
            var compiled: [Pattern] = []
            for (index, written) in list.enumerated() {
                let place = "rule \(rule.id): \(field)[\(index + 1)] '\(written)'"
                do {
                    var ready = try source.compileReady(written)
                    if anchoredAtEnd { ready = "(?:\(ready))$" }
                    compiled.append(try Pattern(ready))
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
        unless = try compile(pack.unless + rule.unless, "unless")
        unlessBefore = try compile(pack.unlessBefore + rule.unlessBefore, "unless_before", anchoredAtEnd: true)
    }
}
