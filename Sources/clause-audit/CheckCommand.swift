import ArgumentParser
import ClauseAudit
import ClauseReport
import ClauseRules
import Foundation

/// `clause-audit check`: a reviewer's audit of one or more documents, or of standard input.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "审查合同文本（audit documents; no path or '-' reads standard input）")

    @Argument(help: "Documents to audit (.txt, .md, .html, .docx); '-' or nothing reads standard input.")
    var paths: [String] = []

    @Option(help: "Report format: text, json, jsonl, sarif, line, html (a self-contained page), markdown or csv.")
    var format: ReportFormat = .text

    @OptionGroup var common: CommonOptions
    @OptionGroup var input: InputOptions
    @OptionGroup var models: ModelOptions

    func validate() throws {
        guard [.text, .json, .jsonl, .sarif, .line, .html, .markdown, .csv].contains(format) else {
            throw ValidationError("check writes text, json, jsonl, sarif, line, html, markdown or csv; '\(format.rawValue)' is not available here")
        }
    }

    func run() throws {
        let auditor = try common.auditor()
        let gate = common.gate(auditor.configuration)
        let sources = models.model == nil ? nil : try models.sources()
        let scratch = MatchScratch()
        let inputs = paths.isEmpty ? ["-"] : paths
        var results: [AuditResult] = []
        for path in inputs {
            var result: AuditResult
            if path == "-" {
                let bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
                result = auditor.audit(bytes, path: "-", options: input.auditOptions, scratch: scratch)
            } else {
                result = auditor.audit(file: path, options: input.auditOptions, scratch: scratch)
            }
            result.findings = result.findings(atLeast: gate)
            if let sources { try models.compare(&result, auditor: auditor, sources: sources, options: input.auditOptions) }
            results.append(result)
        }
        try common.emit(render(results, rulesVersion: auditor.engine.pack.version))

        let failed = results.filter { $0.error != nil }
        for result in failed {
            FileHandle.standardError.write(Data("clause-audit: \(result.document.path): \(result.error!.message)\n".utf8))
        }
        if !failed.isEmpty { throw ExitCode(2) }
        if results.contains(where: { !$0.findings.isEmpty }) { throw ExitCode(1) }
    }

    private func render(_ results: [AuditResult], rulesVersion: String) -> String {
        switch format {
        case .json where results.count == 1:
            JSONReport.render(results[0], rulesVersion: rulesVersion, pretty: true) + "\n"
        case .json:
            "[\n" + results.map { JSONReport.render($0, rulesVersion: rulesVersion, pretty: true) }.joined(separator: ",\n") + "\n]\n"
        case .jsonl:
            results.map { JSONReport.render($0, rulesVersion: rulesVersion, pretty: false) + "\n" }.joined()
        case .sarif:
            SARIFReport.render(results.map(LintResult.init), options: .init(rulesVersion: rulesVersion))
        case .line:
            LineReport.render(results.map(LintResult.init))
        case .html:
            HTMLReport(rulesVersion: rulesVersion).render(results)
        case .markdown:
            MarkdownReport(rulesVersion: rulesVersion).render(results)
        case .csv:
            (common.output == nil ? "" : CSVReport.byteOrderMark) + CSVReport.render(results)
        default:
            results.filter { $0.error == nil }.map(TextReport(color: common.useColor()).render).joined(separator: "\n")
        }
    }
}
