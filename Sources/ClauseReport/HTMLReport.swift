import ClauseAudit
import ClauseRules
import ClauseText

/// The report a reviewer opens or mails: one self-contained page with the document's text, each
/// finding highlighted in its category's colour, notes beside the text (message, legal basis, a fair
/// rewrite), a summary table and a filter by category and severity.
///
/// Safety: every character of the document goes through `HTML.escape`; the page loads nothing and
/// its Content-Security-Policy allows only its own inline style and script, by hash. The filter is a
/// small script; without it the page shows everything and hides the (useless) filter controls.
///
/// Positions: findings carry source offsets. For HTML and DOCX the page shows the extracted text
/// (what a reader sees, not the markup), so each finding is mapped into it through the extractor's
/// offset map.
public struct HTMLReport {
    /// One document of the page, with sections other parts of the tool add (the comparison with a
    /// model contract goes here).
    public struct Document {
        public var result: AuditResult
        public var sections: [HTMLSection]
        /// Shown instead of the text when the result has none (an identical document's result).
        public var note: String?
        public init(result: AuditResult, sections: [HTMLSection] = [], note: String? = nil) {
            self.result = result
            self.sections = sections
            self.note = note
        }
    }

    public var rulesVersion: String
    /// Links shown at the top of the page (e.g. back to the index of a bulk run): (label, href).
    public var links: [(label: String, href: String)]

    public init(rulesVersion: String, links: [(label: String, href: String)] = []) {
        self.rulesVersion = rulesVersion
        self.links = links
    }

    /// The Content-Security-Policy of every report page (also in the page's meta element), for a
    /// server to send as a header.
    public static let contentSecurityPolicy = HTML.contentSecurityPolicy(style: style, script: script)

    /// The name a document goes by: its path, or words for standard input and pasted text ("-").
    static func displayName(_ path: String) -> String {
        path == "-" ? "粘贴的文本" : path
    }

    public func render(_ results: [AuditResult]) -> String {
        render(documents: results.map { Document(result: $0) })
    }

    public func render(documents: [Document]) -> String {
        let title = documents.count == 1 ? "审查报告 · \(Self.displayName(documents[0].result.document.path))" : "审查报告 · \(documents.count) 份文件"
        var body = "<header class=\"top\"><div class=\"wrap\">"
        if !links.isEmpty {
            body += "<nav class=\"links\">" + links.map { "<a href=\"\(HTML.escape($0.href))\">\(HTML.escape($0.label))</a>" }.joined(separator: " · ") + "</nav>"
        }
        body += "<h1>格式条款审查报告</h1>"
        body += "<p class=\"tool\">\(HTML.escape(ToolInfo.name)) \(HTML.escape(ToolInfo.version)) · 规则包 \(HTML.escape(rulesVersion))</p>"
        body += "</div></header>\n"
        body += filters(documents)
        body += "<main class=\"wrap\">\n"
        for (index, document) in documents.enumerated() {
            body += section(document, key: "d\(index + 1)")
        }
        body += "</main>\n"
        body += "<footer class=\"wrap foot\">本报告由程序依据规则自动生成，供审查参考，不构成法律意见。条款是否有效以有权机关认定为准。</footer>\n"
        return HTML.page(title: title, style: Self.style, script: Self.script, body: body)
    }

    // MARK: parts

