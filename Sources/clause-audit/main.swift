import ArgumentParser
import ClauseAudit
import Foundation

struct ClauseAuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clause-audit",
        abstract: "审查格式条款与霸王条款（audit Chinese consumer contracts for unlawful format clauses）",
        version: ToolInfo.version,
        subcommands: [CheckCommand.self, AuditCommand.self, CompareCommand.self, LintCommand.self, RulesCommand.self, EvalCommand.self,
                      ServeCommand.self])
}

// The spec's exit statuses: 0 clean, 1 findings, 2 usage or input errors (ArgumentParser's own usage
// errors, 64, become 2 as well).
do {
    var command = try ClauseAuditCommand.parseAsRoot()
    try command.run()
} catch let code as ExitCode {
    exit(code.rawValue)
} catch let failure as Failure {
    FileHandle.standardError.write(Data("clause-audit: \(failure.description)\n".utf8))
    exit(2)
} catch {
    let message = ClauseAuditCommand.fullMessage(for: error)
    if ClauseAuditCommand.exitCode(for: error) == .success {
        print(message)
        exit(0)
    }
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}
