import ClauseAudit
import ClauseRules
import ClauseText
import Testing

/// The checks for drafts of model texts: numbering, references, choice boxes and blanks.
@Suite struct DraftChecksTests {
    /// Lines of the draft checks alone (`path:line:col: severity: [id] message`).
    func draft(_ text: String, stage: DraftStage = .auto) -> [String] {
        let prepared = PreparedText(plain: SourceText(text))
        return DraftChecks.run(prepared, stage: stage).map {
            "\($0.span.line):\($0.span.column)-\($0.span.endLine):\($0.span.endColumn) \($0.severity.rawValue) [\($0.check.id)] \($0.message)"
        }
    }

    // MARK: numerals

    @Test(arguments: [
        ("一", 1), ("十", 10), ("十五", 15), ("二十", 20), ("二十三", 23), ("九十九", 99), ("一百", 100), ("一百零五", 105),
        ("一百一十", 110), ("两百二十二", 222), ("九百九十九", 999), ("〇", nil), ("十百", nil), ("12", 12), ("１２", 12),
    ] as [(String, Int?)])
    func chineseAndArabicNumerals(text: String, value: Int?) {
        #expect(ChineseNumeral.value(of: Array(text.unicodeScalars)) == value)
    }

    @Test func numeralsFormatTheWayHeadingsWriteThem() {
        #expect([1, 10, 11, 20, 21, 100, 105, 110, 999].map { ChineseNumeral.format($0, arabic: false) }
            == ["一", "十", "十一", "二十", "二十一", "一百", "一百零五", "一百一十", "九百九十九"])
        #expect(ChineseNumeral.format(15, arabic: true) == "15")
    }

    // MARK: numbering

    @Test func gapsDuplicatesAndDisorder() {
        let text = """
        第一章 总则
        第一条 目的
        第二条 定义
        第四条 服务
        第四条 费用
        第三章 争议
        第三条 管辖
        第五条 其他
        """
        #expect(draft(text) == [
            "4:1-4:4 warning [draft.numbering-gap] 编号不连续：缺少第三条（numbering gap）",
            "5:1-5:4 error [draft.duplicate-number] 第四条 重复：第 4 行已有第四条（duplicate number）",
            "6:1-6:4 warning [draft.numbering-gap] 编号不连续：缺少第二章（numbering gap）",
            "7:1-7:4 warning [draft.numbering-gap] 编号顺序错乱：第四条之后是第三条（out of order）",
        ])
    }

    @Test func numberingMustStartAtOne() {
        #expect(draft("第三条 费用\n第四条 其他") == [
            "1:1-1:4 warning [draft.numbering-gap] 编号不连续：缺少第一条至第二条（numbering gap）",
        ])
    }

    @Test func arabicNumbersAndSpaces() {
        #expect(draft("第 1 条 总则\n第2条 服务\n第 4 条 其他") == [
            "3:1-3:6 warning [draft.numbering-gap] 编号不连续：缺少第3条（numbering gap）",
        ])
    }

    @Test func articlesNumberedAgainInEachChapterAreOneRunPerChapter() {
        let text = "第一章 总则\n第一条 目的\n第二条 定义\n第二章 服务\n第一条 内容\n第三条 期限"
        #expect(draft(text) == ["6:1-6:4 warning [draft.numbering-gap] 编号不连续：缺少第二条（numbering gap）"])
    }

    @Test func markdownHeadingsCount() {
        let text = "# 合同\n## 第一条 总则\n**第二条** 服务\n> 第四条 其他"
        #expect(draft(text) == ["4:3-4:6 warning [draft.numbering-gap] 编号不连续：缺少第三条（numbering gap）"])
    }

    @Test func sentencesThatStartWithAnArticleAreNotHeadings() {
        // They are references instead, and these two point nowhere.
        let text = "第一条 总则\n第十五条规定的情形除外。\n第三条约定的费用不退。\n第二条 服务"
        #expect(draft(text) == [
            "2:1-2:5 error [draft.dangling-reference] 引用的第十五条不存在：本文本中没有第十五条（dangling reference）",
            "3:1-3:4 error [draft.dangling-reference] 引用的第三条不存在：本文本中没有第三条（dangling reference）",
        ])
    }

    @Test func outlineCountsParagraphsButNotItems() {
        // 1. and 2. number paragraphs (款) in model contracts; （一） and ① are items (项).
        let text = "第一条 服务\n甲方提供服务。\n（一）健身；\n（二）游泳。\n①毛巾\n乙方按时付款。\n第二条 乙方应当按时付款，逾期的按日支付违约金。\n1. 逾期十日的，甲方可以解除合同。\n第三条 其他"
        let outline = DraftChecks.outline(PreparedText(plain: SourceText(text)))
        #expect(outline.headings.map { "\($0.kind) \($0.number) \($0.paragraphs)" } == [
            "article 1 2", "article 2 2", "article 3 0",
        ])
    }

    @Test func aWrappedLineStartingWithAnArticleIsNoHeading() {
        let text = "第一条 总则\n第二条 费用\n详见本合同\n第十五条相关约定处理。\n第三条服务内容\n第四条　其他"
        #expect(draft(text) == [
            "4:1-4:5 error [draft.dangling-reference] 引用的第十五条不存在：本文本中没有第十五条（dangling reference）",
        ])
    }

    @Test func agreementsNumberedInAnotherStyleAreCheckedAgainstTheirSections() {
        let text = "一、总则\n详见本协议第三条、第二条。\n二、服务\n1、内容\n1.1 细则\n四、其他"
        #expect(draft(text) == [
            "2:6-2:9 error [draft.dangling-reference] 引用的第三条不存在：本文本中没有编号为3的部分（dangling reference）",
        ])
        #expect(DraftChecks.outline(PreparedText(plain: SourceText(text))).sections == [1, 2, 4])
    }

    // MARK: references

    @Test func referencesToArticlesChaptersParagraphsAndAppendices() {
        let text = """
        第一章 总则
        第一条 依照本合同第十五条处理，并适用第二条第2款、第一条第3款。
        第二条 费用
        甲方收费。
        乙方付款。
        第三条 详见第二章、附件一和附件三。
        附件一：清单
        """
        #expect(draft(text) == [
            "2:10-2:14 error [draft.dangling-reference] 引用的第十五条不存在：本文本中没有第十五条（dangling reference）",
            "2:27-2:33 error [draft.dangling-reference] 引用的第一条第3款不存在：第一条只有 1 款（dangling reference）",
            "6:7-6:10 error [draft.dangling-reference] 引用的第二章不存在：本文本中没有第二章（dangling reference）",
            "6:15-6:18 error [draft.dangling-reference] 引用的附件三不存在：本文本中没有附件三（dangling reference）",
        ])
    }

    @Test func citationsOfOtherTextsAreNotReferences() {
        let text = """
        第一条 依照《中华人民共和国民法典》第五百八十六条，以及消费者权益保护法第二十四条、网络交易监督管理办法（2021）第二十一条。
        第二条 按照《用户协议》第九条和主合同第八条处理，另见《服务规则》附件二。
        """
        #expect(draft(text) == [])
    }

    @Test func bareReferencesNeedTheDocumentToNumberItsOwn() {
        // No articles here: 第十五条 may cite anything, but 本合同第十五条 is certainly missing.
        #expect(draft("根据第十五条处理。") == [])
        #expect(draft("根据本合同第十五条处理。详见附件一。") == [
            "1:6-1:10 error [draft.dangling-reference] 引用的第十五条不存在：本文本没有按“条”编号的条文（dangling reference）",
        ])
        #expect(draft("详见本合同附件一。") == [
            "1:6-1:9 error [draft.dangling-reference] 引用的附件一不存在：本文本没有附件（dangling reference）",
        ])
    }

    @Test func appendixSentencesAreNotHeadings() {
        let text = "第一条 附件\n附件一为本合同的组成部分。\n附件一、附件二与本合同具有同等效力。\n附件一：清单\n附件二：价目表"
        #expect(draft(text) == [])
        #expect(draft("附件一：清单\n附件三：价目表") == ["2:1-2:4 warning [draft.numbering-gap] 编号不连续：缺少附件二（numbering gap）"])
    }

    // MARK: choice boxes

    @Test func untickedTemplatesAreNotCheckedInAutoStage() {
        #expect(draft("付款方式：□现金 □转账\n乙方：____") == [])
    }

    @Test func filledContractNeedsOneTickPerGroup() {
        let text = """
        付款方式：■现金 □转账
        交付方式：□自提 □快递
        发票：☑纸质 ☑电子
        赠品（可多选）：■毛巾 ■水杯
        是否续约：□
        期限：
        □一年
        □两年
        """
        #expect(draft(text) == [
            "2:6-2:13 warning [draft.choice-box] 这组选项一项也没有勾选（no option chosen）",
            "3:4-3:11 warning [draft.choice-box] 这组选项勾选了 2 项，应当只选一项（several options chosen）",
            "7:1-8:4 warning [draft.choice-box] 这组选项一项也没有勾选（no option chosen）",
        ])
    }

    @Test func aTickBesideABoxCountsAndQuotedBoxesAreInstructions() {
        let text = "在“□”中划“√”选定，“【】”“____”中填写。\n付款方式：√□现金 □√转账\n交付方式：□自提 □快递√\n乙方：【】"
        #expect(draft(text) == [
            "2:7-2:15 warning [draft.choice-box] 这组选项勾选了 2 项，应当只选一项（several options chosen）",
            "4:4-4:6 warning [draft.empty-blank] 空白处未填写（blank left empty）",
        ])
    }

    @Test func templateMustNotTickInAdvance() {
        #expect(draft("付款方式：■现金 □转账", stage: .template) == [
            "1:6-1:9 warning [draft.choice-box] 示范文本不应预先勾选选项（a model text leaves its choices open）",
        ])
    }

    // MARK: blanks

    @Test func emptyBlanksInAFilledContract() {
        let text = """
        乙方：__张三__ 电话：____
        签订日期：____年____月____日
        金额：＿＿元，【  】个月，【12】期
        付款方式：■转账 □其他：______
        ---
        ___
        """
        #expect(draft(text, stage: .filled) == [
            "1:14-1:18 warning [draft.empty-blank] 空白处未填写（blank left empty）",
            "2:6-2:10 warning [draft.empty-blank] 空白处未填写（blank left empty）",
            "2:11-2:15 warning [draft.empty-blank] 空白处未填写（blank left empty）",
            "2:16-2:20 warning [draft.empty-blank] 空白处未填写（blank left empty）",
            "3:4-3:6 warning [draft.empty-blank] 空白处未填写（blank left empty）",
            "3:8-3:12 warning [draft.empty-blank] 空白处未填写（blank left empty）",
        ])
    }

    @Test func signedVersionMakesAnEmptyBlankAnError() {
        #expect(draft("乙方签字：____", stage: .signed) == [
            "1:6-1:10 error [draft.empty-blank] 签署版本中仍有空白未填写（blank left empty in a signed version）",
        ])
    }

    @Test func aTickAnywhereMakesAutoMeanFilled() {
        #expect(draft("付款方式：■转账 □现金\n乙方：____") == [
            "2:4-2:8 warning [draft.empty-blank] 空白处未填写（blank left empty）",
        ])
    }

    // MARK: in the linter

    @Test func configurationPicksTheStageAndSwitchesChecks() {
        var config = Configuration(directory: "/")
        config.draftStage = .signed
        config.rules = ["draft.empty-blank": .severity(.warning)]
        config.categories = ["draft": .severity(.info)]
        let result = LintFixture.lint("第一条 总则\n第三条 乙方签字：____", configuration: config)
        #expect(LintFixture.lines(result) == [
            "contract.txt:2:1: info: [draft.numbering-gap] 编号不连续：缺少第二条（numbering gap）",
            "contract.txt:2:10: warning: [draft.empty-blank] 签署版本中仍有空白未填写（blank left empty in a signed version）",
        ])
        let override = LintFixture.linter(config, stage: .template).lint(Array("乙方签字：____".utf8), path: "a.txt", scratch: MatchScratch())
        #expect(override.problems.isEmpty)
    }

    @Test func draftChecksCanBeSwitchedOff() {
        var config = Configuration(directory: "/")
        config.categories = ["draft": .off]
        #expect(LintFixture.lint("第一条 总则\n第三条 其他", configuration: config).problems.isEmpty)
    }
}
