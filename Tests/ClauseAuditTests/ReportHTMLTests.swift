import ClauseAudit
@testable import ClauseReport
import ClauseRules
import ClauseText
import Foundation
import Testing

/// The HTML report: escaping, the policy, highlights in the shown text, notes, no external resources.
struct ReportHTMLTests {
    func page(_ text: String, path: String = "contract.txt") -> String {
        let result = bulkAuditor.audit(Array(text.utf8), path: path, scratch: MatchScratch())
        return HTMLReport(rulesVersion: "t1").render([result])
    }

    /// The contents of every `<tag>…</tag>` in the page.
    func contents(of tag: String, in page: String) -> [String] {
        page.components(separatedBy: "<\(tag)>").dropFirst().map { $0.components(separatedBy: "</\(tag)>")[0] }
    }

    @Test func everyCharacterOfTheContractIsEscaped() {
        let html = page("第五条 <script>alert(\"x\")</script> & <img src=x onerror=alert(1)> 'q'\n本店保留最终解释权。")
        #expect(html.contains("第五条 &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt; &#39;q&#39;"))
        // Our own script is the only one.
        #expect(html.components(separatedBy: "<script").count == 2)
        #expect(!html.contains("<img"))
    }

    @Test func thePolicyAllowsExactlyTheInlineStyleAndScriptByHash() throws {
        let html = page("本店保留最终解释权。")
        let style = try #require(contents(of: "style", in: html).first)
        let script = try #require(contents(of: "script", in: html).first)
        let expected = "default-src 'none'; style-src \(HTML.cspHash(style)); img-src data:; base-uri 'none'; form-action 'none'; script-src \(HTML.cspHash(script))"
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"\(expected)\">"))
        // Nothing is loaded from anywhere, and no inline handlers or style attributes (the policy would block them).
        for banned in ["http:", "https:", "src=", "@import", "url(", " style=", "onclick", "onchange"] {
            #expect(!html.contains(banned), "\(banned)")
        }
    }

    @Test func cspHashIsBase64OfSHA256() {
        #expect(HTML.cspHash("") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='")
        #expect(HTML.cspHash("abc") == "'sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='")
    }

    @Test func findingsAreHighlightedWithNotesBeside() {
        let html = page("第一条 丢失概不负责。\n第二条 本店保留最终解释权。")
        #expect(html.contains("<div class=\"row\"><p class=\"para\">第一条 丢失<a class=\"ref badge-C1\" id=\"d1-f1\" href=\"#d1-n1\" data-f=\"d1-1\">1</a><mark class=\"hl bg-C1\" data-f=\"d1-1\">概不负责</mark>。</p><aside class=\"notes\"><div class=\"note C1\" id=\"d1-n1\" data-cat=\"C1\" data-sev=\"error\" data-f=\"d1-1\">"))
        #expect(html.contains("<mark class=\"hl bg-C5\" data-f=\"d1-2\">最终解释权</mark>"))
        #expect(html.contains("<p class=\"title\">概不负责</p><blockquote>概不负责</blockquote><p class=\"msg\">经营者免除自身责任。</p><div class=\"basis\"><b>依据</b><ul><li>网络交易监督管理办法（2021）第二十一条第（一）项</li></ul></div><p class=\"sugg\"><b>建议</b>依法承担责任。</p><p class=\"loc\">第一条 · 第 1 行第 7 列</p></div>"))
        // The filter is there for the script to show; without the script it stays hidden.
        #expect(html.contains("<nav id=\"filters\" class=\"filters\" hidden>"))
        #expect(html.contains("<input type=\"checkbox\" value=\"C5\" checked>"))
        #expect(html.contains("<input type=\"checkbox\" value=\"warning\" checked>"))
        // Summary table row for C1.
        #expect(html.contains("<tr><td><span class=\"badge badge-C1\">C1</span></td><td>免除或者部分免除经营者责任</td><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\"><b>1</b></td></tr>"))
    }

    @Test func htmlInputsShowTheExtractedTextWithFindingsMappedIntoIt() throws {
        // Source "<p>本店<b>保留最终解释权</b>。</p>", extracted "本店保留最终解释权。".
        var map = OffsetMap()
        map.replace(3, with: 0); map.copy(2); map.replace(3, with: 0); map.copy(7); map.replace(4, with: 0); map.copy(1); map.replace(4, with: 0)
        let source = SourceText("<p>本店<b>保留最终解释权</b>。</p>")
        let prepared = PreparedText(source: source, extracted: ExtractedText(units: Array("本店保留最终解释权。".utf16), toSource: map))
        let findings = try bulkEngine.findings(in: prepared, scratch: MatchScratch())
        #expect(findings.map(\.text) == ["最终解释权"])
        #expect(findings.map(\.sourceRange) == [10 ..< 15])
        let result = AuditResult(document: DocumentInfo(path: "a.html", format: .html, encoding: "UTF-8", characters: source.scalarCount),
                                 findings: findings, prepared: prepared)
        let html = HTMLReport(rulesVersion: "t1").render([result])
        #expect(html.contains("<p class=\"para\">本店保留<a class=\"ref badge-C5\" id=\"d1-f1\" href=\"#d1-n1\" data-f=\"d1-1\">1</a><mark class=\"hl bg-C5\" data-f=\"d1-1\">最终解释权</mark>。</p>"))
        #expect(!html.contains("&lt;b&gt;"))
    }

    @Test func aDocumentThatCouldNotBeAuditedSaysWhy() {
        let result = AuditResult(document: DocumentInfo(path: "x<1>.docx", format: .docx),
                                 error: AuditError(code: "broken-docx", message: "DOCX 文件已损坏"))
        let html = HTMLReport(rulesVersion: "t1").render([result])
        #expect(html.contains("<h2>x&lt;1&gt;.docx</h2>"))
        #expect(html.contains("<div class=\"doc-error\"><b>无法审查（broken-docx）</b>：DOCX 文件已损坏</div>"))
        #expect(!html.contains("id=\"filters\""))
    }

    @Test func extraSectionsHaveAPlace() {
        let result = bulkAuditor.audit(Array("合同".utf8), path: "c.txt", scratch: MatchScratch())
        let section = HTMLSection(id: "model", title: "与示范文本对照", html: "<p>相似度 0.9</p>")
        let html = HTMLReport(rulesVersion: "t1").render(documents: [.init(result: result, sections: [section])])
        #expect(html.contains("<section class=\"extra\" id=\"d1-model\"><h3>与示范文本对照</h3>\n<p>相似度 0.9</p>\n</section>"))
    }

    @Test func pagesDeclareAChineseFontStack() {
        #expect(page("合同").contains("\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"PingFang SC\""))
        #expect(page("合同").contains("<html lang=\"zh-CN\">"))
    }

    @Test func escapeReplacesControlCharacters() {
        #expect(HTML.escape("a\u{0}b\u{7}c\r\nd\u{85}") == "a\u{FFFD}b\u{FFFD}c\nd\u{FFFD}")
    }
}