    private func filters(_ documents: [Document]) -> String {
        let all = documents.flatMap(\.result.findings)
        guard !all.isEmpty else { return "" }
        var out = "<nav id=\"filters\" class=\"filters\" hidden><div class=\"wrap\"><span class=\"label\">筛选</span>"
        for category in Category.allCases {
            let count = all.filter { $0.category == category }.count
            out += "<label class=\"chip\"><input type=\"checkbox\" value=\"\(category.rawValue)\" checked>"
                + "<span class=\"swatch bg-\(category.rawValue)\"></span>\(category.rawValue) \(HTML.shortName(category))"
                + " <span class=\"n\">\(count)</span></label>"
        }
        out += "<span class=\"sep\"></span>"
        for severity in Severity.allCases.reversed() {
            let count = all.filter { $0.severity == severity }.count
            out += "<label class=\"chip\"><input type=\"checkbox\" value=\"\(severity.rawValue)\" checked>"
                + "<span class=\"sev \(severity.rawValue)\">\(HTML.severityName(severity))</span> <span class=\"n\">\(count)</span></label>"
        }
        out += "<span class=\"sep\"></span><button type=\"button\" class=\"jump\" id=\"prev\" title=\"上一处（k）\">‹ 上一处</button>"
            + "<button type=\"button\" class=\"jump\" id=\"next\" title=\"下一处（j）\">下一处 ›</button>"
        out += "<span id=\"shown\" class=\"shown\"></span></div></nav>\n"
        return out
    }

    private func section(_ document: Document, key: String) -> String {
        let result = document.result
        let info = result.document
        var out = "<section class=\"doc\" id=\"\(key)\">\n"
        out += "<h2>\(HTML.escape(Self.displayName(info.path)))</h2>\n<p class=\"meta\">"
        var meta = ["格式 \(info.format.rawValue)"]
        if let encoding = info.encoding { meta.append("编码 \(encoding)") }
        meta.append("\(info.characters) 字符")
        if result.error == nil { meta.append("\(result.findings.count) 处问题") }
        // A comparison with a model contract shows as a section of its own, after the text; the
        // line above the text points to each such section.
        let comparison = document.sections.contains { $0.id == "model" } ? nil : ComparisonHTML.section(result)
        let extras = [FigureSection.html(result)].compactMap { $0 } + document.sections + (comparison.map { [$0] } ?? [])
        out += meta.map(HTML.escape).joined(separator: " · ")
        for extra in extras where result.error == nil {
            out += " · <a href=\"#\(HTML.escape(key + "-" + extra.id))\">\(HTML.escape(extra.title))</a>"
        }
        out += "</p>\n"
        if let error = result.error {
            out += "<div class=\"doc-error\"><b>无法审查（\(HTML.escape(error.code))）</b>：\(HTML.escape(error.message))</div>\n</section>\n"
            return out
        }
        for warning in result.warnings {
            out += "<div class=\"doc-warning\">\(HTML.escape(warning))</div>\n"
        }
        out += summaryTable(result.findings)
        if let prepared = result.prepared {
            out += textWithNotes(result.findings, prepared: prepared, key: key)
        } else {
            if let note = document.note { out += "<p class=\"note-text\">\(HTML.escape(note))</p>\n" }
            out += "<div class=\"notes-only\">"
            for (i, finding) in result.findings.enumerated() { out += note(finding, number: i + 1, key: key) }
            out += "</div>\n"
        }
        for extra in extras {
            out += "<section class=\"extra\" id=\"\(HTML.escape(key + "-" + extra.id))\"><h3>\(HTML.escape(extra.title))</h3>\n\(extra.html)\n</section>\n"
        }
        out += "</section>\n"
        return out
    }

