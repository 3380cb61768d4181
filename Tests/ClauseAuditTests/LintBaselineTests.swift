import ClauseAudit
import ClauseReport
import ClauseRules
import Foundation
import Testing

/// `--baseline`: known problems stay known through unrelated edits; only new ones gate.
@Suite struct LintBaselineTests {
    let original = "第一条 服务\n本店保留最终解释权。\n损坏概不负责。\n"

    func baselined(_ before: String, _ after: String) -> LintResult {
        let dir = LintFixture.temporaryFolder()
        let old = LintFixture.lint(before, path: dir + "/a.txt")
        let baseline = Baseline(directory: dir, results: [old], workingDirectory: dir)
        var new = LintFixture.lint(after, path: dir + "/a.txt")
        baseline.mark(&new, workingDirectory: dir)
        return new
    }

    @Test func knownProblemsSurviveUnrelatedEdits() {
        // A clause added above, the known clauses moved, re-wrapped and re-spaced.
        let edited = "前言：本合同由双方签订。\n\n第一条 服务\n甲方提供服务。\n本店保留最终\n解释权。\n损坏  概不负责。\n另收手续费。\n"
        let result = baselined(original, edited)
        #expect(result.problems.map { "\($0.span.line) \($0.ruleId) \($0.baselined)" } == [
            "5 interpretation.final-right true", "7 liability.not-responsible true", "8 fees.handling false",
        ])
        #expect(result.fails(minSeverity: .info))
        #expect(!result.fails(minSeverity: .warning))  // the only new problem is info
        #expect(LintFixture.lines(result) == ["\(result.document.path):8:3: info: [fees.handling] 请核实手续费是否合理。 \(LintFixture.c6Basis)"])
    }

    @Test func eachEntryCoversOneOccurrence() {
        let twice = "本店保留最终解释权。\n本店保留最终解释权。\n"
        let result = baselined(twice, "本店保留最终解释权。\n本店保留最终解释权。\n本店保留最终解释权。\n")
        #expect(result.problems.map(\.baselined) == [true, true, false])
        #expect(result.fails(minSeverity: .error))
    }

    @Test func changedWordingIsNew() {
        let result = baselined(original, "第一条 服务\n本店享有最终解释权。\n损坏概不负责。\n")
        #expect(result.problems.map(\.baselined) == [false, true])
    }

    @Test func fingerprintsIgnoreWhiteSpaceAndWidthButNotRuleOrOccurrence() {
        let a = Fingerprint.value(ruleId: "r", text: "保留 最终\n解释权 ABC", occurrence: 0)
        #expect(a == Fingerprint.value(ruleId: "r", text: "保留最终解释权ＡＢＣ", occurrence: 0))
        #expect(a != Fingerprint.value(ruleId: "r", text: "保留最终解释权ABC", occurrence: 1))
        #expect(a != Fingerprint.value(ruleId: "s", text: "保留最终解释权ABC", occurrence: 0))
        #expect(a == SHA256.hex(Array("r\u{1F}保留最终解释权ABC\u{1F}0".utf8)))
    }

    @Test func pathsAreRelativeToTheBaselineFolder() {
        let baseline = Baseline(directory: "/repo")
        #expect(baseline.key(for: "docs/a.txt", workingDirectory: "/repo") == "docs/a.txt")
        #expect(baseline.key(for: "a.txt", workingDirectory: "/repo/docs") == "docs/a.txt")
        #expect(baseline.key(for: "./x/../a.txt", workingDirectory: "/repo") == "a.txt")
        #expect(baseline.key(for: "/other/a.txt", workingDirectory: "/repo") == "../other/a.txt")
        #expect(baseline.key(for: "-", workingDirectory: "/repo") == "-")
    }

    @Test func writtenFileReadsBack() throws {
        let dir = LintFixture.temporaryFolder()
        let result = LintFixture.lint(original, path: "docs/a.txt")
        let baseline = Baseline(directory: dir, results: [result], workingDirectory: dir)
        let file = dir + "/baseline.json"
        try BaselineReport.render(baseline).write(toFile: file, atomically: true, encoding: .utf8)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.hasPrefix("{\n  \"version\": 1,\n  \"tool\": \"clause-audit \(ToolInfo.version)\",\n  \"findings\": [\n    {\n      \"path\": \"docs/a.txt\",\n      \"rule\": \"interpretation.final-right\",\n      \"fingerprint\": \"\(result.problems[0].fingerprint)\",\n      \"line\": 2,\n      \"text\": \"保留最终解释权\"\n    },"))
        let loaded = try Baseline.load(file: file)
        #expect(loaded.entries == baseline.entries)
        #expect(loaded.directory == dir)
    }

    @Test func malformedBaselineIsAnError() throws {
        let dir = LintFixture.temporaryFolder()
        LintFixture.write("{\"version\": 1, \"findings\": [{\"path\": \"a.txt\"}]}", to: dir + "/b.json")
        #expect(throws: RuleLoadError(file: dir + "/b.json", line: nil,
                                      message: "not a clause-audit baseline: finding 1 needs 'path', 'rule' and 'fingerprint'")) {
            try Baseline.load(file: dir + "/b.json")
        }
        LintFixture.write("[]", to: dir + "/c.json")
        #expect(throws: RuleLoadError(file: dir + "/c.json", line: nil, message: "not a clause-audit baseline: not a JSON object")) {
            try Baseline.load(file: dir + "/c.json")
        }
    }

    // MARK: through the command

    @Test func writeThenGateOnlyOnNewProblems() throws {
        let dir = LintFixture.temporaryFolder()
        LintFixture.write(original, to: dir + "/docs/a.txt")
        let write = try LintFixture.run(["lint", "--write-baseline", ".clause-audit-baseline.json", "docs"], in: dir)
        #expect(write.status == 0)
        #expect(write.out == "")
        #expect(write.err == "clause-audit: wrote 2 problems to .clause-audit-baseline.json\n")

        let clean = try LintFixture.run(["lint", "--baseline", "../.clause-audit-baseline.json", "a.txt"], in: dir + "/docs")
        #expect(clean.status == 0)
        #expect(clean.out == "")

        LintFixture.write("第一条 服务\n本店保留最终解释权。\n\n损坏概不负责。\n本公司保留最终解释权。\n", to: dir + "/docs/a.txt")
        let edited = try LintFixture.run(["lint", "--baseline", ".clause-audit-baseline.json", "docs/a.txt"], in: dir)
        #expect(edited.status == 1)
        #expect(edited.out == "docs/a.txt:5:4: error: [interpretation.final-right] 经营者不能自己说了算。 \(LintFixture.c5Basis)\n")

        let shown = try LintFixture.run(["lint", "--baseline", ".clause-audit-baseline.json", "--show-baselined", "docs/a.txt"], in: dir)
        #expect(shown.status == 1)
        #expect(shown.out == """
        docs/a.txt:2:3: info: [interpretation.final-right] 经营者不能自己说了算。 \(LintFixture.c5Basis)
        docs/a.txt:4:3: info: [liability.not-responsible] 经营者不得免除自己的责任。 \(LintFixture.c1Basis)
        docs/a.txt:5:4: error: [interpretation.final-right] 经营者不能自己说了算。 \(LintFixture.c5Basis)

        """)
    }

    @Test func missingBaselineExitsTwo() throws {
        let dir = LintFixture.temporaryFolder()
        LintFixture.write(original, to: dir + "/a.txt")
        let run = try LintFixture.run(["lint", "--baseline", "none.json", "a.txt"], in: dir)
        #expect(run.status == 2)
        #expect(run.err == "clause-audit: none.json: baseline cannot be read\n")
    }
}
