import ArgumentParser
import ClauseAudit

struct ClauseAuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clause-audit",
        abstract: "审查格式条款与霸王条款（audits Chinese consumer contracts for unlawful format clauses）",
        version: ToolInfo.version)
}

ClauseAuditCommand.main()
