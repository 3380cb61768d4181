import ClauseAudit
import ClauseReport
import ClauseRules
import Foundation
import Testing

/// The line format and the exit status of `clause-audit lint`.
@Suite struct LintLineTests {
    let contract = "第一条 服务\n本店保留最终解释权。\n商品损坏概不负责，另收手续费。\n"

    @Test func linesCarryPathPositionSeverityRuleMessageAndLegalBasis() {
        let result = LintFixture.lint(contract, path: "docs/合同.txt")
        #expect(LintFixture.lines(result) == [
            "docs/合同.txt:2:3: error: [interpretation.final-right] 经营者不能自己说了算。 \(LintFixture.c5Basis)",
            "docs/合同.txt:3:5: warning: [liability.not-responsible] 经营者不得免除自己的责任。 \(LintFixture.c1Basis)",
            "docs/合同.txt:3:12: info: [fees.handling] 请核实手续费是否合理。 \(LintFixture.c6Basis)",
        ])
    }

    @Test func columnsCountCodePointsNotUTF16() {
        // 𠀀 (U+20000) is two UTF-16 units but one column.
        let result = LintFixture.lint("𠀀𠀀本店保留最终解释权。")
        #expect(LintFixture.lines(result) == [
            "contract.txt:1:5: error: [interpretation.final-right] 经营者不能自己说了算。 \(LintFixture.c5Basis)",
        ])
    }

    @Test func minSeverityGatesWhatIsShown() {
        let result = LintFixture.lint(contract)
        #expect(LintFixture.lines(result, minSeverity: .warning).map { String($0.prefix(22)) } == [
            "contract.txt:2:3: erro", "contract.txt:3:5: warn",
        ])
        #expect(LintFixture.lines(result, minSeverity: .error).count == 1)
        #expect(result.fails(minSeverity: .error))
        let mild = LintFixture.lint("另收手续费。")
        #expect(mild.fails(minSeverity: .info))
        #expect(!mild.fails(minSeverity: .warning))
    }

    @Test func builtInChecksPrintWithoutLegalBasis() {
        let result = LintFixture.lint("第一条 总则\n第三条 费用\n")
        #expect(LintFixture.lines(result) == [
            "contract.txt:2:1: warning: [draft.numbering-gap] 编号不连续：缺少第二条（numbering gap）",
        ])
    }

    @Test func messagesStayOnOneLine() {
        #expect(LineReport.oneLine("第一行\n第二行\r\n\t第三行") == "第一行 第二行 第三行")
    }

    // MARK: the command

    @Test func exitZeroWhenClean() throws {
        let dir = LintFixture.temporaryFolder()
        LintFixture.write("第一条 服务\n消费者有权依法投诉。\n", to: dir + "/a.txt")
        let run = try LintFixture.run(["lint", "a.txt"], in: dir)
        #expect(run.status == 0)
        #expect(run.out == "")
        #expect(run.err == "")
    }

    @Test func exitOneWithFindingsAndExactLines() throws {
        let dir = LintFixture.temporaryFolder()
        LintFixture.write(contract, to: dir + "/sub/a.txt")
        let run = try LintFixture.run(["lint", "sub/a.txt"], in: dir)
        #expect(run.status == 1)
        #expect(run.out == """
        sub/a.txt:2:3: error: [interpretation.final-right] 经营者不能自己说了算。 \(LintFixture.c5Basis)
        sub/a.txt:3:5: warning: [liability.not-responsible] 经营者不得免除自己的责任。 \(LintFixture.c1Basis)
        sub/a.txt:3:12: info: [fees.handling] 请核实手续费是否合理。 \(LintFixture.c6Basis)

        """)
    }

    @Test func minSeverityOptionGatesTheExitStatus() throws {
        let dir = LintFixture.temporaryFolder()
        LintFixture.write("损坏概不负责，另收手续费。\n", to: dir + "/a.txt")
        let error = try LintFixture.run(["lint", "--min-severity", "error", "a.txt"], in: dir)
        #expect(error.status == 0)
        #expect(error.out == "")
        let warning = try LintFixture.run(["lint", "--min-severity", "warning", "a.txt"], in: dir)
        #expect(warning.status == 1)
        #expect(warning.out == "a.txt:1:3: warning: [liability.not-responsible] 经营者不得免除自己的责任。 \(LintFixture.c1Basis)\n")
    }

    @Test func configMinSeverityAppliesUnlessTheCommandLineSaysOtherwise() throws {
        let dir = LintFixture.temporaryFolder()
        LintFixture.write("损坏概不负责。\n", to: dir + "/a.txt")
        LintFixture.write("min_severity: error\n", to: dir + "/.clause-audit.yml")
        #expect(try LintFixture.run(["lint", "a.txt"], in: dir).status == 0)
        #expect(try LintFixture.run(["lint", "--min-severity", "info", "a.txt"], in: dir).status == 1)
    }

    @Test func standardInputIsDash() throws {
        let run = try LintFixture.run(["lint", "-"], in: LintFixture.temporaryFolder(), stdin: "本店保留最终解释权。")
        #expect(run.status == 1)
        #expect(run.out == "-:1:3: error: [interpretation.final-right] 经营者不能自己说了算。 \(LintFixture.c5Basis)\n")
    }

    @Test func unreadableInputExitsTwoAfterReportingTheOthers() throws {
        let dir = LintFixture.temporaryFolder()
        LintFixture.write("本店保留最终解释权。\n", to: dir + "/a.txt")
        let run = try LintFixture.run(["lint", "a.txt", "missing.txt"], in: dir)
        #expect(run.status == 2)
        #expect(run.out == "a.txt:1:3: error: [interpretation.final-right] 经营者不能自己说了算。 \(LintFixture.c5Basis)\n")
        #expect(run.err == "clause-audit: missing.txt: 无法读取文件（cannot read missing.txt）\n")
    }

    @Test func foldersAreWalkedForDocumentsInPathOrder() throws {
        let dir = LintFixture.temporaryFolder()
        LintFixture.write("本店保留最终解释权。\n", to: dir + "/docs/b.md")
        LintFixture.write("损坏概不负责。\n", to: dir + "/docs/a/x.txt")
        LintFixture.write("本店保留最终解释权。\n", to: dir + "/docs/notes.json")
        LintFixture.write("本店保留最终解释权。\n", to: dir + "/docs/.hidden/c.txt")
        let run = try LintFixture.run(["lint", "docs"], in: dir)
        #expect(run.status == 1)
        #expect(run.out == """
        docs/a/x.txt:1:3: warning: [liability.not-responsible] 经营者不得免除自己的责任。 \(LintFixture.c1Basis)
        docs/b.md:1:3: error: [interpretation.final-right] 经营者不能自己说了算。 \(LintFixture.c5Basis)

        """)
    }

    @Test func otherFormatsAreUsageErrors() throws {
        let run = try LintFixture.run(["lint", "--format", "json", "a.txt"], in: LintFixture.temporaryFolder())
        #expect(run.status == 2)
        #expect(run.err.contains("lint writes line or sarif; 'json' is not available here"))
    }

    @Test func checkWritesTheLineFormatToo() throws {
        let run = try LintFixture.run(["check", "--format", "line", "-"], in: LintFixture.temporaryFolder(),
                                      stdin: "第一条 总则\n第三条 本店保留最终解释权。")
        #expect(run.status == 1)
        // check has no draft checks: only the rule's finding
        #expect(run.out == "-:2:7: error: [interpretation.final-right] 经营者不能自己说了算。 \(LintFixture.c5Basis)\n")
    }

    @Test func preCommitHookFileDescribesTheLinter() throws {
        let text = try String(contentsOfFile: repositoryRoot + "/.pre-commit-hooks.yaml", encoding: .utf8)
        #expect(text.contains("- id: clause-audit\n"))
        #expect(text.contains("  entry: clause-audit lint\n"))
        #expect(text.contains("  language: swift\n"))
        #expect(text.contains(#"  files: (?i)\.(txt|md|markdown|html?|docx)$"#))
    }
}
