import ClauseText

// Built-in checks outside the pattern engine (the prominence check in ClauseAudit) report through the
// same `Finding` and `Rule` types, so every output format shows them without knowing they exist. They
// need public initialisers for that; the memberwise ones are internal to this module.

extension Rule {
    public init(id: String, category: Category, severity: Severity, title: String, message: String,
                legalBasis: [String], suggestion: String, scope: RuleScope = .sentence,
                examples: Examples = .none, location: RuleLocation = .builtIn) {
        self.init(id: id, category: category, severity: severity, title: title, message: message,
                  legalBasis: legalBasis, suggestion: suggestion, scope: scope, patterns: [], requires: [],
                  unless: [], unlessBefore: [], party: nil, figures: nil, sectors: [], sources: [],
                  examples: examples, location: location)
    }
}

extension Rule.Examples {
    /// A built-in check proves itself in the test suite, not with examples in a rule file.
    public static let none = Rule.Examples(triggering: [], nonTriggering: [])
}

extension RuleLocation {
    /// Where built-in rules are defined: in the code, not in a rule file.
    public static let builtIn = RuleLocation(file: "built-in", line: 0)
}

extension Finding {
    public init(builtIn rule: Rule, severity: Severity, span: SourceSpan, sourceRange: Range<Int>, text: String,
                clause: ClauseReference?, figures: String? = nil) {
        self.rule = rule
        self.severity = severity
        self.span = span
        self.sourceRange = sourceRange
        self.text = text
        self.clause = clause
        self.figures = figures
    }
}
