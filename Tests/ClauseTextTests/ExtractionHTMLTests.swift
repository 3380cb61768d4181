import Foundation
import Testing
@testable import ClauseText

/// Extracts `html` and returns the text as a String, with the result for map checks.
private func extract(_ html: String) -> (text: String, result: ExtractedText, source: [UInt16]) {
    let source = Array(html.utf16)
    let result = HTMLExtractor.extract(source)
    #expect(result.toSource.sourceLength == source.count)
    #expect(result.toSource.targetLength == result.units.count)
    return (result.string, result, source)
}

/// The source text that the extracted range `range` maps back to.
private func sourceSlice(_ r: (text: String, result: ExtractedText, source: [UInt16]), _ range: Range<Int>) -> String {
    String(decoding: r.source[r.result.toSource.sourceRange(of: range)], as: UTF16.self)
}

@Suite struct ExtractionHTMLTests {
    @Test func paragraphsAndEntitiesMapExactly() {
        let r = extract("<p>甲方&amp;乙方</p><p>第二段</p>")
        #expect(r.text == "甲方&乙方\n第二段")
        #expect(r.result.toSource.sourceRange(of: 0 ..< 2) == 3 ..< 5)
        #expect(sourceSlice(r, 2 ..< 3) == "&amp;")
        #expect(sourceSlice(r, 5 ..< 6) == "</p>")          // the line break is the end tag
        #expect(sourceSlice(r, 6 ..< 9) == "第二段")
        #expect(sourceSlice(r, 0 ..< 9) == "甲方&amp;乙方</p><p>第二段")
    }

    @Test func invisibleContentIsDropped() {
        let html = """
        <!DOCTYPE html><?xml version="1.0"?><html><head><title>标题</title>
        <style>p { color: red }</style><script>var a = "<p>不要</p>";</script></head>
        <body><!-- 注释 <p>也不要</p> --><noscript>无脚本</noscript><template><p>模板</p></template>
        <p>正文</p><div style="display: none">隐藏</div><span hidden>也隐藏</span><p>结束</p></body></html>
        """
        let r = extract(html)
        #expect(r.text == "正文\n结束")
        #expect(sourceSlice(r, 0 ..< 2) == "正文")
    }

    @Test func whiteSpaceCollapsesExceptInPre() {
        let r = extract("<p>  a \n\t b  <b> c </b> </p>\n<pre>  x\n  y </pre>")
        #expect(r.text == "a b c\n  x\n  y ")
        // The space between a and b stands for the whole run " \n\t ".
        #expect(sourceSlice(r, 1 ..< 2) == " \n\t ")
        #expect(sourceSlice(r, 3 ..< 4) == "  ")
    }

    @Test func trailingSpaceBeforeALineBreakIsTakenBack() {
        let r = extract("<div>甲 <span> </span></div><div>乙</div>")
        #expect(r.text == "甲\n乙")
        #expect(sourceSlice(r, 1 ..< 2) == "</div>")
        #expect(sourceSlice(r, 0 ..< 1) == "甲")
    }

    @Test func entities() {
        let r = extract("&lt;&gt;&quot;&apos;&nbsp;&ldquo;x&rdquo;&mdash;&hellip;&middot;&times;&copy;&bull;&#20013;&#x6587;&#x20000;")
        #expect(r.text == "<>\"'\u{A0}“x”—…·×©•中文\u{20000}")
        #expect(r.result.units.count == 18)
        #expect(sourceSlice(r, 16 ..< 17) == "&#x20000;")  // half a surrogate pair widens to the entity
        let bad = extract("&foo; &amp &#xZZ; &#; a&b &#0; &#150; &AMP;")
        #expect(bad.text == "&foo; &amp &#xZZ; &#; a&b \u{FFFD} – &AMP;")
    }

    @Test func lineBreaksCollapseToOneBlankLine() {
        let r = extract("a<br>b<br><br><br><br>c<p></p><p></p><div><div>d</div></div>")
        #expect(r.text == "a\nb\n\nc\nd")
        #expect(sourceSlice(r, 1 ..< 2) == "<br>")
    }

    @Test func tablesGiveCellsOnALine() {
        let r = extract("<table><tr><th>项目</th><td>金额</td></tr><tr><td>押金</td><td>100元</td></tr></table>")
        #expect(r.text == "项目\t金额\n押金\t100元")
        #expect(r.result.runs == [FormattedRun(range: 0 ..< 2, bold: true)])
    }

