import Foundation
import Testing

/// The command line's contract: exit statuses and the one-line reasons on standard error.
@Suite(.serialized) struct CommandLineTests {
    @Test func findingsExitOne() throws {
        let run = try runTool(["check", "--format", "json"], stdin: "本店保留最终解释权。")
        #expect(run.status == 1)
        #expect(run.out.contains("\"category\": \"C5\""))
    }

    @Test func cleanTextExitsZero() throws {
        let run = try runTool(["check"], stdin: "消费者有权依法投诉。")
        #expect(run.status == 0)
    }

    @Test func emptyStandardInputIsAnEmptyReport() throws {
        let run = try runTool(["check", "--format", "json", "-"], stdin: "")
        #expect(run.status == 0)
        #expect(run.out.contains("\"findings\": []"))
    }

    @Test func undecodableFileExitsTwoNamingFileAndOffset() throws {
        let path = NSTemporaryDirectory() + "bad-\(UUID().uuidString).txt"
        try Data(Array("合同".utf8) + [0xC3, 0x28]).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try runTool(["check", "--encoding", "UTF-8", path])
        #expect(run.status == 2)
        #expect(run.err.contains(path))
        #expect(run.err.contains("offset 6"))
    }

    @Test func invalidRulePackExitsTwoNamingFileAndLine() throws {
        let run = try runTool(["check", "--rules", "Tests/ClauseRulesTests/Fixtures/bad-pattern"], stdin: "合同")
        #expect(run.status == 2)
        #expect(run.err.contains("bad-pattern/rules.yml:2:"))
        #expect(run.err.contains("missing closing parenthesis"))
    }

    @Test func usageErrorExitsTwo() throws {
        let run = try runTool(["check", "--no-such-option"])
        #expect(run.status == 2)
    }

    @Test func rulesTestPassesOnTheBundledPack() throws {
        let run = try runTool(["rules", "test"])
        #expect(run.status == 0, "\(run.out)")
        #expect(run.out.contains(" 0 failed"))
    }
}

/// `.clause-audit.yml` applies to every face, not only the linter.
@Suite(.serialized) struct ConfigurationEverywhereTests {
    func config(_ yaml: String) throws -> String {
        let path = NSTemporaryDirectory() + "clause-audit-config-\(UUID().uuidString).yml"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func checkDropsARuleSwitchedOff() throws {
        let file = try config("rules:\n  interpretation.final-right: off\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try runTool(["check", "--config", file], stdin: "本店保留最终解释权。")
        #expect(run.status == 0, "\(run.out)")
    }

    @Test func checkUsesAConfiguredSeverityAndGate() throws {
        let file = try config("min_severity: error\ncategories:\n  C5: warning\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let gated = try runTool(["check", "--config", file], stdin: "本店保留最终解释权。")
        #expect(gated.status == 0)
        let shown = try runTool(["check", "--config", file, "--min-severity", "warning", "--format", "json"],
                                stdin: "本店保留最终解释权。")
        #expect(shown.status == 1)
        #expect(shown.out.contains("\"severity\": \"warning\""))
    }

    @Test func aBadConfigurationNamesItsLine() throws {
        let file = try config("rules:\n  no.such-rule: off\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try runTool(["check", "--config", file], stdin: "合同")
        #expect(run.status == 2)
        #expect(run.err.contains("\(file):2"))
    }
}