    private func summaryTable(_ findings: [Finding]) -> String {
        guard !findings.isEmpty else { return "<p class=\"clean\">未发现问题条款。</p>\n" }
        var out = "<table class=\"summary\"><thead><tr><th>类别</th><th>说明</th><th>错误</th><th>警告</th><th>提示</th><th>合计</th></tr></thead><tbody>\n"
        for category in Category.allCases {
            let of = findings.filter { $0.category == category }
            let counts = Severity.allCases.reversed().map { s in of.filter { $0.severity == s }.count }
            out += "<tr\(of.isEmpty ? " class=\"zero\"" : "")><td><span class=\"badge badge-\(category.rawValue)\">\(category.rawValue)</span></td>"
                + "<td>\(HTML.escape(category.summary))</td>"
                + counts.map { "<td class=\"num\">\($0)</td>" }.joined() + "<td class=\"num\"><b>\(of.count)</b></td></tr>\n"
        }
        let totals = Severity.allCases.reversed().map { s in findings.filter { $0.severity == s }.count }
        out += "</tbody><tfoot><tr><td colspan=\"2\">合计</td>" + totals.map { "<td class=\"num\">\($0)</td>" }.joined()
            + "<td class=\"num\"><b>\(findings.count)</b></td></tr></tfoot></table>\n"
        return out
    }

    /// The text, paragraph by paragraph, each with the notes of the findings that start in it.
    private func textWithNotes(_ findings: [Finding], prepared: PreparedText, key: String) -> String {
        // The document's own emphasis is shown too: whether a clause was set off is what the
        // prominence check asks, and the reviewer should see it.
        let body = prepared.extracted.bodyFontSizeHalfPoints
        let styles = prepared.extracted.runs.map { run in
            HTMLTextLayout.Style(range: run.range, bold: run.bold, underline: run.underline,
                                 larger: body != nil && (run.fontSizeHalfPoints ?? 0) > body!)
        }.filter { $0.bold || $0.underline || $0.larger }
        let layout = HTMLTextLayout(text: prepared.extracted.units,
                                    ranges: findings.map { prepared.extracted.toSource.targetRange(of: $0.sourceRange) },
                                    styles: styles)
        var out = findings.isEmpty ? "<div class=\"body plain\">\n" : "<div class=\"body\">\n"
        for paragraph in layout.paragraphs {
            let notes = paragraph.notes
            if paragraph.isBlank && notes.isEmpty { continue }
            out += "<div class=\"row\"><p class=\"para\">"
            for segment in paragraph.segments {
                for start in segment.starts {
                    let f = findings[start]
                    out += "<a class=\"ref badge-\(f.category.rawValue)\" id=\"\(key)-f\(start + 1)\" href=\"#\(key)-n\(start + 1)\" data-f=\"\(key)-\(start + 1)\">\(start + 1)</a>"
                }
                var text = HTML.escape(segment.text)
                if let style = segment.style {
                    let classes = [style.bold ? "fb" : nil, style.underline ? "fu" : nil, style.larger ? "fl" : nil].compactMap { $0 }
                    text = "<span class=\"\(classes.joined(separator: " "))\">\(text)</span>"
                }
                if segment.covering.isEmpty {
                    out += text
                } else {
                    let first = findings[segment.covering[0]].category
                    var classes = "hl bg-\(first.rawValue)"
                    if let other = segment.covering.dropFirst().map({ findings[$0].category }).first(where: { $0 != first }) {
                        classes += " ul-\(other.rawValue)"
                    }
                    let keys = segment.covering.map { "\(key)-\($0 + 1)" }.joined(separator: " ")
                    out += "<mark class=\"\(classes)\" data-f=\"\(keys)\">\(text)</mark>"
                }
            }
            out += "</p>"
            if !notes.isEmpty {
                out += "<aside class=\"notes\">" + notes.map { note(findings[$0], number: $0 + 1, key: key) }.joined() + "</aside>"
            }
            out += "</div>\n"
        }
        out += "</div>\n"
        return out
    }

    private func note(_ finding: Finding, number: Int, key: String) -> String {
        let c = finding.category.rawValue
        let s = finding.severity.rawValue
        var out = "<div class=\"note \(c)\" id=\"\(key)-n\(number)\" data-cat=\"\(c)\" data-sev=\"\(s)\" data-f=\"\(key)-\(number)\">"
        out += "<div class=\"head\"><a class=\"num badge-\(c)\" href=\"#\(key)-f\(number)\">\(number)</a>"
        out += "<span class=\"badge badge-\(c)\">\(c)</span><span class=\"sev \(s)\">\(HTML.severityName(finding.severity))</span>"
        out += "<code>\(HTML.escape(finding.rule.id))</code></div>"
        out += "<p class=\"title\">\(HTML.escape(finding.rule.title))</p>"
        out += "<blockquote>\(HTML.escape(finding.text))</blockquote>"
        out += "<p class=\"msg\">\(HTML.escape(finding.message))</p>"
        if !finding.rule.legalBasis.isEmpty {
            out += "<div class=\"basis\"><b>依据</b><ul>" + finding.rule.legalBasis.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul></div>"
        }
        if !finding.rule.suggestion.isEmpty {
            out += "<p class=\"sugg\"><b>建议</b>\(HTML.escape(finding.rule.suggestion))</p>"
        }
        var place = "第 \(finding.span.line) 行第 \(finding.span.column) 列"
        if let clause = finding.clause { place = clause.label + " · " + place }
        out += "<p class=\"loc\">\(HTML.escape(place))</p></div>"
        return out
    }

    // MARK: style and script

    static let style = """
    :root{--ink:#1d2430;--muted:#5b6472;--line:#dde1e7;--paper:#fff;--bg:#f5f6f8}
    *{box-sizing:border-box}[hidden]{display:none!important}
    body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.6 \(HTML.sansFonts)}
    .wrap{max-width:1240px;margin:0 auto;padding:0 20px}
    .top{background:#25324a;color:#fff;padding:14px 0 10px}.top h1{margin:0;font-size:22px;letter-spacing:.05em}
    .top .tool{margin:2px 0 0;color:#c9d3e3;font-size:13px}.top a{color:#c9e0ff}.links{font-size:13px;margin-bottom:4px}
    .filters{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid var(--line);padding:8px 0;box-shadow:0 2px 6px rgba(0,0,0,.05)}
    .filters .wrap{display:flex;flex-wrap:wrap;gap:6px 10px;align-items:center}.filters .label{font-weight:600;color:var(--muted)}
    .chip{display:inline-flex;align-items:center;gap:4px;border:1px solid var(--line);border-radius:14px;padding:2px 9px;font-size:13px;cursor:pointer;user-select:none}
    .chip .n{color:var(--muted)}.swatch{display:inline-block;width:12px;height:12px;border-radius:3px;border:1px solid rgba(0,0,0,.15)}
    .sep{width:1px;height:20px;background:var(--line)}.shown{margin-left:auto;color:var(--muted);font-size:13px}
    .jump{font:inherit;font-size:13px;border:1px solid var(--line);border-radius:14px;background:#f7f8fa;padding:2px 10px;cursor:pointer;color:var(--ink)}
    .jump:hover{background:#e9edf3}mark.hl.cur{outline:2px solid #25324a;outline-offset:1px}.note.cur{box-shadow:0 0 0 2px #25324a}
    .doc{background:var(--paper);border:1px solid var(--line);border-radius:8px;margin:18px 0;padding:18px 22px}
    .doc h2{margin:0;font-size:18px;word-break:break-all}.meta{margin:2px 0 12px;color:var(--muted);font-size:13px}
    table.summary{border-collapse:collapse;margin:6px 0 18px;font-size:14px}
    .summary th,.summary td{border:1px solid var(--line);padding:4px 10px;text-align:left}.summary th{background:#f0f2f5}
    .summary td.num{text-align:right;font-variant-numeric:tabular-nums}.summary tr.zero{color:#9aa1ab}.summary tfoot td{background:#f7f8fa}
    .badge{display:inline-block;border-radius:4px;padding:0 6px;font-size:12px;font-weight:600;line-height:18px}
    .body{border-top:1px solid var(--line);padding-top:10px}
    .row{display:grid;grid-template-columns:minmax(0,1fr) 380px;gap:0 24px;align-items:start}
    .plain .row{grid-template-columns:minmax(0,1fr)}
    .para{margin:0;padding:3px 0;font:16px/1.95 \(HTML.serifFonts);white-space:pre-wrap;overflow-wrap:anywhere}
    .fb{font-weight:700}.fu{text-decoration:underline}.fl{font-size:1.15em}
    mark.hl{color:inherit;border-radius:2px;padding:1px 0}mark.hl.off{background:none;box-shadow:none}
    a.ref{display:inline-block;min-width:17px;height:17px;margin:0 2px;border-radius:9px;font:600 11px/17px \(HTML.sansFonts);text-align:center;text-decoration:none;vertical-align:super}
    .notes{padding:4px 0 10px}
    .note{border:1px solid var(--line);border-left:4px solid #999;border-radius:6px;background:#fcfcfd;padding:8px 11px;margin:0 0 10px;font-size:13.5px;line-height:1.6}
    .note .head{display:flex;gap:6px;align-items:center;flex-wrap:wrap}.note code{color:var(--muted);font-size:12px}
    .note a.num{display:inline-block;min-width:20px;height:20px;border-radius:10px;text-align:center;font-weight:700;font-size:12px;line-height:20px;text-decoration:none}
    .note .title{margin:5px 0 3px;font-weight:700;font-size:14.5px}
    .note blockquote{margin:4px 0;padding:3px 8px;background:#f3f4f6;border-radius:4px;font-family:\(HTML.serifFonts);white-space:pre-wrap;overflow-wrap:anywhere}
    .note p{margin:4px 0}.note b{display:inline-block;margin-right:6px;color:var(--muted);font-weight:600}
    .basis{margin:4px 0}.basis ul{margin:1px 0 0;padding-left:16px;font-size:12.5px;color:#3b4350}.basis li{margin:0}
    .sugg{background:#eef7ee;border-radius:4px;padding:3px 8px}.loc{color:var(--muted);font-size:12px}
    .sev{display:inline-block;border-radius:4px;padding:0 5px;font-size:12px;line-height:18px;border:1px solid}
    .sev.error{color:#b3261e;border-color:#e6a09b}.sev.warning{color:#8a5a00;border-color:#e5c07b}.sev.info{color:#245fa8;border-color:#9fc0e8}
    .doc-error{background:#fdecea;border:1px solid #f5c2bd;border-radius:6px;padding:10px 12px}
    .doc-warning{background:#fff8e1;border:1px solid #f3dd98;border-radius:6px;padding:6px 12px;margin-bottom:8px}
    .clean{color:#2e7d32;font-weight:600}.extra{border-top:1px solid var(--line);margin-top:14px}
    .extra h2{font-size:15px;margin:14px 0 4px}.extra ul{padding-left:18px;margin:4px 0}.extra li{margin:5px 0;font-size:14px}
    .extra table{border-collapse:collapse;font-size:13.5px;margin:6px 0}.extra th,.extra td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
    .extra th{background:#f0f2f5}.cmp-model{font-weight:600;margin:6px 0 2px}.cmp-stats{color:var(--muted);font-size:13px;margin:0 0 6px}.cmp-note{color:#8a5a00;margin:4px 0}
    .kind{display:inline-block;font-size:12px;line-height:18px;padding:0 6px;border-radius:4px;margin-left:6px;color:#fff}
    .kind.weaker,.kind.missing{background:#c0392b}.kind.stronger{background:#2e7d32}.kind.different{background:#868e96}.kind.added{background:#1f5fbf}
    .checks td.at{white-space:nowrap}.st{white-space:nowrap;font-weight:600}.st.kept,.st.stronger{color:#2e7d32}.st.weakened,.st.missing{color:#b3261e}.st.changed{color:#8a5a00}
    .foot{color:var(--muted);font-size:12px;padding-bottom:30px}
    \(HTML.categoryCSS)
    @media (max-width:900px){.row{grid-template-columns:1fr}}
    @media print{.filters{display:none}.doc{border:0}.row{break-inside:avoid}body{background:#fff}}
    """

    static let script = """
    (function(){
    var bar=document.getElementById("filters");if(!bar)return;bar.hidden=false;
    var boxes=bar.querySelectorAll("input[type=checkbox]"),shown=document.getElementById("shown");
    function apply(){
    var on={},vis={},n=0,total=0;
    boxes.forEach(function(b){on[b.value]=b.checked;});
    document.querySelectorAll(".note").forEach(function(e){var v=!!(on[e.dataset.cat]&&on[e.dataset.sev]);e.hidden=!v;vis[e.dataset.f]=v;total++;if(v)n++;});
    document.querySelectorAll(".notes").forEach(function(e){e.hidden=!e.querySelector(".note:not([hidden])");});
    document.querySelectorAll("mark.hl").forEach(function(m){m.classList.toggle("off",!m.dataset.f.split(" ").some(function(k){return vis[k];}));});
    document.querySelectorAll("a.ref").forEach(function(a){a.hidden=!vis[a.dataset.f];});
    if(shown)shown.textContent="显示 "+n+" / "+total+" 处";
    }
    boxes.forEach(function(b){b.addEventListener("change",apply);});apply();
    var at=null;
    function jump(step){
    var refs=[].slice.call(document.querySelectorAll("a.ref")).filter(function(a){return !a.hidden;});
    if(!refs.length)return;
    var i=refs.indexOf(at);i=i<0?(step>0?0:refs.length-1):(i+step+refs.length)%refs.length;at=refs[i];
    document.querySelectorAll(".cur").forEach(function(e){e.classList.remove("cur");});
    document.querySelectorAll("[data-f]").forEach(function(e){if(e.dataset.f.split(" ").indexOf(at.dataset.f)>=0&&!e.classList.contains("ref"))e.classList.add("cur");});
    at.scrollIntoView({block:"center"});at.focus({preventScroll:true});
    if(shown)shown.textContent="第 "+(i+1)+" / "+refs.length+" 处";
    }
    document.getElementById("prev").addEventListener("click",function(){jump(-1);});
    document.getElementById("next").addEventListener("click",function(){jump(1);});
    document.addEventListener("keydown",function(e){
    if(e.ctrlKey||e.metaKey||e.altKey||/INPUT|TEXTAREA|SELECT/.test(e.target.tagName))return;
    if(e.key==="j"||e.key==="n")jump(1);else if(e.key==="k"||e.key==="p")jump(-1);
    });
    })();
    """
}