    @Test func formattingRuns() {
        let html = """
        <h2>第一条 定义</h2><p>普通<b>加粗</b><u>下划线</u><span style="FONT-WEIGHT: 700; font-size:16px">样式</span>\
        <strong style="font-weight:normal">不粗</strong><span style="text-decoration:underline">线</span>\
        <span style="font-size:10.5pt">小</span></p>
        """
        let r = extract(html)
        #expect(r.text == "第一条 定义\n普通加粗下划线样式不粗线小")
        #expect(r.result.runs == [
            FormattedRun(range: 0 ..< 6, bold: true),
            FormattedRun(range: 9 ..< 11, bold: true),
            FormattedRun(range: 11 ..< 14, underline: true),
            FormattedRun(range: 14 ..< 16, bold: true, fontSizeHalfPoints: 24),
            FormattedRun(range: 18 ..< 19, underline: true),
            FormattedRun(range: 19 ..< 20, fontSizeHalfPoints: 21),
        ])
        #expect(r.result.runs[0].emphasized)
        #expect(!r.result.runs[5].emphasized)
        #expect(r.result.runs[5].isEmphasized(bodyFontSizeHalfPoints: 20))
    }

    @Test func brokenMarkup() {
        // Stray '<', a '>' inside a quoted attribute, upper-case tags, an unclosed tag at the end.
        // "<b</P>" is one tag named "b<" with an attribute "p", as browsers read it.
        let r = extract("<P CLASS=\"a>b\" title='x>y'>1 < 2 <3 a<b</P><SCRIPT>x<y</SCRIPT><DIV>甲</div><p>乙<span")
        #expect(r.text == "1 < 2 <3 a\n甲\n乙")
        #expect(sourceSlice(r, 2 ..< 3) == "<")
        // An unclosed comment swallows the rest; "</>" and "</ x>" vanish.
        #expect(extract("a</>b</ x>c<!-- d").text == "abc")
        // Text in <head> ends the head.
        #expect(extract("<head><title>t</title>正文<p>二</p>").text == "正文\n二")
        // A start tag that never closes swallows the rest, as in a browser.
        #expect(extract("甲<div class=\"x").text == "甲")
        #expect(extract("").text == "")
        #expect(extract("\u{FEFF}<p>x</p>").text == "x")
    }

    @Test func unclosedElementsAreClosedByTheirSuccessors() {
        let r = extract("<ul><li>一<li>二</ul><p>甲<p>乙<dl><dt>术语<dd>解释</dl><b>粗<p>还粗</b>不粗")
        // </b> does not end the <p> opened inside it (browsers agree), so 不粗 stays on its line.
        #expect(r.text == "一\n二\n甲\n乙\n术语\n解释\n粗\n还粗不粗")
        #expect(r.result.runs.map(\.range) == [14 ..< 15, 16 ..< 18])
    }

    @Test func deepNestingNeedsNoRecursion() {
        let depth = 100_000
        let html = String(repeating: "<div><b>", count: depth) + "深" + String(repeating: "</b></div>", count: depth)
        let r = extract(html)
        #expect(r.text == "深")
        #expect(r.result.runs == [FormattedRun(range: 0 ..< 1, bold: true)])
        #expect(sourceSlice(r, 0 ..< 1) == "深")
    }

    @Test func tenMegabytesOfTags() {
        // 10 MB of markup around a little text: linear time, and the text still lands where it was.
        let chunk = Array("<span class=\"c\"><i>字</i></span><div style=\"a>b\"></div></p></x>".utf16)
        let count = 10_000_000 / chunk.count + 1
        var source: [UInt16] = []
        source.reserveCapacity(count * chunk.count)
        for _ in 0 ..< count { source += chunk }
        let start = ContinuousClock.now
        let result = HTMLExtractor.extract(source)
        let elapsed = ContinuousClock.now - start
        #expect(result.units.count == 2 * count - 1)  // 字\n字\n...字
        #expect(result.units.filter { $0 == 0x5B57 }.count == count)
        #expect(result.toSource.sourceLength == source.count)
        #expect(result.toSource.sourceRange(of: 2 ..< 3) == chunk.count + 19 ..< chunk.count + 20)
        #expect(elapsed < .seconds(30))
    }

    @Test func unclosedTagsDoNotGrowTheStackWithoutBound() {
        let html = String(repeating: "<span><b>", count: 50_000) + "x" + String(repeating: "</nope>", count: 50_000)
        let r = extract(html)
        #expect(r.text == "x")
    }
}
