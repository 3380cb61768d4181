/// The output formats the commands offer.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, json, jsonl, sarif, html, markdown, line, csv
}
