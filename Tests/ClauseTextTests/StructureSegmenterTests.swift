import Foundation
import Testing
@testable import ClauseText

private func u(_ s: String) -> [UInt16] { Array(s.utf16) }

/// The text of each range.
private func texts(_ ranges: [Range<Int>], _ units: [UInt16]) -> [String] {
    ranges.map { String(decoding: units[$0], as: UTF16.self) }
}

/// Clauses as (label text, clause text, level), for exact comparison.
private func outline(_ text: String) -> [String] {
    let units = u(text)
    return Segmenter.clauses(in: units).map { clause in
        "\(clause.level) \(String(decoding: units[clause.label], as: UTF16.self)) | \(String(decoding: units[clause.range], as: UTF16.self))"
    }
}

@Suite struct StructureSentenceTests {
    @Test func breaksAfterFullStopsAndMarksButNotSemicolons() {
        // Normalized text: ！？，；（） are ASCII, 。 stays.
        let units = u("甲方应当付款。乙方应当交货!是否同意?好的;继续,然后。")
        #expect(texts(Segmenter.sentences(in: units), units) == ["甲方应当付款。", "乙方应当交货!", "是否同意?", "好的;继续,然后。"])
        #expect(Segmenter.sentences(in: units) == [0 ..< 7, 7 ..< 14, 14 ..< 19, 19 ..< 28])
    }

    @Test func lineEndsBreakAndWhiteSpaceIsTrimmed() {
        let units = u("  第一条 定义\n本合同所称“旅行社”(以下简称甲方)。 \n\n第二条\r\n")
        #expect(Segmenter.sentences(in: units) == [2 ..< 8, 9 ..< 28, 31 ..< 34])
        #expect(texts(Segmenter.sentences(in: units), units) == ["第一条 定义", "本合同所称“旅行社”(以下简称甲方)。", "第二条"])
    }

    @Test func closingQuotesStayWithTheirSentence() {
        let units = u("他说:\"不退款。\"我们不同意。")
        #expect(texts(Segmenter.sentences(in: units), units) == ["他说:\"不退款。\"", "我们不同意。"])
    }

    @Test func decimalsAndEmptyText() {
        let units = u("押金为1.5元。共计3.14万元。")
        #expect(texts(Segmenter.sentences(in: units), units) == ["押金为1.5元。", "共计3.14万元。"])
        #expect(Segmenter.sentences(in: []) == [])
        #expect(Segmenter.sentences(in: u(" \n\t")) == [])
        let astral = u("𠀀字。好")
        #expect(Segmenter.sentences(in: astral) == [0 ..< 4, 4 ..< 5])
    }
}

