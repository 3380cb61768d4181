import Yams

/// Reads the rules of one file: `rules:` and a list of rule mappings, each validated field by field.
struct RuleFileReader {
    let file: String
    let pack: RulePack

    static let ruleKeys: Set<String> = [
        "id", "category", "severity", "title", "message", "legal_basis", "suggestion", "scope", "patterns",
        "requires", "unless", "unless_before", "party", "figures", "sectors", "sources", "examples",
    ]

    func rules() throws(RuleLoadError) -> [Rule] {
        let top = try YAMLFields(try RulePack.parse(file), file: file, what: "a rule file", known: ["rules"])
        guard let list = top.mapping["rules"]?.sequence else {
            throw top.error("rules", "a rule file holds 'rules:' and a list of rules")
        }
        var rules: [Rule] = []
        for node in list { rules.append(try rule(node)) }
        return rules
    }

    private func rule(_ node: Node) throws(RuleLoadError) -> Rule {
        let fields = try YAMLFields(node, file: file, what: "a rule", known: Self.ruleKeys)
        let id = try fields.string("id")
        guard id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "." || $0 == "-") }) else {
            throw fields.error("id", "rule id '\(id)' must be lower-case ASCII letters, digits, '.' and '-'")
        }
        func fail(_ key: String, _ message: String) -> RuleLoadError { fields.error(key, "rule \(id): \(message)") }

        guard let category = try fields.enumValue("category", Category.self) else {
            throw fail("category", "'category' is required (C1..C6)")
        }
        let legalBasis = try fields.strings("legal_basis")
        guard !legalBasis.isEmpty else { throw fail("legal_basis", "'legal_basis' must cite at least one provision") }
        for citation in legalBasis where !pack.laws.contains(where: { citation.hasPrefix($0) }) {
            throw fail("legal_basis", "'\(citation)' does not start with a law listed in pack.yml 'laws'")
        }
        let patterns = try fields.strings("patterns")
        guard !patterns.isEmpty else { throw fail("patterns", "'patterns' must list at least one pattern") }

        let examples = try fields.nested("examples", what: "examples", known: ["triggering", "non_triggering"])
        let triggering = try examples?.strings("triggering") ?? []
        let nonTriggering = try examples?.strings("non_triggering") ?? []
        guard !triggering.isEmpty, !nonTriggering.isEmpty else {
            throw fail("examples", "every rule needs triggering and non_triggering examples")
        }
        return Rule(
            id: id, category: category,
            severity: try fields.enumValue("severity", Severity.self) ?? .error,
            title: try fields.string("title"), message: try fields.string("message"),
            legalBasis: legalBasis, suggestion: try fields.string("suggestion"),
            scope: try fields.enumValue("scope", RuleScope.self) ?? .sentence,
            patterns: patterns, requires: try fields.strings("requires"), unless: try fields.strings("unless"),
            unlessBefore: try fields.strings("unless_before"),
            party: try fields.enumValue("party", PartySide.self),
            figures: try fields.enumValue("figures", FigureCheck.self),
            sectors: try fields.strings("sectors"), sources: try fields.strings("sources"),
            examples: .init(triggering: triggering, nonTriggering: nonTriggering),
            location: RuleLocation(file: file, line: fields.line ?? 0))
    }
}
