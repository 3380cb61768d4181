import ClauseAudit
import ClauseReport
import ClauseRules
import Foundation
import Testing

/// `--format sarif`: the shape the spec fixes, and validity against the official SARIF 2.1.0 schema.
@Suite struct SarifReportTests {
    let contract = "第一条 总则\n第三条 本店保留最终解释权，概不负责。\n本公司保留最终解释权。\n"

    func sarif(_ results: [LintResult], baseline: Bool = false, includeBaselined: Bool = false) throws -> [String: Any] {
        let text = SARIFReport.render(results, options: .init(rulesVersion: "7", workingDirectory: "/repo",
                                                              includeBaselined: includeBaselined, baselineUsed: baseline))
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func run(_ log: [String: Any]) throws -> [String: Any] {
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        return runs[0]
    }

    @Test func oneRunWithTheToolAndEveryRuleThatFiredOnce() throws {
        let result = LintFixture.lint(contract, path: "docs/a.txt")
        let log = try sarif([result])
        #expect(log["version"] as? String == "2.1.0")
        #expect(log["$schema"] as? String == SARIFReport.schema)
        let run = try run(log)
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "clause-audit")
        #expect(driver["version"] as? String == ToolInfo.version)
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["draft.numbering-gap", "interpretation.final-right", "liability.not-responsible"])

