import ClauseAudit
import ClauseRules
import Foundation

/// `--report-dir`: one HTML report per document under `docs/`, and `index.html` with the summary and
/// a list that links them. Pages are written by the workers as documents finish; the list is kept in
/// a small file beside them (`.index.jsonl`, one line per document) and turned into the index at the
/// end, so nothing grows in memory and `--resume` can carry on from it.
public final class ReportDirectory: Sendable {
    public let root: String
    public let rulesVersion: String
    let rowsFile: String

    /// Prepares the folder; without `resume` a list left by an earlier run is started afresh.
    public init(root: String, rulesVersion: String, resume: Bool) throws {
        self.root = root
        self.rulesVersion = rulesVersion
        rowsFile = (root as NSString).appendingPathComponent(".index.jsonl")
        try FileManager.default.createDirectory(atPath: (root as NSString).appendingPathComponent("docs"),
                                                withIntermediateDirectories: true)
        if !resume || !FileManager.default.fileExists(atPath: rowsFile) {
            guard FileManager.default.createFile(atPath: rowsFile, contents: Data()) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: rowsFile])
            }
        }
    }

    /// Where a document's page is, relative to the folder: a readable name from the path plus a
    /// short hash of the whole path, so different paths never share a page.
    public static func href(for path: String) -> String {
        var name = ""
        var lastWasUnderscore = false
        // The file's own name reads best; the hash keeps pages of same-named files in different folders apart.
        let base = path.split(separator: "/").last.map(String.init) ?? path
        for scalar in base.unicodeScalars {
            let keep = scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == ".")
            if keep {
                name.unicodeScalars.append(scalar)
                lastWasUnderscore = false
            } else if !lastWasUnderscore {
                name += "_"
                lastWasUnderscore = true
            }
        }
        name = String(name.trimmingCharacters(in: CharacterSet(charactersIn: "_.")).prefix(60))
        return "docs/" + name + "-" + SHA256.hex(Array(path.utf8)).prefix(10) + ".html"
    }

    /// Writes the page of one document (any thread) and returns its href. A document whose result was
    /// taken from an identical one links to that one's page.
    @discardableResult
    public func write(_ item: BulkItem) -> String {
        if let first = item.duplicateOf, item.result.prepared == nil { return Self.href(for: first) }
        let href = Self.href(for: item.path)
        let report = HTMLReport(rulesVersion: rulesVersion, links: [("← 全部文件", "../index.html")])
        let page = report.render(documents: [.init(result: item.result)])
        try? page.write(toFile: (root as NSString).appendingPathComponent(href), atomically: true, encoding: .utf8)
        return href
    }

    /// Adds a document to the list (from one thread at a time: the writer's).
    public func record(_ item: BulkItem, href: String) {
        let result = item.result
        var pairs: [(String, JSONValue)] = [("path", .string(item.path)), ("href", .string(href))]
        if let error = result.error {
            pairs.append(("error", .string("\(error.code)：\(error.message)")))
        } else {
            let summary = result.summary
            pairs.append(("error_count", .int(summary.bySeverity[.error] ?? 0)))
            pairs.append(("warning_count", .int(summary.bySeverity[.warning] ?? 0)))
            pairs.append(("info_count", .int(summary.bySeverity[.info] ?? 0)))
            pairs.append(("categories", .strings(summary.byCategory.keys.sorted().map(\.rawValue))))
        }
        if let first = item.duplicateOf { pairs.append(("duplicate_of", .string(first))) }
        append(JSONValue.object(pairs).serialized() + "\n")
    }

    private func append(_ line: String) {
        guard let handle = FileHandle(forWritingAtPath: rowsFile) else { return }
        handle.seekToEndOfFile()
        handle.write(Data(line.utf8))
        try? handle.close()
    }

    /// Writes `index.html`: the summary, then every document in the order they finished. The list is
    /// streamed from the rows file into the page, so it never sits in memory whole.
    public func finish(_ summary: BulkSummary) throws {
        let marker = "<!--documents-->"
        // A duplicate has no page of its own (its row in the list links to its twin's): no link then.
        let root = self.root
        let page = SummaryReport.html(summary, documents: marker, link: { path in
            let href = Self.href(for: path)
            return FileManager.default.fileExists(atPath: (root as NSString).appendingPathComponent(href)) ? href : nil
        })
        let parts = page.components(separatedBy: marker)
        let indexPath = (root as NSString).appendingPathComponent("index.html")
        let temporary = indexPath + ".part"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(parts[0].utf8)),
              let out = FileHandle(forWritingAtPath: temporary) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: indexPath])
        }
        out.seekToEndOfFile()
        out.write(Data("<table class=\"summary list\"><thead><tr><th>文件</th><th>错误</th><th>警告</th><th>提示</th><th>类别</th></tr></thead><tbody>\n".utf8))
        func row(_ line: ArraySlice<UInt8>) {
            guard let o = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let path = o["path"] as? String, let href = o["href"] as? String else { return }
            var html = "<tr><td><a href=\"\(HTML.escape(href))\">\(HTML.escape(path))</a>"
            if let first = o["duplicate_of"] as? String { html += " <span class=\"meta\">（与 \(HTML.escape(first)) 内容相同）</span>" }
            html += "</td>"
            if let error = o["error"] as? String {
                html += "<td colspan=\"4\" class=\"err\">无法审查：\(HTML.escape(error))</td></tr>\n"
            } else {
                for key in ["error_count", "warning_count", "info_count"] { html += "<td class=\"num\">\(o[key] as? Int ?? 0)</td>" }
                let categories = (o["categories"] as? [String] ?? []).map { "<span class=\"badge badge-\(HTML.escape($0))\">\(HTML.escape($0))</span>" }
                html += "<td>\(categories.joined(separator: " "))</td></tr>\n"
            }
            out.write(Data(html.utf8))
        }
        if let handle = FileHandle(forReadingAtPath: rowsFile) {
            let tail = LineReader.forEachLine(in: handle) { line, _ in row(line) }
            if !tail.isEmpty { row(tail[...]) }
            try? handle.close()
        }
        out.write(Data(("</tbody></table>\n" + parts.dropFirst().joined(separator: marker)).utf8))
        try out.close()
        _ = try? FileManager.default.removeItem(atPath: indexPath)
        try FileManager.default.moveItem(atPath: temporary, toPath: indexPath)
    }
}
