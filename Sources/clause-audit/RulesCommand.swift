import ArgumentParser
import ClauseRules
import Foundation

/// `clause-audit rules`: what rule authors need: list, show, test, export.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "规则包（list, explain, test and export the rules）",
        subcommands: [List.self, Show.self, Test.self, Export.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every rule: id, category, severity, title.")
        @OptionGroup var common: CommonOptions

        func run() throws {
            let pack = try common.engine().pack
            var out = "\(pack.name) \(pack.version): \(pack.rules.count) rules\n"
            for rule in pack.rules {
                out += "\(rule.id)\t\(rule.category.rawValue)\t\(rule.severity.rawValue)\t\(rule.title)\n"
            }
            try common.emit(out)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Explain one rule: its law, message, rewrite and examples.")
        @Argument(help: "The rule id.") var id: String
        @OptionGroup var common: CommonOptions

        func run() throws {
            let pack = try common.engine().pack
            guard let rule = pack.rules.first(where: { $0.id == id }) else {
                throw Failure("no rule '\(id)' in \(pack.directory)")
            }
            var out = "\(rule.id)  \(rule.category.rawValue) \(rule.category.summary)  [\(rule.severity.rawValue)]\n"
            out += "\(rule.title)\n\n\(rule.message)\n\n依据：\n"
            out += rule.legalBasis.map { "  - \($0)\n" }.joined()
            out += "\n建议：\(rule.suggestion)\n\n触发示例：\n"
            out += rule.examples.triggering.map { "  ✗ \($0)\n" }.joined()
            out += "不触发示例：\n" + rule.examples.nonTriggering.map { "  ✓ \($0)\n" }.joined()
            out += "\n定义于 \(rule.location)\n"
            try common.emit(out)
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run every rule's own examples; exit 1 on any failure.")
        @Argument(help: "Only these rule ids (default: all).") var ids: [String] = []
        @OptionGroup var common: CommonOptions

        func run() throws {
            let engine = try common.engine()
            let failures = engine.checkExamples(only: ids.isEmpty ? nil : Set(ids))
            let rules = ids.isEmpty ? engine.pack.rules.count : ids.count
            let examples = engine.pack.rules.filter { ids.isEmpty || ids.contains($0.id) }
                .reduce(0) { $0 + $1.examples.triggering.count + $1.examples.nonTriggering.count }
            var out = failures.map { "FAIL \($0)\n" }.joined()
            let failedRules = Set(failures.map(\.rule)).count
            out += "rules test: \(rules) rules, \(examples) examples\n"
            out += "\(rules - failedRules) passed, \(failedRules) failed\n"
            try common.emit(out)
            if !failures.isEmpty { throw ExitCode(1) }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Export the pattern list (--patterns: one PCRE2 pattern per line).")
        @Flag(help: "One compiled PCRE2 pattern per line (fragments expanded, punctuation folded).")
        var patterns = false
        @Option(help: "pcre2 (as compiled) or ripgrep (for rg -f: no look-arounds or group names).")
        var dialect: String = "pcre2"
        @OptionGroup var common: CommonOptions

        func run() throws {
            guard patterns else { throw ValidationError("say what to export: --patterns") }
            guard let chosen = RuleEngine.PatternDialect(rawValue: dialect) else {
                throw ValidationError("--dialect is pcre2 or ripgrep, not '\(dialect)'")
            }
            let engine = try common.engine()
            try common.emit(engine.exportedPatterns(dialect: chosen).map { $0 + "\n" }.joined())
        }
    }
}
