import ArgumentParser
import ClauseAudit
import ClauseReport
import ClauseRules
import Foundation

/// `clause-audit eval`: precision, recall and F1 per category on labelled clauses and gold spans.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "评估准确率（score the engine on labelled clauses or gold span annotations）")

    @Argument(help: "JSONL files: {\"text\",\"label\"} lines and/or {\"document\",\"spans\"} lines.")
    var files: [String]

    @Option(help: "Folder that document paths are relative to (default: ../shared/corpus).")
    var corpus: String?

    @Flag(help: "List every false positive and false negative.")
    var misses = false

    @Option(help: "Report format: text or json.")
    var format: ReportFormat = .text

    @OptionGroup var common: CommonOptions

    func run() throws {
        var items: [LabelledItem] = []
        for file in files {
            do { items += try LabelledItem.load(file: file) } catch { throw Failure(error.description) }
        }
        let corpusFolder = corpus ?? ["../shared/corpus", "../../shared/corpus"].first {
            FileManager.default.fileExists(atPath: $0)
        }
        let evaluation = Evaluator(auditor: Auditor(engine: try common.engine()), corpus: corpusFolder).evaluate(items)
        let report = format == .json ? EvaluationReport.json(evaluation).serialized(pretty: true) + "\n"
            : EvaluationReport.text(evaluation, misses: misses)
        try common.emit(report)
        for error in evaluation.errors {
            FileHandle.standardError.write(Data("clause-audit: eval: \(error)\n".utf8))
        }
        if !evaluation.errors.isEmpty { throw ExitCode(2) }
    }
}
