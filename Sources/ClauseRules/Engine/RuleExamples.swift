import ClauseText

/// Runs a rule's own examples, the way SwiftLint runs `triggeringExamples`: each triggering example
/// must give this rule's finding exactly at each 【…】 and nowhere else; no non-triggering one may give
/// any.
extension RuleEngine {
    public struct ExampleFailure: Sendable, CustomStringConvertible {
        public var rule: String
        public var example: String
        public var expected: [Range<Int>]
        public var found: [Range<Int>]
        public var reason: String

        public var description: String {
            func show(_ spans: [Range<Int>]) -> String {
                spans.isEmpty ? "none" : spans.map { "\($0.lowerBound)..<\($0.upperBound)" }.joined(separator: ", ")
            }
            return "rule \(rule): \(reason)\n    example: \(example)\n    expected: \(show(expected))  found: \(show(found))"
        }
    }

    /// The failures of every rule's examples; empty when the pack proves itself.
    public func checkExamples(only ids: Set<String>? = nil) -> [ExampleFailure] {
        let scratch = MatchScratch()
        var failures: [ExampleFailure] = []
        for compiled in rules where ids?.contains(compiled.rule.id) ?? true {
            let rule = compiled.rule
            for example in rule.examples.triggering {
                let (text, expected) = Self.stripMarks(example)
                if expected.isEmpty {
                    failures.append(.init(rule: rule.id, example: example, expected: [], found: [],
                                          reason: "triggering example marks no span with 【】"))
                    continue
                }
                let found = spans(of: rule.id, in: text, scratch: scratch)
                if found.ranges != expected {
                    failures.append(.init(rule: rule.id, example: example, expected: expected, found: found.ranges,
                                          reason: found.error ?? "triggering example: findings are not exactly at 【】"))
                }
            }
            for example in rule.examples.nonTriggering {
                let found = spans(of: rule.id, in: example, scratch: scratch)
                if !found.ranges.isEmpty || found.error != nil {
                    failures.append(.init(rule: rule.id, example: example, expected: [], found: found.ranges,
                                          reason: found.error ?? "non-triggering example gives a finding"))
                }
            }
        }
        return failures
    }

    private func spans(of id: String, in example: String, scratch: MatchScratch) -> (ranges: [Range<Int>], error: String?) {
        let prepared = PreparedText(plain: SourceText(example))
        do {
            let found = try findings(in: prepared, only: [id], scratch: scratch)
            return (found.map { $0.span.start ..< $0.span.end }, nil)
        } catch {
            return ([], error.description)
        }
    }

    /// The example without its 【】 marks, and the code-point ranges the marks enclosed.
    static func stripMarks(_ example: String) -> (String, [Range<Int>]) {
        var text = ""
        var ranges: [Range<Int>] = []
        var count = 0
        var open: Int?
        for scalar in example.unicodeScalars {
            switch scalar {
            case "【": open = count
            case "】":
                if let start = open { ranges.append(start ..< count) }
                open = nil
            default:
                text.unicodeScalars.append(scalar)
                count += 1
            }
        }
        return (text, ranges)
    }
}
