import ClauseAudit
import ClauseReport
import ClauseRules
import ClauseText
import Foundation
import Testing

/// Inline suppressions: which problems they remove, and how unused or unknown ones are reported.
@Suite struct LintSuppressionTests {
    let final = "本店保留最终解释权。"

    @Test func disableUntilEnableInHTMLComments() {
        let text = """
        \(final)
        <!-- clause-audit-disable C5 -->
        \(final)
        <!-- clause-audit-enable -->
        \(final)
        """
        let result = LintFixture.lint(text, path: "a.md")
        #expect(result.problems.map { "\($0.span.line):\($0.span.column) \($0.ruleId)" } == [
            "1:3 interpretation.final-right", "5:3 interpretation.final-right",
        ])
        #expect(result.suppressed == 1)
    }

    @Test func disableNextLineOnALineOfItsOwnWithSeveralIds() {
        let text = "clause-audit-disable-next-line C1, interpretation.final-right\n本店保留最终解释权，概不负责。\n本店保留最终解释权，概不负责。"
        let result = LintFixture.lint(text)
        #expect(LintFixture.lines(result).map { String($0.prefix(46)) } == [
            "contract.txt:3:3: error: [interpretation.final", "contract.txt:3:11: warning: [liability.not-res",
        ])
        #expect(result.suppressed == 2)
    }

    @Test func idsMaySitBehindCommentMarkersAndChineseSeparators() {
        let text = "# clause-audit-disable-next-line C1、C5 -- 已与法务确认\n本店保留最终解释权，概不负责。\n// clause-audit-disable-next-line：C5，C1\n本店保留最终解释权，概不负责。"
        let result = LintFixture.lint(text)
        #expect(result.problems.isEmpty)
        #expect(result.suppressed == 4)
    }

    @Test func noIdMeansEverythingIncludingDraftChecks() {
        let text = "第一条 总则\nclause-audit-disable\n第三条 本店保留最终解释权，概不负责。\n"
        let result = LintFixture.lint(text)
        #expect(result.problems.isEmpty)
        #expect(result.suppressed == 3)  // the numbering gap, C5 and C1
    }

    @Test func draftGroupAndDraftCheckIdsAreKnown() {
        let text = "第一条 总则\n<!-- clause-audit-disable-next-line draft -->\n第三条 费用\n第五条 争议 <!-- clause-audit-disable-next-line draft.numbering-gap -->\n第七条 其他"
        let result = LintFixture.lint(text, path: "a.md")
        #expect(LintFixture.lines(result) == [
            "a.md:4:1: warning: [draft.numbering-gap] 编号不连续：缺少第四条（numbering gap）",
        ])
    }

    @Test func enableOfOneIdEndsOnlyThatId() {
        let text = """
        clause-audit-disable C5 C1
        \(final)概不负责。
        clause-audit-enable C5
        \(final)概不负责。
        """
        let result = LintFixture.lint(text)
        #expect(result.problems.map { "\($0.span.line):\($0.span.column) \($0.ruleId)" } == ["4:3 interpretation.final-right"])
    }

    @Test func unusedSuppressionIsReportedAtItsId() {
        let text = "clause-audit-disable-next-line C3 C5\n\(final)"
        let result = LintFixture.lint(text)
        #expect(LintFixture.lines(result) == [
            "contract.txt:1:32: warning: [lint.unused-suppression] 对 C3 的压制没有压制任何问题，可以删除（unused suppression: clause-audit-disable-next-line C3 C5）",
        ])
    }

    @Test func unusedDisableWithoutIdsIsReportedAtTheDirective() {
        let text = "消费者有权投诉。\n  <!-- clause-audit-disable -->\n消费者有权退货。"
        let result = LintFixture.lint(text, path: "a.md")
        #expect(LintFixture.lines(result) == [
            "a.md:2:8: warning: [lint.unused-suppression] 这条压制注释没有压制任何问题，可以删除（unused suppression: clause-audit-disable）",
        ])
    }

    @Test func enableWithoutDisableIsUnused() {
        let result = LintFixture.lint("clause-audit-enable\n消费者有权投诉。")
        #expect(LintFixture.lines(result) == [
            "contract.txt:1:1: warning: [lint.unused-suppression] clause-audit-enable 前面没有相应的 clause-audit-disable（enable without a matching disable）",
        ])
    }

    @Test func unknownIdsAreReportedAndSuppressNothing() {
        let text = "<!-- clause-audit-disable-next-line C9, final-right -->\n\(final)"
        let result = LintFixture.lint(text, path: "a.html")
        #expect(LintFixture.lines(result) == [
            "a.html:1:37: error: [lint.unknown-suppression] 压制注释中的 C9 不是规则、类别或 draft 检查（unknown rule or category in suppression）",
            "a.html:1:41: error: [lint.unknown-suppression] 压制注释中的 final-right 不是规则、类别或 draft 检查（unknown rule or category in suppression）",
            "a.html:2:3: error: [interpretation.final-right] 经营者不能自己说了算。 \(LintFixture.c5Basis)",
        ])
    }

    @Test func unknownDirectiveIsReported() {
        let result = LintFixture.lint("clause-audit-disable-line C5\n消费者有权投诉。")
        #expect(LintFixture.lines(result) == [
            "contract.txt:1:1: error: [lint.unknown-suppression] 未知的压制指令 clause-audit-disable-line（unknown directive; use clause-audit-disable, clause-audit-enable or clause-audit-disable-next-line）",
        ])
    }

    @Test func lintDiagnosticsCannotBeSuppressedInline() {
        let text = "clause-audit-disable lint.unused-suppression\n消费者有权投诉。"
        let result = LintFixture.lint(text)
        #expect(result.problems.map(\.ruleId) == ["lint.unknown-suppression"])
    }

    @Test func proseThatMentionsADirectiveIsNotOne() {
        let text = "本条所称 clause-audit-disable 是一种注释。\n\(final)"
        let result = LintFixture.lint(text)
        #expect(result.problems.map(\.ruleId) == ["interpretation.final-right"])
        #expect(Suppressions(source: SourceText(text)).directives.isEmpty)
    }

    @Test func suppressionOfARuleTheConfigSwitchedOffIsUnused() {
        var config = Configuration(directory: "/")
        config.rules["interpretation.final-right"] = .off
        let result = LintFixture.lint("clause-audit-disable-next-line interpretation.final-right\n\(final)", configuration: config)
        #expect(result.problems.map { "\($0.span.line):\($0.span.column) \($0.ruleId)" } == ["1:32 lint.unused-suppression"])
    }

    @Test func configCanSwitchOffTheSuppressionChecks() {
        var config = Configuration(directory: "/")
        config.categories["lint"] = .off
        let result = LintFixture.lint("clause-audit-disable-next-line C9\n消费者有权投诉。", configuration: config)
        #expect(result.problems.isEmpty)
    }

    @Test func directivesAreParsedWithExactRanges() {
        let source = SourceText("甲\n<!-- clause-audit-disable C5,C1 -- 理由 -->\n  clause-audit-enable")
        let directives = Suppressions(source: source).directives
        #expect(directives.count == 2)
        #expect(directives[0].kind == .disable)
        #expect(directives[0].ids.map(\.text) == ["C5", "C1"])
        #expect(directives[0].ids.map(\.range) == [28 ..< 30, 31 ..< 33])
        #expect(directives[0].range == 2 ..< 43)
        #expect(directives[1].kind == .enable)
        #expect(directives[1].ids.isEmpty)
        #expect(directives[1].keyword == 46 ..< 65)
    }

    @Test func suppressionsWorkOnHTMLSourcePositions() {
        let html = "<p>\(final)</p>\n<!-- clause-audit-disable-next-line interpretation.final-right -->\n<p>\(final)</p>\n"
        let result = LintFixture.lint(html, path: "a.html")
        #expect(result.problems.map { "\($0.span.line) \($0.ruleId)" } == ["1 interpretation.final-right"])
        #expect(result.suppressed == 1)
    }
}