/// The text cut into paragraphs (at line breaks) and each paragraph into segments on which the same
/// findings lie, in the text's own offsets. Kept apart from the markup so it can be tested alone.
struct HTMLTextLayout {
    /// Emphasis the document gives a stretch of its text.
    struct Style: Equatable {
        var range: Range<Int> = 0 ..< 0
        var bold = false, underline = false, larger = false
    }

    struct Segment: Equatable {
        var text: String
        /// Findings (indices) covering the segment.
        var covering: [Int]
        /// Findings that start at the segment's start.
        var starts: [Int]
        /// The document's emphasis on the segment, if any (range left empty).
        var style: Style? = nil
    }

    struct Paragraph {
        var segments: [Segment]
        /// Findings whose notes stand beside this paragraph (those that start in it).
        var notes: [Int]
        var isBlank: Bool
    }

    var paragraphs: [Paragraph] = []

    init(text units: [UInt16], ranges: [Range<Int>], styles: [Style] = []) {
        let count = units.count
        let ranges = ranges.map { min($0.lowerBound, count) ..< min($0.upperBound, count) }
        var bounds: [Range<Int>] = []
        var start = 0
        for (i, u) in units.enumerated() where u == 0x0A {
            bounds.append(start ..< i)
            start = i + 1
        }
        bounds.append(start ..< count)
        // The first paragraph for which `test` holds (it holds for all after it), else bounds.count.
        func first(_ test: (Range<Int>) -> Bool) -> Int {
            var low = 0, high = bounds.count
            while low < high {
                let mid = (low + high) / 2
                if test(bounds[mid]) { high = mid } else { low = mid + 1 }
            }
            return low
        }
        // Each finding and style goes to the paragraphs it touches, found by binary search, so the
        // work grows with the text and the findings, not with their product (a dense document).
        // Each finding's note goes beside the paragraph its text starts in.
        var noteParagraph = [Int](repeating: bounds.count - 1, count: ranges.count)
        var notesOf = [[Int]](repeating: [], count: bounds.count)
        var touching = [[Int]](repeating: [], count: bounds.count)
        for (i, r) in ranges.enumerated() {
            let from = first { r.lowerBound <= $0.upperBound }
            noteParagraph[i] = min(from, bounds.count - 1)
            notesOf[noteParagraph[i]].append(i)
            let to = first { $0.lowerBound > r.upperBound } - 1
            if from <= to { for p in from ... to { touching[p].append(i) } }
        }
        var stylesOf = [[Style]](repeating: [], count: bounds.count)
        for style in styles {
            let from = first { style.range.lowerBound < $0.upperBound }
            let to = first { $0.lowerBound >= style.range.upperBound } - 1
            if from <= to { for p in from ... to { stylesOf[p].append(style) } }
        }
        for (p, bound) in bounds.enumerated() {
            var cuts: Set<Int> = [bound.lowerBound, bound.upperBound]
            var starting: [Int: [Int]] = [:]
            for i in touching[p] {
                let r = ranges[i]
                if r.lowerBound > bound.lowerBound { cuts.insert(r.lowerBound) }
                if r.upperBound < bound.upperBound { cuts.insert(r.upperBound) }
            }
            for i in notesOf[p] { starting[max(ranges[i].lowerBound, bound.lowerBound), default: []].append(i) }
            let styled = stylesOf[p]
            for style in styled {
                if style.range.lowerBound > bound.lowerBound && style.range.lowerBound < bound.upperBound { cuts.insert(style.range.lowerBound) }
                if style.range.upperBound > bound.lowerBound && style.range.upperBound < bound.upperBound { cuts.insert(style.range.upperBound) }
            }
            let points = cuts.sorted()
            var segments: [Segment] = []
            // A sweep over the segments: what covers [a, b) started at or before a and ends at or
            // after b; once it ends before a segment's end it covers nothing further on. So a long
            // paragraph with many findings or styled runs costs no more than their number.
            let findingsByStart = touching[p].filter { !ranges[$0].isEmpty }.sorted { (ranges[$0].lowerBound, $0) < (ranges[$1].lowerBound, $1) }
            let stylesByStart = styled.filter { !$0.range.isEmpty }.sorted { $0.range.lowerBound < $1.range.lowerBound }
            var nextFinding = 0, nextStyle = 0
            var activeFindings: [Int] = [], activeStyles: [Style] = []
            for (a, b) in zip(points, points.dropFirst()) {
                while nextFinding < findingsByStart.count && ranges[findingsByStart[nextFinding]].lowerBound <= a {
                    activeFindings.append(findingsByStart[nextFinding])
                    nextFinding += 1
                }
                while nextStyle < stylesByStart.count && stylesByStart[nextStyle].range.lowerBound <= a {
                    activeStyles.append(stylesByStart[nextStyle])
                    nextStyle += 1
                }
                activeFindings.removeAll { ranges[$0].upperBound < b }
                activeStyles.removeAll { $0.range.upperBound < b }
                let covering = activeFindings.sorted()
                var style: Style? = nil
                for s in activeStyles {
                    var merged = style ?? Style()
                    merged.bold = merged.bold || s.bold
                    merged.underline = merged.underline || s.underline
                    merged.larger = merged.larger || s.larger
                    style = merged
                }
                segments.append(Segment(text: String(decoding: units[a ..< b], as: UTF16.self), covering: covering,
                                        starts: starting.removeValue(forKey: a) ?? [], style: style))
            }
            // Findings that start at the paragraph's end (empty ranges) keep their marker.
            let rest = starting.values.flatMap { $0 }.sorted()
            if !rest.isEmpty { segments.append(Segment(text: "", covering: [], starts: rest)) }
            let blank = units[bound].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x3000 }
            paragraphs.append(Paragraph(segments: segments, notes: notesOf[p], isBlank: blank))
        }
    }
}
