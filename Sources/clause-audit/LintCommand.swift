import ArgumentParser
import ClauseAudit
import ClauseReport
import ClauseRules
import Foundation

/// `clause-audit lint`: the pre-commit and CI face. One line per problem, exit status for gating,
/// `.clause-audit.yml`, inline suppressions and a baseline of accepted problems.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "检查合同与示范文本草稿（lint documents: path:line:col lines, exit 1 on problems at or above the gate）",
        discussion: """
        Folders are walked for .txt, .md, .html and .docx files; '-' reads standard input.
        Exit status: 0 nothing new at or above the gate, 1 something new, 2 unreadable input or invalid rules,
        configuration or baseline.
        """)

    @Argument(help: "Documents or folders to lint; '-' reads standard input.")
    var paths: [String]

    @Option(help: "Report format: line or sarif.")
    var format: ReportFormat = .line

    @Option(help: "Known problems (JSON from --write-baseline): only problems not in it gate the exit status.")
    var baseline: String?

    @Option(help: "Write every current problem to this baseline file and exit 0.")
    var writeBaseline: String?

    @Flag(help: "Also list the problems the baseline holds (as info; SARIF marks them unchanged).")
    var showBaselined = false

    @Option(help: "Stage of the drafts, for blanks and choice boxes: auto, template, filled or signed (default: the configuration's, else auto).")
    var stage: DraftStage?

    @OptionGroup var common: CommonOptions
    @OptionGroup var input: InputOptions

    func validate() throws {
        guard [.line, .sarif].contains(format) else {
            throw ValidationError("lint writes line or sarif; '\(format.rawValue)' is not available here")
        }
    }

    func run() throws {
        let workingDirectory = FileManager.default.currentDirectoryPath
        let auditor = try common.auditor()
        let configuration = auditor.configuration!
        let known: Baseline?
        do { known = try baseline.map(Baseline.load(file:)) } catch { throw Failure(error.description) }

        let linter = Linter(auditor: auditor, configuration: configuration, draftStage: stage)
        let gate = common.gate(configuration)
        let scratch = MatchScratch()
        var results: [LintResult] = []
        for path in linter.documents(in: paths, workingDirectory: workingDirectory) {
            var result: LintResult
            if path == "-" {
                let bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
                result = linter.lint(bytes, path: "-", options: input.auditOptions, scratch: scratch)
            } else {
                result = linter.lint(file: path, options: input.auditOptions, scratch: scratch)
            }
            known?.mark(&result, workingDirectory: workingDirectory)
            results.append(result)
        }

        let failed = results.filter { $0.error != nil }
        if let writeBaseline {
            let folder = URL(fileURLWithPath: writeBaseline).standardizedFileURL.deletingLastPathComponent().path
            let written = Baseline(directory: folder, results: results, workingDirectory: workingDirectory)
            do {
                try BaselineReport.render(written).write(toFile: writeBaseline, atomically: true, encoding: .utf8)
            } catch {
                throw Failure("cannot write \(writeBaseline): \(error.localizedDescription)")
            }
            report(failed)
            FileHandle.standardError.write(Data("clause-audit: wrote \(written.entries.count) problems to \(writeBaseline)\n".utf8))
            if !failed.isEmpty { throw ExitCode(2) }
            return
        }

        let output = switch format {
        case .sarif:
            SARIFReport.render(results, options: .init(
                rulesVersion: auditor.engine.pack.version, workingDirectory: workingDirectory, minSeverity: gate,
                includeBaselined: showBaselined, baselineUsed: known != nil))
        default:
            LineReport.render(results, minSeverity: gate, includeBaselined: showBaselined)
        }
        try common.emit(output)
        report(failed)
        if !failed.isEmpty { throw ExitCode(2) }
        if results.contains(where: { $0.fails(minSeverity: gate) }) { throw ExitCode(1) }
    }

    /// Documents that could not be read: one line each on standard error.
    private func report(_ failed: [LintResult]) {
        for result in failed {
            FileHandle.standardError.write(Data("clause-audit: \(result.document.path): \(result.error!.message)\n".utf8))
        }
    }
}

extension DraftStage: ExpressibleByArgument {}
