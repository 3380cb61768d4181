import ClauseAudit
import ClauseRules
import Foundation
import Testing

/// `.clause-audit.yml`: strict reading, settings, exclusions and discovery.
@Suite struct ConfigFileTests {
    func load(_ yaml: String) throws -> Configuration {
        let dir = LintFixture.temporaryFolder()
        LintFixture.write(yaml, to: dir + "/.clause-audit.yml")
        return try Configuration.load(file: dir + "/.clause-audit.yml")
    }

    func error(_ yaml: String) -> String? {
        let dir = LintFixture.temporaryFolder()
        LintFixture.write(yaml, to: dir + "/.clause-audit.yml")
        do {
            let config = try Configuration.load(file: dir + "/.clause-audit.yml")
            try config.validate(against: LintFixture.engine.pack)
            return nil
        } catch {
            return error.description.replacingOccurrences(of: dir + "/", with: "")
        }
    }

    @Test func readsEveryField() throws {
        let config = try load("""
        # project settings
        min_severity: warning
        exclude:
          - archive/**
          - "*.old.md"
        model: models/GF-2015-0203.txt
        draft:
          stage: filled
        categories:
          C6: off
          draft: info
        rules:
          interpretation.final-right: warning
          draft.empty-blank: on
          fees.handling: true
        """)
        #expect(config.minSeverity == .warning)
        #expect(config.exclude == ["archive/**", "*.old.md"])
        #expect(config.model == "models/GF-2015-0203.txt")
        #expect(config.modelPath == nil)  // no such file
        #expect(config.draftStage == .filled)
        #expect(config.categories == ["C6": .off, "draft": .severity(.info)])
        #expect(config.rules == ["interpretation.final-right": .severity(.warning), "draft.empty-blank": .on, "fees.handling": .on])
    }

    @Test func anEmptyFileMeansTheDefaults() throws {
        let config = try load("# nothing yet\n")
        #expect(config.minSeverity == nil)
        #expect(config.rules.isEmpty && config.categories.isEmpty && config.exclude.isEmpty)
        #expect(config.draftStage == .auto)
    }

    @Test func oneExcludePatternNeedsNoList() throws {
        #expect(try load("exclude: vendor/**\n").exclude == ["vendor/**"])
    }

    @Test func modelPathResolvesAgainstTheConfigFolder() throws {
        let dir = LintFixture.temporaryFolder()
        LintFixture.write("model: models/m.txt\n", to: dir + "/.clause-audit.yml")
        LintFixture.write("第一条", to: dir + "/models/m.txt")
        let config = try Configuration.load(file: dir + "/.clause-audit.yml")
        #expect(config.modelPath == dir + "/models/m.txt")
    }