@Suite struct StructureClauseTests {
    @Test func chaptersAndArticles() {
        let text = "第一章 总则\n第一条 为了明确权利。\n第二条 本合同适用于旅游。\n\n第二章 权利义务\n第三条 甲方应当履行。\n"
        #expect(outline(text) == [
            "1 第一章 | 第一章 总则\n第一条 为了明确权利。\n第二条 本合同适用于旅游。",
            "2 第一条 | 第一条 为了明确权利。",
            "2 第二条 | 第二条 本合同适用于旅游。",
            "1 第二章 | 第二章 权利义务\n第三条 甲方应当履行。",
            "2 第三条 | 第三条 甲方应当履行。",
        ])
        let clauses = Segmenter.clauses(in: u(text))
        #expect(clauses[0] == Clause(label: 0 ..< 3, range: 0 ..< 32, level: 1))
        #expect(clauses[1] == Clause(label: 7 ..< 10, range: 7 ..< 18, level: 2))
        #expect(clauses[4] == Clause(label: 43 ..< 46, range: 43 ..< 54, level: 2))
    }

    @Test func listStylesNestInOrderOfAppearance() {
        let text = "一、总则\n（一）定义\n1.本协议\n(1)用户\n(2)平台\n2.其他\n（二）范围\n二、附则"
        #expect(outline(text) == [
            "1 一 | 一、总则\n（一）定义\n1.本协议\n(1)用户\n(2)平台\n2.其他\n（二）范围",
            "2 （一） | （一）定义\n1.本协议\n(1)用户\n(2)平台\n2.其他",
            "3 1 | 1.本协议\n(1)用户\n(2)平台",
            "4 (1) | (1)用户",
            "4 (2) | (2)平台",
            "3 2 | 2.其他",
            "2 （二） | （二）范围",
            "1 二 | 二、附则",
        ])
    }

    @Test func dottedNumbersNestByDepth() {
        let text = "1. 总则\n1.1 定义\n1.1.1 用户\n1.2 范围\n2. 服务\n2.1 内容"
        #expect(outline(text) == [
            "1 1 | 1. 总则\n1.1 定义\n1.1.1 用户\n1.2 范围",
            "2 1.1 | 1.1 定义\n1.1.1 用户",
            "3 1.1.1 | 1.1.1 用户",
            "2 1.2 | 1.2 范围",
            "1 2 | 2. 服务\n2.1 内容",
            "2 2.1 | 2.1 内容",
        ])
        // Met deepest first: 1.1 under an article, then 1.1.1, then a 2. still ranks above 1.1.
        #expect(outline("第一条 甲\n1.1 乙\n1.1.1 丙\n2. 丁\n2.1 戊") == [
            "1 第一条 | 第一条 甲\n1.1 乙\n1.1.1 丙\n2. 丁\n2.1 戊",
            "2 1.1 | 1.1 乙\n1.1.1 丙",
            "3 1.1.1 | 1.1.1 丙",
            "2 2 | 2. 丁\n2.1 戊",
            "3 2.1 | 2.1 戊",
        ])
    }

    /// A model contract: 使用说明 numbered 一、（一）, then articles whose items use （一） and 1.
    @Test func instructionsBeforeTheArticlesDoNotCaptureThem() {
        let text = "使用说明\n一、本合同为示范文本。\n二、名词解释\n（一）委托:指处理事务。\n委托合同\n第一条 委托事项\n（一）甲方委托乙方。\n1.具体事项\n第二条 报酬"
        #expect(outline(text) == [
            "1 一 | 一、本合同为示范文本。",
            "1 二 | 二、名词解释\n（一）委托:指处理事务。\n委托合同",
            "2 （一） | （一）委托:指处理事务。\n委托合同",
            "1 第一条 | 第一条 委托事项\n（一）甲方委托乙方。\n1.具体事项",
            "2 （一） | （一）甲方委托乙方。\n1.具体事项",
            "3 1 | 1.具体事项",
            "1 第二条 | 第二条 报酬",
        ])
        // Here 1. was first met inside 一、, yet inside the articles (一) holds 1.
        #expect(outline("一、说明\n1.甲\n第一条 事项\n(一)乙\n1.丙\n第二条 丁") == [
            "1 一 | 一、说明\n1.甲",
            "2 1 | 1.甲",
            "1 第一条 | 第一条 事项\n(一)乙\n1.丙",
            "2 (一) | (一)乙\n1.丙",
            "3 1 | 1.丙",
            "1 第二条 | 第二条 丁",
        ])
    }

    @Test func markdownAndIndentedHeadings() {
        let text = "# 服务协议\n## 第一条 定义\n　　**一、** 用户\n- 1. 注册\n> (二) 引用\n\t第二条 其他"
        let units = u(text)
        let clauses = Segmenter.clauses(in: units)
        // (二) is a style not seen before, so it nests under the 1. it follows.
        #expect(outline(text) == [
            "1 第一条 | 第一条 定义\n　　**一、** 用户\n- 1. 注册\n> (二) 引用",
            "2 一 | 一、** 用户\n- 1. 注册\n> (二) 引用",
            "3 1 | 1. 注册\n> (二) 引用",
            "4 (二) | (二) 引用",
            "1 第二条 | 第二条 其他",
        ])
        #expect(clauses.map(\.label) == [10 ..< 13, 21 ..< 22, 31 ..< 32, 39 ..< 42, 47 ..< 50])
    }

    @Test func numbersThatAreNotHeadings() {
        let text = "1.5元的费用\n2023.10.1 生效\n12月\n第三条规定的事项\n一百元\n3.5%\n(a)项\n第一条、第二条\n10.5万元\n1\n"
        #expect(Segmenter.clauses(in: u(text)) == [])
    }

    @Test func fullWidthAndCircledForms() {
        #expect(outline("１．甲\n（１）乙\n①丙\n②丁\n２、戊\n⑴己\n⒉庚") == [
            "1 １ | １．甲\n（１）乙\n①丙\n②丁",
            "2 （１） | （１）乙\n①丙\n②丁",
            "3 ① | ①丙",
            "3 ② | ②丁",
            "1 ２ | ２、戊\n⑴己",
            "2 ⑴ | ⑴己",
            "1 ⒉ | ⒉庚",
        ])
        #expect(outline("第十二条 甲\n第１３条 乙\n第一部分 丙\n第2编 丁") == [
            "1 第十二条 | 第十二条 甲",
            "1 第１３条 | 第１３条 乙",
            "1 第一部分 | 第一部分 丙",
            "1 第2编 | 第2编 丁",
        ])
        #expect(Segmenter.clauses(in: []) == [])
    }

    /// The tourism model texts have 第X章 and 第X条 headings: the article and chapter counts must equal
    /// an independent line count (a regular expression over lines), chapters are level 1 and their
    /// articles level 2; for every text, clauses nest properly.
    @Test(.enabled(if: Corpus.available, "needs ../shared/corpus (the shared corpus beside the repository)"))
    func corpusArticleCountsMatchAnIndependentCount() throws {
        let articleLine = try NSRegularExpression(pattern: "^[ \\t\\u3000\\u00A0]*(?:#{1,6}[ \\t]+)?(?:\\*\\*)?第[一二三四五六七八九十百零〇0-9０-９]+条",
                                                  options: [.anchorsMatchLines])
        let chapterLine = try NSRegularExpression(pattern: "^[ \\t\\u3000\\u00A0]*(?:#{1,6}[ \\t]+)?(?:\\*\\*)?第[一二三四五六七八九十百零〇0-9０-９]+章", options: [.anchorsMatchLines])
        var files = Corpus.files("model-contracts", ext: "txt") + Corpus.files("model-contracts/platform-variants", ext: "txt")
        files += Corpus.files("agreements/text", ext: "txt")
        #expect(files.count > 100)
        var withArticles = 0, totalClauses = 0
        for url in files {
            let units = try #require(Corpus.utf16(url))
            let text = String(decoding: units, as: UTF16.self)
            let whole = NSRange(location: 0, length: (text as NSString).length)
            let expectedArticles = articleLine.numberOfMatches(in: text, range: whole)
            let expectedChapters = chapterLine.numberOfMatches(in: text, range: whole)
            let clauses = Segmenter.clauses(in: units)
            totalClauses += clauses.count
            let label = { (c: Clause) in String(decoding: units[c.label], as: UTF16.self) }
            let articles = clauses.filter { label($0).hasPrefix("第") && label($0).hasSuffix("条") }
            let chapters = clauses.filter { label($0).hasPrefix("第") && label($0).hasSuffix("章") }
            #expect(articles.count == expectedArticles, "\(url.lastPathComponent)")
            #expect(chapters.count == expectedChapters, "\(url.lastPathComponent)")
            if !articles.isEmpty { withArticles += 1 }
            // Structure holds: ranges start at their labels, lie in the text, and nest.
            var stack: [Clause] = []
            for clause in clauses {
                #expect(clause.range.lowerBound == clause.label.lowerBound && clause.range.upperBound <= units.count)
                while let top = stack.last, top.level >= clause.level { stack.removeLast() }
                #expect(clause.level == stack.count + 1)
                if let parent = stack.last { #expect(parent.range.upperBound >= clause.range.upperBound, "\(url.lastPathComponent)") }
                stack.append(clause)
            }
            if url.lastPathComponent.hasPrefix("gf-2014") {
                #expect(chapters.count == 7 && chapters.allSatisfy { $0.level == 1 })
                #expect(articles.allSatisfy { $0.level == 2 })
            }
        }
        print("Clauses: \(totalClauses) in \(files.count) texts; \(withArticles) texts with 第X条 articles, all counts equal to the line count")
        #expect(withArticles >= 10)
    }
}
