import ClauseAudit
import ClauseReport
import ClauseRules
import Foundation

/// A small rule pack of our own for the linter's tests, so they do not depend on the bundled pack
/// (written in parallel) and know every rule's message and severity exactly.
enum LintFixture {
    static let packYAML = """
    name: lint test pack
    version: "7"
    laws:
      - 网络交易监督管理办法（2021）
      - 合同行政监督管理办法（2023）
    fragments:
      business: (?:本公司|本店|平台|甲方)
    unless_before:
      - '(?:不得|禁止|不能|不应)[^。;]{0,10}'
    """

    static let rulesYAML = """
    rules:
      - id: interpretation.final-right
        category: C5
        title: 经营者保留最终解释权
        message: 经营者不能自己说了算。
        legal_basis:
          - 合同行政监督管理办法（2023）第八条第（七）项
          - 网络交易监督管理办法（2021）第二十一条第（五）项
        suggestion: 删除该条款。
        patterns:
          - '(?<party>{{business}})[^。;]{0,8}(?<hit>(?:保留|享有)[^。;]{0,4}(?:最终)?解释权)'
        party: business
        examples:
          triggering: [本店【保留最终解释权】。]
          non_triggering: [消费者有权依法投诉。]
      - id: liability.not-responsible
        category: C1
        severity: warning
        title: 概不负责
        message: 经营者不得免除自己的责任。
        legal_basis:
          - 网络交易监督管理办法（2021）第二十一条第（一）项
        suggestion: 写明经营者依法承担的责任。
        patterns:
          - '概不负责'
        examples:
          triggering: [损坏【概不负责】。]
          non_triggering: [依法承担责任。]
      - id: fees.handling
        category: C6
        severity: info
        title: 手续费
        message: 请核实手续费是否合理。
        legal_basis:
          - 网络交易监督管理办法（2021）第二十一条第（六）项
        suggestion: 写明手续费的计算方法。
        patterns:
          - '手续费'
        examples:
          triggering: [收取【手续费】。]
          non_triggering: [不收费。]
    """

    /// The pack's folder, written once per test process.
    static let packDirectory: String = {
        let dir = NSTemporaryDirectory() + "clause-audit-lint-pack-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try! packYAML.write(toFile: dir + "/pack.yml", atomically: true, encoding: .utf8)
        try! rulesYAML.write(toFile: dir + "/rules.yml", atomically: true, encoding: .utf8)
        return dir
    }()

    static let engine: RuleEngine = {
        do { return try RuleEngine(directory: packDirectory) } catch { fatalError("lint fixture pack: \(error)") }
    }()

    static let auditor = Auditor(engine: engine)

    static func linter(_ configuration: Configuration = Configuration(directory: "/"), stage: DraftStage? = nil) -> Linter {
        Linter(auditor: auditor, configuration: configuration, draftStage: stage)
    }

    static func lint(_ text: String, path: String = "contract.txt", configuration: Configuration = Configuration(directory: "/"),
                     stage: DraftStage? = nil) -> LintResult {
        linter(configuration, stage: stage).lint(Array(text.utf8), path: path, scratch: MatchScratch())
    }

    /// The result's problems as report lines.
    static func lines(_ result: LintResult, minSeverity: Severity = .info) -> [String] {
        LineReport.render([result], minSeverity: minSeverity).split(separator: "\n").map(String.init)
    }

    /// A fresh empty folder.
    static func temporaryFolder() -> String {
        let dir = NSTemporaryDirectory() + "clause-audit-lint-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return URL(fileURLWithPath: dir).standardizedFileURL.path
    }

    static func write(_ text: String, to path: String) {
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Runs the built tool in `directory` with the fixture pack.
    static func run(_ arguments: [String], in directory: String, stdin: String = "", pack: Bool = true)
        throws -> (status: Int32, out: String, err: String) {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("clause-audit")
        let candidates = [binary.path, repositoryRoot + "/.build/debug/clause-audit"]
        guard let executable = candidates.first(where: FileManager.default.isExecutableFile) else {
            throw CocoaError(.fileNoSuchFile)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments + (pack ? ["--rules", packDirectory] : [])
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    static let c5Basis = "(合同行政监督管理办法（2023）第八条第（七）项；网络交易监督管理办法（2021）第二十一条第（五）项)"
    static let c1Basis = "(网络交易监督管理办法（2021）第二十一条第（一）项)"
    static let c6Basis = "(网络交易监督管理办法（2021）第二十一条第（六）项)"
}
