import ClauseAudit
import ClauseRules

/// Findings as CSV for spreadsheets: one row per finding, one row for a document without findings
/// (status `clean`) and one for a document that could not be audited (status `error`), so that every
/// document appears. RFC 4180 quoting; cells that a spreadsheet would run as a formula are defused.
public enum CSVReport {
    public static let columns = [
        "path", "status", "category", "category_name", "severity", "rule", "title",
        "line", "column", "end_line", "end_column", "start", "end", "clause", "text",
        "message", "legal_basis", "suggestion", "error_code", "error_message", "sha256", "duplicate_of",
    ]

    /// The header line (with CRLF).
    public static var header: String { line(columns) }

    /// The rows of one document (each with CRLF).
    public static func rows(_ result: AuditResult, sha256: String? = nil, duplicateOf: String? = nil) -> String {
        let path = result.document.path
        let tail = [sha256 ?? "", duplicateOf ?? ""]
        if let error = result.error {
            return line([path, "error"] + Array(repeating: "", count: 16) + [error.code, error.message] + tail)
        }
        if result.findings.isEmpty {
            return line([path, "clean"] + Array(repeating: "", count: 18) + tail)
        }
        return result.findings.map { f in
            line([path, "finding", f.category.rawValue, f.category.summary, f.severity.rawValue, f.rule.id, f.rule.title,
                  String(f.span.line), String(f.span.column), String(f.span.endLine), String(f.span.endColumn),
                  String(f.span.start), String(f.span.end), f.clause?.label ?? "", f.text, f.message,
                  f.rule.legalBasis.joined(separator: "；"), f.rule.suggestion, "", ""] + tail)
        }.joined()
    }

    /// A whole report for some documents.
    public static func render(_ results: [AuditResult]) -> String {
        header + results.map { rows($0) }.joined()
    }

    /// One CSV line: cells quoted when they hold a comma, quote or line break.
    public static func line(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",") + "\r\n"
    }

    static func cell(_ value: String) -> String {
        var value = value
        // =, +, -, @ (and tab or CR) at the start make Excel and its kin evaluate the cell; a leading
        // apostrophe keeps a hostile contract's text from running as a formula. A lone "-" (standard
        // input's path) is no formula.
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first),
           value.unicodeScalars.count > 1 || !"+-".unicodeScalars.contains(first) {
            value = "'" + value
        }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The byte order mark that makes Excel read UTF-8 (written at the start of CSV files, not on
    /// standard output where other programs read).
    public static let byteOrderMark = "\u{FEFF}"
}
