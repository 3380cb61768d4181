import ClauseAudit
import ClauseRules

/// The linter's line format, one problem per line, the way compilers and editors expect it:
///
///     path:line:col: error|warning|info: [rule-id] message (legal basis)
///
/// Lines and columns are 1-based and count code points, as in every report. Several provisions of the
/// legal basis are joined by `；`; built-in checks (draft.*, lint.*) have none and end after the
/// message. Baselined problems appear only when asked for, and then as `info`.
public enum LineReport {
    public static func render(_ results: [LintResult], minSeverity: Severity = .info, includeBaselined: Bool = false) -> String {
        var out = ""
        for result in results where result.error == nil {
            for problem in result.reported(minSeverity: minSeverity, includeBaselined: includeBaselined) {
                out += line(problem, path: result.document.path) + "\n"
            }
        }
        return out
    }

    public static func line(_ problem: LintProblem, path: String) -> String {
        let severity = problem.baselined ? Severity.info : problem.severity
        var text = "\(path):\(problem.span.line):\(problem.span.column): \(severity.rawValue): [\(problem.ruleId)] \(oneLine(problem.message))"
        if !problem.legalBasis.isEmpty {
            text += " (" + problem.legalBasis.joined(separator: "；") + ")"
        }
        return text
    }

    /// A message folded onto one line, so that every problem stays one line for grep and editors.
    public static func oneLine(_ text: String) -> String {
        var out = ""
        var lastWasSpace = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" || scalar == "\t" {
                if !lastWasSpace { out += " " }
                lastWasSpace = true
            } else {
                out.unicodeScalars.append(scalar)
                lastWasSpace = scalar == " "
            }
        }
        return out
    }
}
