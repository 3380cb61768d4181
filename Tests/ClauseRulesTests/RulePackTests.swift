import Foundation
import Testing
@testable import ClauseRules
import ClauseText

func fixture(_ name: String) -> String {
    Bundle.module.resourcePath! + "/Fixtures/" + name
}

@Suite struct RulePackLoadingTests {
    @Test func loadsAGoodPackInPathOrder() throws {
        let pack = try RulePack.load(directory: fixture("good"))
        #expect(pack.rules.map(\.id) == ["interpretation.final-right", "disputes.seat-court"])
        #expect(pack.rules[0].location.line == 2)
        #expect(pack.rules[1].scope == .clause)
        #expect(pack.rules[0].severity == .error)
    }

    private func loadError(_ name: String) -> RuleLoadError? {
        do {
            _ = try RuleEngine(directory: fixture(name))
            return nil
        } catch {
            return error
        }
    }

    @Test func invalidPatternNamesFileLineAndPCRE2Message() throws {
        let error = try #require(loadError("bad-pattern"))
        #expect(error.file.hasSuffix("bad-pattern/rules.yml"))
        #expect(error.line == 2)
        #expect(error.message.contains("patterns[2]"))
        #expect(error.message.contains("PCRE2: missing closing parenthesis at offset"))
    }

    @Test func unknownKeyIsAnError() throws {
        let error = try #require(loadError("unknown-key"))
        #expect(error.line == 8)
        #expect(error.message.hasPrefix("unknown key 'severty' in a rule"))
    }

    @Test func ruleWithoutExamplesIsAnError() throws {
        let error = try #require(loadError("no-examples"))
        #expect(error.message == "rule broken.pattern: every rule needs triggering and non_triggering examples")
    }

    @Test func citationOfAnUnlistedLawIsAnError() throws {
        let error = try #require(loadError("unknown-law"))
        #expect(error.line == 6)
        #expect(error.message.contains("'网络交易管理办法（2014）第二十一条第（一）项' does not start with a law listed"))
    }

    @Test func brokenYAMLNamesTheLine() throws {
        let error = try #require(loadError("bad-yaml"))
        #expect(error.file.hasSuffix("bad-yaml/rules.yml"))
        #expect(error.line == 4)
        #expect(error.message.hasPrefix("YAML:"))
    }

    @Test func goodPackProvesItself() throws {
        let engine = try RuleEngine(directory: fixture("good"))
        let failures = engine.checkExamples()
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func stripMarksGivesCodePointRanges() {
        let (text, ranges) = RuleEngine.stripMarks("𠀀本店【保留】解释权【权】")
        #expect(text == "𠀀本店保留解释权权")
        #expect(ranges == [3 ..< 5, 8 ..< 9])
    }
}
