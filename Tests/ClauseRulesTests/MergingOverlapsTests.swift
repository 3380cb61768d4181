import Testing
@testable import ClauseRules
import ClauseText

/// Past 256 findings, overlapping ones are merged with a bitmap per category instead of comparing
/// each with all kept ones; the result must be the same.
@Suite struct MergingOverlapsTests {
    static func byComparing(_ findings: [Finding]) -> [Finding] {
        var kept: [Finding] = []
        for finding in findings where !kept.contains(where: { $0.category == finding.category && $0.sourceRange.overlaps(finding.sourceRange) }) {
            kept.append(finding)
        }
        return kept.sorted {
            ($0.sourceRange.lowerBound, $0.category, $0.rule.id) < ($1.sourceRange.lowerBound, $1.category, $1.rule.id)
        }
    }

    @Test func manyFindingsMergeAsFewDo() {
        let source = SourceText(String(repeating: "甲", count: 3000))
        let rules = Category.allCases.flatMap { category in
            (0 ..< 3).map { Rule(id: "r.\(category.rawValue).\($0)", category: category, severity: .error, title: "t",
                                 message: "m", legalBasis: [], suggestion: "s") }
        }
        var state: UInt64 = 7
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        for round in 0 ..< 20 {
            var findings: [Finding] = []
            for _ in 0 ..< 300 + next(700) {
                let start = next(2990), length = next(12)  // empty ones included
                let range = start ..< start + length
                findings.append(Finding(builtIn: rules[next(rules.count)], severity: .error,
                                        span: SourceSpan(source, utf16: range), sourceRange: range, text: "", clause: nil))
            }
            let merged = RuleEngine.mergingOverlaps(findings)
            let expected = Self.byComparing(findings)
            #expect(merged.map(\.sourceRange) == expected.map(\.sourceRange), "round \(round)")
            #expect(merged.map(\.rule.id) == expected.map(\.rule.id), "round \(round)")
        }
    }
}
