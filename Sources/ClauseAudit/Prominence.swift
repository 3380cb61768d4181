import ClauseRules
import ClauseText

/// The prominence check. 合同行政监督管理办法（2023）第六条 and 消费者权益保护法 第二十六条 require a
/// business to bring clauses of major interest to the consumer's attention "by bold type, separate
/// notice, pop-ups and the like"; 民法典 第四百九十六条 lets the consumer treat a clause that was not
/// so brought to attention as not part of the contract.
///
/// Design: the check is a built-in rule, `prominence.not-emphasised`, whose findings go through the
/// same `Finding` type as the rule pack's, so every output format, the gate and suppressions handle
/// them with no special case. Each finding needs one category of the spec; a failure to give notice
/// is none of items (一)–(五) of Art. 21, so it is C6 (other unfair terms), with severity `warning`.
/// Bulk summaries count it on its own line, apart from the category tables (see `BulkSummary`).
///
/// What it looks at: the documents whose format carries formatting (HTML and DOCX, through
/// `ExtractedText.runs`), and the clauses the rule pack already found to be exemption, liability,
/// refund or dispute clauses (categories C1–C4) or penalty and deposit clauses (C6 findings that cite
/// the provisions on liquidated damages and deposits or name such sums). Such a clause is set off
/// when bold, underlined or larger-than-body text covers at least half of the finding's text or of
/// its sentence. When emphasis covers most of the document it sets nothing off, and counts for
/// nothing.
public enum Prominence {
    public static let ruleID = "prominence.not-emphasised"

    public static let legalBasis = [
        "合同行政监督管理办法（2023）第六条第一款",
        "消费者权益保护法（2013年修正）第二十六条第一款",
        "民法典（2020）第四百九十六条第二款",
    ]

    public static let rule = Rule(
        id: ruleID, category: .C6, severity: .warning,
        title: "重大利害关系条款未以显著方式提示",
        message: "该条款涉及经营者免责、消费者权利限制、退款、争议解决或违约金、定金等与消费者有重大利害关系的内容，"
            + "但在文本中没有以加粗、下划线或更大字号等显著方式标出。经营者应当以单独告知、字体加粗、弹窗等显著方式提请消费者注意；"
            + "未履行提示义务致使消费者没有注意的，消费者可以主张该条款不成为合同的内容。若已通过单独告知或弹窗提示，请核实后忽略。",
        legalBasis: legalBasis,
        suggestion: "将该条款整体加粗或加下划线，并在协议开头以“重要提示”单独列明，签约时以弹窗等方式请消费者确认已阅读，按消费者要求予以说明。")

    /// Provisions on liquidated damages, deposits and excessive penalties: a C6 finding that cites one
    /// is about money the consumer may lose.
    static let moneyProvisions = ["第五百八十五条", "第五百八十六条", "第五百八十七条", "合同行政监督管理办法（2023）第八条第（一）项"]
    static let moneyWords = ["违约金", "定金", "订金", "押金", "保证金", "滞纳金", "罚金", "罚款", "赔偿金", "手续费", "违约"]

    /// Whether a finding is about a clause of major interest that Art. 6 wants set off.
    public static func concerns(_ finding: Finding) -> Bool {
        guard finding.rule.id != ruleID else { return false }
        switch finding.category {
        case .C1, .C2, .C3, .C4: return true
        case .C5: return false
        case .C6:
            return finding.rule.legalBasis.contains { basis in moneyProvisions.contains { basis.contains($0) } }
                || moneyWords.contains { finding.text.contains($0) }
        }
    }

    /// Whether the check applies to a document of this format.
    public static func applies(to format: InputFormat) -> Bool { format == .html || format == .docx }

    /// The findings with the prominence findings added, in source order.
    public static func adding(to findings: [Finding], in prepared: PreparedText) -> [Finding] {
        let extra = check(findings, in: prepared)
        guard !extra.isEmpty else { return findings }
        return (findings + extra).sorted {
            ($0.sourceRange.lowerBound, $0.category, $0.rule.id) < ($1.sourceRange.lowerBound, $1.category, $1.rule.id)
        }
    }

    /// The prominence findings alone: one for each qualifying finding that is not set off, unless an
    /// earlier one already covers its text.
    public static func check(_ findings: [Finding], in prepared: PreparedText) -> [Finding] {
        let emphasis = Emphasis(prepared.extracted)
        var out: [Finding] = []
        for finding in findings where concerns(finding) {
            guard !out.contains(where: { $0.sourceRange.overlaps(finding.sourceRange) }) else { continue }
            let range = prepared.extracted.toSource.targetRange(of: finding.sourceRange)
            guard !range.isEmpty else { continue }
            if emphasis.meaningful {
                if emphasis.setsOff(range) { continue }
                if let sentence = sentence(around: range, in: prepared), emphasis.setsOff(sentence) { continue }
            }
            out.append(Finding(builtIn: rule, severity: rule.severity, span: finding.span, sourceRange: finding.sourceRange,
                               text: finding.text, clause: finding.clause,
                               figures: "所涉条款：\(finding.category.rawValue) \(finding.category.summary)"))
        }
        return out
    }

    /// The sentence around an extracted range, in extracted offsets.
    static func sentence(around range: Range<Int>, in prepared: PreparedText) -> Range<Int>? {
        let normalized = prepared.normalized.toInput.targetRange(of: range)
        let sentence = prepared.sentence(containing: normalized.lowerBound)
        guard !sentence.isEmpty else { return nil }
        return prepared.normalized.toInput.sourceRange(of: sentence)
    }

    /// Where a document's text is bold, underlined or larger than the body text.
    struct Emphasis {
        /// Emphasised ranges of the extracted text, sorted and merged.
        let ranges: [Range<Int>]
        /// False when emphasis covers most of the text: then it sets nothing apart.
        let meaningful: Bool

        init(_ text: ExtractedText) {
            let body = text.bodyFontSizeHalfPoints ?? Self.dominantSize(text.runs, length: text.units.count)
            let marked = text.runs.filter { run in
                run.bold || run.underline || (body != nil && (run.fontSizeHalfPoints ?? 0) > body!)
            }.map(\.range).filter { !$0.isEmpty }.sorted { $0.lowerBound < $1.lowerBound }
            var merged: [Range<Int>] = []
            for range in marked {
                if let last = merged.last, range.lowerBound <= last.upperBound {
                    merged[merged.count - 1] = last.lowerBound ..< max(last.upperBound, range.upperBound)
                } else {
                    merged.append(range)
                }
            }
            ranges = merged
            let covered = merged.reduce(0) { $0 + $1.count }
            meaningful = text.units.isEmpty || Double(covered) <= 0.6 * Double(text.units.count)
        }

        /// How many units of `range` are emphasised.
        func covered(_ range: Range<Int>) -> Int {
            ranges.reduce(0) { total, r in
                total + max(0, min(r.upperBound, range.upperBound) - max(r.lowerBound, range.lowerBound))
            }
        }

        func setsOff(_ range: Range<Int>) -> Bool {
            !range.isEmpty && covered(range) * 2 >= range.count
        }

        /// The size most of the text is set in, when the runs give sizes for at least half of it (in
        /// HTML they give them only for a few stretches, which say nothing about the body).
        static func dominantSize(_ runs: [FormattedRun], length: Int) -> Int? {
            var bySize: [Int: Int] = [:]
            for run in runs { if let size = run.fontSizeHalfPoints { bySize[size, default: 0] += run.range.count } }
            guard bySize.values.reduce(0, +) * 2 >= length else { return nil }
            return bySize.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key
        }
    }
}
