import ArgumentParser
import ClauseAudit
import ClauseModels
import ClauseReport
import ClauseRules
import Foundation

/// Options that say which model contract to compare with (`compare`, `check --model`).
struct ModelOptions: ParsableArguments {
    @Option(help: "Model contract: a profile id or code (GF-2014-2401), the path of the published text, or 'auto'.")
    var model: String?

    @Option(help: "A folder of published model texts: 'auto' considers them, and a profile id uses its text from there.")
    var modelDir: String?

    @Option(help: "Profile directory (default: the bundled model-contracts/).")
    var profiles: String?

    /// The profiles and texts to compare with; profiles that do not load are a usage error (exit 2).
    func sources() throws -> ModelSources {
        var library: ProfileLibrary? = nil
        if let directory = profiles ?? ProfileLibrary.bundledDirectory() {
            do { library = try ProfileLibrary.load(directory: directory) } catch { throw Failure(error.description) }
        }
        var texts: [String] = []
        if let modelDir {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: modelDir) else {
                throw Failure("cannot read the model folder \(modelDir)")
            }
            let readable = Set(["txt", "md", "markdown", "html", "htm", "docx"])
            texts = names.sorted().filter { readable.contains(($0 as NSString).pathExtension.lowercased()) }
                .map { (modelDir as NSString).appendingPathComponent($0) }
        }
        return ModelSources(library: library, texts: texts)
    }

    /// Adds the comparison to an audited document; a model that cannot be had is exit 2.
    func compare(_ result: inout AuditResult, auditor: Auditor, sources: ModelSources, options: Auditor.Options) throws {
        guard let model, result.error == nil else { return }
        do {
            result.comparison = try auditor.compare(result, model: model, sources: sources, options: options)
        } catch {
            throw Failure(error.message)
        }
    }
}

/// `clause-audit compare`: what a contract dropped, changed and added against a model contract.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "与示范文本比对（compare a contract with a model contract: missing, changed and added clauses）",
        discussion: """
        Exit status: 0 when the contract keeps every protection of the model and no rule fires at or above
        --min-severity; 1 when something is missing, changed to the consumer's loss, or a rule fires; 2 on
        usage or input errors.
        """)

    @Argument(help: "The contract (.txt, .md, .html, .docx); '-' reads standard input.")
    var contract: String

    @OptionGroup var models: ModelOptions

    @Option(help: "Report format: text, json, jsonl or html (the side-by-side view).")
    var format: ReportFormat = .text

    @OptionGroup var common: CommonOptions
    @OptionGroup var input: InputOptions

    func validate() throws {
        guard models.model != nil else { throw ValidationError("say which model to compare with: --model ID|PATH|auto") }
        guard [.text, .json, .jsonl, .html].contains(format) else {
            throw ValidationError("compare writes text, json, jsonl or html; '\(format.rawValue)' is not available here")
        }
    }

    func run() throws {
        let auditor = try common.auditor()
        let sources = try models.sources()
        let scratch = MatchScratch()
        var result: AuditResult
        if contract == "-" {
            let bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
            result = auditor.audit(bytes, path: "-", options: input.auditOptions, scratch: scratch)
        } else {
            result = auditor.audit(file: contract, options: input.auditOptions, scratch: scratch)
        }
        if let error = result.error {
            throw Failure("\(result.document.path): \(error.message)")
        }
        result.findings = result.findings(atLeast: common.gate(auditor.configuration))
        try models.compare(&result, auditor: auditor, sources: sources, options: input.auditOptions)

        let rulesVersion = auditor.engine.pack.version
        let report: String = switch format {
        case .json: JSONReport.render(result, rulesVersion: rulesVersion, pretty: true) + "\n"
        case .jsonl: JSONReport.render(result, rulesVersion: rulesVersion, pretty: false) + "\n"
        case .html: ComparisonHTML.render(result)
        default: TextReport(color: common.useColor()).render(result)
        }
        try common.emit(report)

        let comparison = result.comparison
        let lost = !(comparison?.missing.isEmpty ?? true) || (comparison?.changed.contains { $0.kind == .weaker } ?? false)
        if lost || !result.findings.isEmpty { throw ExitCode(1) }
    }
}
