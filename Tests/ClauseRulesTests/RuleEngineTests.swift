import Testing
@testable import ClauseRules
import ClauseText

@Suite struct RuleEngineTests {
    let engine: RuleEngine = try! RuleEngine(directory: fixture("good"))

    func findings(_ text: String) throws -> [Finding] {
        try engine.findings(in: PreparedText(plain: SourceText(text)), scratch: MatchScratch())
    }

    @Test func findingIsAtItsPlaceInTheSource() throws {
        let found = try findings("第一条 服务说明。\n本店保留最终解释权。")
        #expect(found.count == 1)
        let finding = try #require(found.first)
        #expect(finding.rule.id == "interpretation.final-right")
        #expect(finding.category == .C5)
        #expect(finding.text == "保留最终解释权")
        #expect(finding.span == SourceSpan(SourceText("第一条 服务说明。\n本店保留最终解释权。"), utf16: 12 ..< 19))
        #expect(finding.span.start == 12 && finding.span.end == 19)
        #expect(finding.span.line == 2 && finding.span.column == 3)
        #expect(finding.span.endLine == 2 && finding.span.endColumn == 10)
    }

    @Test func negationBeforeTheHitCancelsIt() throws {
        #expect(try findings("本店不得保留最终解释权。").isEmpty)
    }

    @Test func partyFromTheHeaderDecides() throws {
        let businessFirst = "甲方（经营者）：某某健身有限公司\n乙方（消费者）：张三\n甲方保留最终解释权。"
        let consumerFirst = "甲方：李四（身份证号）\n乙方：某某摄影工作室\n甲方保留最终解释权。"
        let unknown = "甲方保留最终解释权。"
        #expect(try findings(businessFirst).map(\.severity) == [.error])
        #expect(try findings(consumerFirst).isEmpty)
        #expect(try findings(unknown).map(\.severity) == [.warning])
    }

    @Test func unlessInTheScopeCancelsIt() throws {
        #expect(try findings("争议由本公司所在地人民法院管辖。").count == 1)
        #expect(try findings("争议由本公司所在地人民法院或者消费者住所地人民法院管辖。").isEmpty)
    }

    /// In sentence scope a rule's own `unless` reads the hit's part of the sentence: a semicolon ends a part,
    /// unless the next part opens with 但 (a saving clause, which belongs to the part before it).
    @Test func unlessReadsTheHitsPartOfTheSentence() throws {
        var rule = Rule(id: "liability.disclaim-all", category: .C1, severity: .error, title: "t", message: "m",
                        legalBasis: [], suggestion: "s")
        rule.patterns = ["不承担任何责任"]
        rule.unless = ["密码", "但.{0,20}除外"]
        let pack = RulePack(name: "t", version: "1", laws: [], fragments: [:], unless: ["霸王条款"], unlessBefore: [],
                            rules: [rule], directory: "")
        let engine = try RuleEngine(pack: pack)
        func found(_ text: String) throws -> Int {
            try engine.findings(in: PreparedText(plain: SourceText(text)), scratch: MatchScratch()).count
        }
        #expect(try found("用户应保管好账号密码；因使用本服务造成的任何损失，本公司不承担任何责任。") == 1)
        #expect(try found("因用户泄露密码造成的损失，本公司不承担任何责任。") == 0)
        #expect(try found("本公司不承担任何责任；但因本公司过错造成的除外。") == 0)
        #expect(try found("本公司不承担任何责任；用户应保管好账号密码。") == 1)
        // The pack's own guards still read the whole sentence.
        #expect(try found("所谓霸王条款；本公司不承担任何责任。") == 0)
    }

    @Test func catastrophicBacktrackingIsStoppedAndNamed() throws {
        let pattern = try Pattern("^(?:a|a)+$")
        let text = Array((String(repeating: "a", count: 40) + "!").utf16)
        var limits = MatchScratch.Limits()
        limits.matchLimit = 10_000
        let scratch = MatchScratch(limits: limits)
        #expect(throws: MatchError.self) {
            try text.withUnsafeBufferPointer { try pattern.firstMatch(in: $0, from: 0, to: $0.count, scratch: scratch) }
        }
    }

    @Test func patternsThatMatchEmptyTextAreRefused() {
        #expect(throws: Pattern.CompileError(message: "pattern can match empty text", offset: 0)) {
            try Pattern("a*")
        }
    }

    @Test func foldedPunctuationInPatternsStaysLiteral() throws {
        let source = PatternSource(fragments: ["x": "甲|乙"], normalizer: .shared)
        #expect(try source.compileReady("{{x}}（一）[，。]") == "(?:甲|乙)\\(一\\)[\\,。]")
    }
}
