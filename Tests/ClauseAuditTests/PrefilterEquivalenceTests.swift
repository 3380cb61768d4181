import ClauseAudit
import ClauseRules
import ClauseText
import Foundation
import Testing

/// The literal prefilter is an optimisation only: with it, every finding is exactly the one the engine
/// gives when it runs every pattern over every whole text. Held to that on every bundled rule's
/// examples and on every agreement of the shared corpus.
@Suite struct PrefilterEquivalenceTests {
    static let unfiltered: Auditor = {
        do {
            return Auditor(engine: try RuleEngine(pack: bundledEngine.pack, prefilter: false))
        } catch {
            fatalError("the bundled rule pack does not load: \(error)")
        }
    }()

    /// What must be equal: rule, place, severity, and the figures a finding rests on.
    static func summary(_ result: AuditResult) -> [String] {
        var lines = result.findings.map {
            "\($0.rule.id) \($0.sourceRange.lowerBound)..<\($0.sourceRange.upperBound) \($0.severity.rawValue) \($0.figures ?? "-")"
        }
        if let error = result.error { lines.append("error \(error.code): \(error.message)") }
        return lines
    }

    static func compare(_ bytes: [UInt8], path: String) -> (filtered: [String], unfiltered: [String]) {
        let scratch = MatchScratch()
        return (summary(bundledAuditor.audit(bytes, path: path, scratch: scratch)),
                summary(unfiltered.audit(bytes, path: path, scratch: scratch)))
    }

    @Test func everyExampleOfEveryBundledRuleGivesTheSameFindings() {
        var examples: [String] = []
        for rule in bundledEngine.pack.rules {
            examples += rule.examples.triggering.map { $0.replacingOccurrences(of: "【", with: "").replacingOccurrences(of: "】", with: "") }
            examples += rule.examples.nonTriggering
        }
        #expect(examples.count > 300)
        var differing: [String] = []
        for example in examples {
            let (with, without) = Self.compare(Array(example.utf8), path: "example.txt")
            if with != without { differing.append(example) }
        }
        // All examples in one text as well: hits next to each other, windows that merge.
        let joined = examples.joined(separator: "\n")
        let (with, without) = Self.compare(Array(joined.utf8), path: "examples.txt")
        #expect(with == without)
        #expect(with.count > 150)
        #expect(differing == [])
    }

    @Test(.enabled(if: sharedFolder != nil, "needs ../shared/corpus/agreements/text"))
    func everyAgreementOfTheCorpusGivesTheSameFindings() throws {
        let folder = sharedFolder! + "/corpus/agreements/text"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(names.count >= 100)
        var differing: [String] = []
        var total = 0
        for name in names {
            guard let data = FileManager.default.contents(atPath: folder + "/" + name) else { continue }
            let (with, without) = Self.compare([UInt8](data), path: name)
            total += with.count
            if with != without { differing.append("\(name): \(with.count) with the prefilter, \(without.count) without") }
        }
        #expect(differing == [])
        #expect(total > 100)  // the corpus does have findings: the comparison is not vacuous
    }
}
