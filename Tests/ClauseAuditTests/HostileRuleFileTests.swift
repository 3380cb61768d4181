import ClauseAudit
import ClauseRules
import Foundation
import Testing

/// Rule files and configuration files that are not what they should be: each is refused with one
/// line that names the file (and the line, where there is one) and says what is wrong.
@Suite(.serialized) struct HostileRuleFileTests {
    static let law = "民法典（2020）第四百九十八条"

    func ruleFile(id: String, pattern: String) -> String {
        """
        rules:
          - id: \(id)
            category: C1
            severity: error
            title: t
            message: m
            legal_basis: [\(Self.law)]
            suggestion: s
            patterns: ['\(pattern)']
            examples: {triggering: ['【甲】'], non_triggering: ['无']}

        """
    }

    /// The pack refuses `bytes` as its file `zz.yml`: the error, with the folder's path replaced by `PACK`.
    func refusal(_ bytes: [UInt8]) throws -> String {
        let pack = try Hostile.backtrackingPack()
        defer { try? FileManager.default.removeItem(atPath: pack) }
        FileManager.default.createFile(atPath: pack + "/zz.yml", contents: Data(bytes))
        do {
            _ = try RuleEngine(directory: pack)
            return "loaded"
        } catch {
            return error.description.replacingOccurrences(of: pack, with: "PACK")
        }
    }

    @Test func binaryAndNonUTF8RuleFiles() throws {
        #expect(try refusal((0 ..< 512).map { UInt8(truncatingIfNeeded: $0 &* 131) }) == "PACK/zz.yml: is not UTF-8")
        #expect(try refusal(Array("rules: []\n# caf".utf8) + [0xE9, 0x0A]) == "PACK/zz.yml: is not UTF-8")
    }

    @Test func nestingDeepEnoughToOverflowAStack() throws {
        let deep = "rules: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(try refusal(Array(deep.utf8)) == "PACK/zz.yml:1: YAML: Maximum nesting level reached, set with yaml_set_max_nest_level())")
    }

    /// Aliases that would multiply into a billion items (the "billion laughs"): the strict schema
    /// refuses the nested lists before anything is expanded (the line is where the aliased list is).
    @Test func aliasesThatMultiply() throws {
        var yaml = "rules:\n  - id: x.y\n    category: C1\n    severity: error\n    title: t\n    message: m\n"
        yaml += "    legal_basis: [\(Self.law)]\n    suggestion: s\n    patterns: ['甲']\n"
        yaml += "    sources: &a0 [l, l, l, l, l, l, l, l, l, l]\n"
        yaml += "    examples: {triggering: ['【甲】'], non_triggering: ['无']}\n"
        yaml += "  - id: x.z\n    category: C1\n    severity: error\n    title: t\n    message: m\n"
        yaml += "    legal_basis: [\(Self.law)]\n    suggestion: s\n    patterns: ['乙']\n"
        yaml += "    sources: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]\n"
        yaml += "    examples: {triggering: ['【乙】'], non_triggering: ['无']}\n"
        let message = try refusal(Array(yaml.utf8))
        #expect(message == "PACK/zz.yml:10: items of 'sources' must be text", "\(message)")
    }

    /// A pattern PCRE2 cannot hold (200,000 alternatives): refused, and the error line shows the
    /// pattern's start, not all two megabytes of it.
    @Test func aPatternTooLargeForPCRE2() throws {
        let pattern = (0 ..< 200_000).map { "词\($0)" }.joined(separator: "|")
        let message = try refusal(Array(ruleFile(id: "x.big", pattern: pattern).utf8))
        #expect(message.hasPrefix("PACK/zz.yml:2: rule x.big: patterns[1] '词0|词1|词2|"))
        #expect(message.hasSuffix("…（共 \(pattern.count) 字符）': PCRE2: regular expression is too large at offset 0"))
        #expect(message.count < 200)
    }

    @Test func patternsThatCannotWork() throws {
        #expect(try refusal(Array(ruleFile(id: "x.empty", pattern: "a*").utf8))
                == "PACK/zz.yml:2: rule x.empty: patterns[1] 'a*': PCRE2: pattern can match empty text at offset 0")
        #expect(try refusal(Array(ruleFile(id: "x.unknown", pattern: "{{nothing}}").utf8))
                == "PACK/zz.yml:2: rule x.unknown: patterns[1] '{{nothing}}': unknown fragment {{nothing}}")
        #expect(try refusal(Array(ruleFile(id: "x.syntax", pattern: "(甲").utf8))
                == "PACK/zz.yml:2: rule x.syntax: patterns[1] '(甲': PCRE2: missing closing parenthesis at offset 2")
    }

    /// .clause-audit.yml: binary, nested past the parser's limit, values of the wrong shape.
    @Test func configurationFiles() throws {
        let dir = try Hostile.folder("config")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/.clause-audit.yml"
        func refusal(_ bytes: [UInt8]) -> String {
            FileManager.default.createFile(atPath: file, contents: Data(bytes))
            do {
                _ = try Configuration.load(file: file)
                return "loaded"
            } catch {
                return error.description.replacingOccurrences(of: dir, with: "DIR")
            }
        }
        #expect(refusal((0 ..< 512).map { UInt8(truncatingIfNeeded: $0 &* 131) }) == "DIR/.clause-audit.yml: is not UTF-8")
        #expect(refusal(Array(("rules: " + String(repeating: "{a: ", count: 50_000)).utf8))
                == "DIR/.clause-audit.yml:1: YAML: Maximum nesting level reached, set with yaml_set_max_nest_level())")
        #expect(refusal(Array("min_severity: [1, 2]\n".utf8)) == "DIR/.clause-audit.yml:1: 'min_severity' must be text")
        #expect(refusal(Array("rules: {interpretation.final-right: sometimes}\n".utf8))
                == "DIR/.clause-audit.yml:1: 'interpretation.final-right' must be off, on, info, warning or error, not 'sometimes'")
    }
}