/// The text layout under the markup: paragraphs, segments, which notes go where.
struct ReportHTMLLayoutTests {
    @Test func overlappingFindingsSplitTheTextIntoSegments() {
        // "ab\ncdefg": findings on "cde" (0) and "efg" (1), and one crossing the line break "b\nc" (2).
        let layout = HTMLTextLayout(text: Array("ab\ncdefg".utf16), ranges: [3 ..< 6, 5 ..< 8, 1 ..< 4])
        let shown = layout.paragraphs.map { $0.segments.map { "\($0.text)|\($0.covering)|\($0.starts)" } }
        #expect(layout.paragraphs.map(\.notes) == [[2], [0, 1]])
        #expect(shown == [
            ["a|[]|[]", "b|[2]|[2]"],
            ["c|[0, 2]|[0]", "d|[0]|[]", "e|[0, 1]|[1]", "fg|[1]|[]"],
        ])
    }

    @Test func theDocumentsOwnEmphasisIsShown() {
        // "abcdef": bold over "bcd", underline over "de", a finding over "cdef".
        let layout = HTMLTextLayout(text: Array("abcdef".utf16), ranges: [2 ..< 6],
                                    styles: [.init(range: 1 ..< 4, bold: true), .init(range: 3 ..< 5, underline: true)])
        let shown = layout.paragraphs[0].segments.map { seg in
            "\(seg.text)|\(seg.covering)|" + (seg.style.map { ($0.bold ? "b" : "") + ($0.underline ? "u" : "") } ?? "-")
        }
        #expect(shown == ["a|[]|-", "b|[]|b", "c|[0]|b", "d|[0]|bu", "e|[0]|u", "f|[0]|-"])
    }

    @Test func boldInAnHTMLInputIsBoldInTheReport() {
        let html = "<p>第一条 <b>丢失概不负责</b>。</p>"
        let result = bulkAuditor.audit(Array(html.utf8), path: "a.html", scratch: MatchScratch())
        let page = HTMLReport(rulesVersion: "t1").render([result])
        #expect(page.contains("<p class=\"para\">第一条 <span class=\"fb\">丢失</span><a class=\"ref badge-C1\" id=\"d1-f1\" href=\"#d1-n1\" data-f=\"d1-1\">1</a><mark class=\"hl bg-C1\" data-f=\"d1-1\"><span class=\"fb\">概不负责</span></mark>。</p>"))
    }
}