    @Test func unknownKeyNamesFileAndLine() {
        #expect(error("min_severity: error\nexlude: [a]\n")
            == ".clause-audit.yml:2: unknown key 'exlude' in .clause-audit.yml (known: categories, draft, exclude, min_severity, model, rules)")
    }

    @Test func badSeverityNamesTheLine() {
        #expect(error("\nmin_severity: fatal\n") == ".clause-audit.yml:2: 'min_severity' must be one of info | warning | error, not 'fatal'")
    }

    @Test func badRuleSettingNamesTheLine() {
        #expect(error("rules:\n  fees.handling: warning\n  interpretation.final-right: loud\n")
            == ".clause-audit.yml:3: 'interpretation.final-right' must be off, on, info, warning or error, not 'loud'")
    }

    @Test func unknownCategoryNamesTheLine() {
        #expect(error("categories:\n  C7: off\n")
            == ".clause-audit.yml:2: unknown category 'C7' (known: C1, C2, C3, C4, C5, C6, draft, lint)")
    }

    @Test func unknownRuleNamesTheLine() {
        #expect(error("rules:\n  fees.handling: off\n  interpretation.final-rite: off\n")
            == ".clause-audit.yml:3: unknown rule 'interpretation.final-rite' (not in rule pack lint test pack 7, and not a built-in check)")
    }

    @Test func badDraftStageNamesTheLine() {
        #expect(error("draft:\n  stage: final\n") == ".clause-audit.yml:2: 'stage' must be one of auto | template | filled | signed, not 'final'")
        #expect(error("draft:\n  stages: filled\n") == ".clause-audit.yml:2: unknown key 'stages' in draft (known: stage)")
    }

    @Test func wrongShapesAreErrors() {
        #expect(error("rules: [a, b]\n") == ".clause-audit.yml:1: 'rules' must be a mapping of names to off | on | info | warning | error")
        #expect(error("exclude:\n  - ''\n") == ".clause-audit.yml:2: an 'exclude' pattern must not be empty")
        #expect(error("- a\n- b\n") == ".clause-audit.yml:1: .clause-audit.yml must be a mapping")
        #expect(error("rules:\n  a: [1\n") == ".clause-audit.yml:3: YAML: did not find expected ',' or ']'")
    }

    @Test func duplicateNamesAreErrors() {
        #expect(error("categories:\n  C5: off\n  C5: on\n") == ".clause-audit.yml:2: YAML: a key is given twice: 'C5'")
    }

    @Test func ruleSettingWinsOverCategory() {
        var config = Configuration(directory: "/")
        config.categories = ["C6": .off, "C1": .severity(.error), "C5": .severity(.info)]
        config.rules = ["fees.handling": .on, "liability.not-responsible": .on, "interpretation.final-right": .severity(.warning)]
        #expect(config.severity(ruleId: "fees.handling", group: "C6", default: .info) == .info)  // on: back, at its own severity
        #expect(config.severity(ruleId: "other.c6", group: "C6", default: .error) == nil)
        #expect(config.severity(ruleId: "liability.not-responsible", group: "C1", default: .warning) == .error)  // on keeps the category's severity
        #expect(config.severity(ruleId: "interpretation.final-right", group: "C5", default: .error) == .warning)
        #expect(config.severity(ruleId: "other.c5", group: "C5", default: .error) == .info)
        #expect(config.severity(ruleId: "other.c2", group: "C2", default: .error) == .error)
    }

    @Test func configurationChangesWhatTheLinterReports() {
        var config = Configuration(directory: "/")
        config.categories = ["C1": .off]
        config.rules = ["interpretation.final-right": .severity(.warning), "draft.numbering-gap": .off]
        let result = LintFixture.lint("第一条 总则\n第三条 本店保留最终解释权，概不负责。", configuration: config)
        #expect(LintFixture.lines(result) == [
            "contract.txt:2:7: warning: [interpretation.final-right] 经营者不能自己说了算。 \(LintFixture.c5Basis)",
        ])
    }

    @Test func excludePatterns() {
        var config = Configuration(directory: "/repo")
        config.exclude = ["archive/**", "*.old.md", "drafts", "contracts/202?/*.txt", "**/tmp/**"]
        let excluded = { (path: String) in config.isExcluded(path, workingDirectory: "/repo") }
        #expect(excluded("archive/a.txt"))
        #expect(excluded("archive/x/y/a.txt"))
        #expect(excluded("/repo/docs/a.old.md"))
        #expect(excluded("docs/drafts/a.txt"))  // a bare name matches any folder of that name
        #expect(excluded("contracts/2024/a.txt"))
        #expect(!excluded("contracts/2024/b/a.txt"))  // * stays within a folder
        #expect(excluded("a/b/tmp/c.txt"))
        #expect(excluded("tmp/c.txt"))  // **/ may match no folder
        #expect(!excluded("docs/archive.txt"))
        #expect(!excluded("docs/a.md"))
        #expect(!excluded("/elsewhere/archive/a.txt"))  // path patterns are relative to the config's folder
        #expect(excluded("../repo/archive/a.txt"))
    }

    @Test func foundUpwardFromTheWorkingDirectory() throws {
        let dir = LintFixture.temporaryFolder()
        LintFixture.write("min_severity: error\n", to: dir + "/.clause-audit.yml")
        try FileManager.default.createDirectory(atPath: dir + "/a/b", withIntermediateDirectories: true)
        #expect(Configuration.find(from: dir + "/a/b") == dir + "/.clause-audit.yml")
        let config = try Configuration.resolve(explicit: nil, workingDirectory: dir + "/a/b")
        #expect(config.minSeverity == .error)
        #expect(config.directory == dir)
    }

    @Test func missingExplicitConfigIsAnError() {
        #expect(throws: RuleLoadError(file: "/no/such.yml", line: nil, message: "configuration file not found")) {
            try Configuration.resolve(explicit: "/no/such.yml", workingDirectory: "/")
        }
    }

    // MARK: through the command

    @Test func commandUsesTheConfigFoundAboveAndItsExclusions() throws {
        let dir = LintFixture.temporaryFolder()
        LintFixture.write("exclude: [docs/old/**]\nrules:\n  interpretation.final-right: info\n", to: dir + "/.clause-audit.yml")
        LintFixture.write("本店保留最终解释权。\n", to: dir + "/docs/a.txt")
        LintFixture.write("本店保留最终解释权。\n", to: dir + "/docs/old/b.txt")
        let run = try LintFixture.run(["lint", "a.txt", "old/b.txt", "."], in: dir + "/docs")
        #expect(run.status == 1)
        #expect(run.out == """
        a.txt:1:3: info: [interpretation.final-right] 经营者不能自己说了算。 \(LintFixture.c5Basis)
        ./a.txt:1:3: info: [interpretation.final-right] 经营者不能自己说了算。 \(LintFixture.c5Basis)

        """)
    }

    @Test func invalidConfigExitsTwoNamingFileAndLine() throws {
        let dir = LintFixture.temporaryFolder()
        LintFixture.write("rules:\n  no.such-rule: off\n", to: dir + "/project.yml")
        LintFixture.write("消费者有权投诉。\n", to: dir + "/a.txt")
        let run = try LintFixture.run(["lint", "--config", "project.yml", "a.txt"], in: dir)
        #expect(run.status == 2)
        #expect(run.out == "")
        #expect(run.err == "clause-audit: project.yml:2: unknown rule 'no.such-rule' (not in rule pack lint test pack 7, and not a built-in check)\n")
    }
}