        let c5 = rules[1]
        #expect(c5["name"] as? String == "InterpretationFinalRight")
        #expect((c5["shortDescription"] as? [String: Any])?["text"] as? String == "经营者保留最终解释权")
        #expect((c5["fullDescription"] as? [String: Any])?["text"] as? String == "经营者不能自己说了算。")
        #expect((c5["help"] as? [String: Any])?["text"] as? String
            == "依据：合同行政监督管理办法（2023）第八条第（七）项；网络交易监督管理办法（2021）第二十一条第（五）项\n建议：删除该条款。")
        #expect((c5["defaultConfiguration"] as? [String: Any])?["level"] as? String == "error")
        let properties = try #require(c5["properties"] as? [String: Any])
        #expect(properties["category"] as? String == "C5")
        #expect(properties["legal_basis"] as? [String] == [
            "合同行政监督管理办法（2023）第八条第（七）项", "网络交易监督管理办法（2021）第二十一条第（五）项",
        ])
        // built-in checks have a group, not a category
        let draft = try #require(rules[0]["properties"] as? [String: Any])
        #expect(draft["category"] == nil)
        #expect(draft["group"] as? String == "draft")
        #expect((rules[0]["help"] as? [String: Any])?["text"] as? String == "建议：补上缺少的编号，或者把后面的编号依次前移；同时检查引用这些编号的条文。")
    }

    @Test func resultsPointAtTheirTextInCodePoints() throws {
        // 𠀀 (U+20000) is one column, though two UTF-16 units.
        let result = LintFixture.lint("第一条 总则\n第三条 𠀀本店保留最终解释权，概不负责。\n本公司保留最终解释权。\n", path: "docs/a.txt")
        let run = try run(try sarif([result]))
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.map { "\($0["ruleId"]!) \($0["ruleIndex"]!) \($0["level"]!)" } == [
            "draft.numbering-gap 0 warning", "interpretation.final-right 1 error", "liability.not-responsible 2 warning",
            "interpretation.final-right 1 error",
        ])
        let c5 = results[1]
        #expect((c5["message"] as? [String: Any])?["text"] as? String == "经营者不能自己说了算。")
        let location = try #require((c5["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        let artifact = try #require(location["artifactLocation"] as? [String: Any])
        #expect(artifact["uri"] as? String == "docs/a.txt")
        #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
        let region = try #require(location["region"] as? [String: Any])
        #expect(region["startLine"] as? Int == 2)
        #expect(region["startColumn"] as? Int == 8)
        #expect(region["endLine"] as? Int == 2)
        #expect(region["endColumn"] as? Int == 15)
        #expect((region["snippet"] as? [String: Any])?["text"] as? String == "保留最终解释权")
        #expect((c5["properties"] as? [String: Any])?["category"] as? String == "C5")
        let fingerprints = try #require(c5["partialFingerprints"] as? [String: String])
        #expect(fingerprints == ["clauseAudit/v1": Fingerprint.value(ruleId: "interpretation.final-right", text: "保留最终解释权", occurrence: 0)])
        let second = try #require(results[3]["partialFingerprints"] as? [String: String])
        #expect(second == ["clauseAudit/v1": Fingerprint.value(ruleId: "interpretation.final-right", text: "保留最终解释权", occurrence: 1)])
        #expect(results[1]["baselineState"] == nil)  // no baseline in use
        let base = try #require(run["originalUriBaseIds"] as? [String: [String: String]])
        #expect(base == ["%SRCROOT%": ["uri": "file:///repo/"]])
    }

    @Test func fingerprintsSurviveUnrelatedEdits() throws {
        func prints(_ text: String) throws -> [String] {
            let results = try #require(try run(try sarif([LintFixture.lint(text)]))["results"] as? [[String: Any]])
            return results.compactMap { ($0["partialFingerprints"] as? [String: String])?["clauseAudit/v1"] }
        }
        let before = try prints("本店保留最终解释权。\n损坏概不负责。")
        let after = try prints("新增的第一段。\n\n本店保留  最终解释权。\n其他内容。\n损坏概不负责。")
        #expect(before.count == 2)
        #expect(before == after)
    }

    @Test func urisAreRelativeAndPercentEncoded() {
        #expect(SARIFReport.artifactLocation("合同/a b.txt", "/repo") == .object([
            ("uri", .string("%E5%90%88%E5%90%8C/a%20b.txt")), ("uriBaseId", .string("%SRCROOT%")),
        ]))
        #expect(SARIFReport.artifactLocation("/repo/x/../docs/a.txt", "/repo") == .object([
            ("uri", .string("docs/a.txt")), ("uriBaseId", .string("%SRCROOT%")),
        ]))
        #expect(SARIFReport.artifactLocation("/elsewhere/a.txt", "/repo") == .object([("uri", .string("file:///elsewhere/a.txt"))]))
        #expect(SARIFReport.artifactLocation("-", "/repo") == .object([("uri", .string("stdin"))]))
    }

    @Test func baselineStatesAndUnreadableDocuments() throws {
        var known = LintFixture.lint("本店保留最终解释权。\n损坏概不负责。", path: "a.txt")
        known.problems[0].baselined = true
        let failed = LintResult(document: DocumentInfo(path: "b.txt", format: .text),
                                error: AuditError(code: "unreadable", message: "无法读取文件（cannot read b.txt）"))
        let run = try run(try sarif([known, failed], baseline: true, includeBaselined: true))
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.map { "\($0["ruleId"]!) \($0["level"]!) \($0["baselineState"]!)" } == [
            "interpretation.final-right note unchanged", "liability.not-responsible warning new",
        ])
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == false)
        let notes = try #require(invocation["toolExecutionNotifications"] as? [[String: Any]])
        #expect(notes.count == 1)
        #expect((notes[0]["message"] as? [String: Any])?["text"] as? String == "b.txt: 无法读取文件（cannot read b.txt）")
        #expect(notes[0]["level"] as? String == "error")

        let hidden = try #require(try self.run(try sarif([known], baseline: true))["results"] as? [[String: Any]])
        #expect(hidden.map { $0["ruleId"] as? String } == ["liability.not-responsible"])
    }

    // MARK: the official schema

    static let schemaPath: String? = {
        let path = (repositoryRoot as NSString).deletingLastPathComponent + "/shared/spec/sarif-schema-2.1.0.json"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }()

    /// python3 with the jsonschema package, which the validation needs.
    static let validatorAvailable: Bool = {
        guard schemaPath != nil else { return false }
        return (try? python(["-c", "import jsonschema"]).status) == 0
    }()

    static func python(_ arguments: [String], stdin: String = "") throws -> (status: Int32, out: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self))
    }

    /// Validates a SARIF log against ../shared/spec/sarif-schema-2.1.0.json; returns the validator's verdict.
    func validate(_ sarif: String) throws -> String {
        let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        log = json.load(sys.stdin)
        errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(log), key=lambda e: list(e.path))
        print("valid" if not errors else "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5]))
        """
        return try Self.python(["-c", script, Self.schemaPath!], stdin: sarif).out
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test(.enabled(if: validatorAvailable, "needs python3 with jsonschema and ../shared/spec/sarif-schema-2.1.0.json"))
    func lintOutputIsValidSARIF() throws {
        var known = LintFixture.lint(contract + "clause-audit-disable-next-line C3\n付款：□现金 ■转账 ■刷卡\n", path: "docs/合同 1.txt")
        known.problems[1].baselined = true
        let failed = LintResult(document: DocumentInfo(path: "/elsewhere/b.docx", format: .docx),
                                error: AuditError(code: "broken-docx", message: "DOCX 文件已损坏"))
        let text = SARIFReport.render([known, failed], options: .init(rulesVersion: "7", workingDirectory: "/repo",
                                                                      includeBaselined: true, baselineUsed: true))
        #expect(known.problems.map(\.ruleId).contains("lint.unused-suppression"))
        #expect(known.problems.map(\.ruleId).contains("draft.choice-box"))
        #expect(try validate(text) == "valid")
    }

    @Test(.enabled(if: validatorAvailable, "needs python3 with jsonschema and ../shared/spec/sarif-schema-2.1.0.json"))
    func emptyLogIsValidSARIF() throws {
        #expect(try validate(SARIFReport.render([], options: .init(rulesVersion: "7"))) == "valid")
    }

    @Test(.enabled(if: validatorAvailable, "needs python3 with jsonschema and ../shared/spec/sarif-schema-2.1.0.json"))
    func theValidatorRejectsBrokenSARIF() throws {
        // So that "valid" above means something.
        #expect(try validate("{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {}}]}") == "['runs', 0, 'tool']: 'driver' is a required property")
    }

    @Test(.enabled(if: validatorAvailable && FileManager.default.fileExists(atPath: repositoryRoot + "/clause-rules/pack.yml"),
                   "needs python3 with jsonschema, the SARIF schema and the bundled rule pack"))
    func theBundledPackOnTheExampleGivesValidSARIF() throws {
        let run = try runTool(["lint", "--format", "sarif", "examples/gym-membership.txt"])
        #expect(run.status == 1)
        #expect(try validate(run.out) == "valid")
        #expect(run.out.contains("\"uri\": \"examples/gym-membership.txt\""))
    }

    @Test(.enabled(if: validatorAvailable, "needs python3 with jsonschema and ../shared/spec/sarif-schema-2.1.0.json"))
    func commandsWriteValidSARIF() throws {
        let dir = LintFixture.temporaryFolder()
        LintFixture.write(contract, to: dir + "/a.md")
        let lint = try LintFixture.run(["lint", "--format", "sarif", "a.md"], in: dir)
        #expect(lint.status == 1)
        #expect(try validate(lint.out) == "valid")
        #expect(lint.out.contains("\"uri\": \"a.md\""))
        let check = try LintFixture.run(["check", "--format", "sarif", "a.md"], in: dir)
        #expect(check.status == 1)
        #expect(try validate(check.out) == "valid")
        #expect(!check.out.contains("draft.numbering-gap"))  // check runs the rules only
    }
}
