import ClauseRules
import ClauseText

/// Which stage a draft is at decides what its blanks and choice boxes must look like.
///
/// - `template`: a model text (示范文本) as published: blanks stay empty, and no choice box may be
///   ticked in advance.
/// - `filled`: a contract being filled in: each group of two or more boxes has exactly one ticked
///   (☑ ■ ☒ ▣, □ with √ beside it, or √ in place of a box)
///   (unless the text says 可多选 / 多项 / 可同时), and an empty blank is a warning (except inside an
///   option that was not chosen).
/// - `signed`: as `filled`, and an empty blank is an error.
/// - `auto` (the default): `filled` as soon as any box in the document is ticked; otherwise nothing
///   about boxes and blanks can be known, and they are not checked.
public enum DraftStage: String, Sendable, CaseIterable {
    case auto, template, filled, signed
}

/// The numbered structure of a document: chapters (第一章), articles (第一条) and appendices (附件一),
/// found by scanning the lines of the extracted text. Positions are UTF-16 offsets in the extracted
/// text.
public struct DraftOutline: Sendable {
    public enum Kind: String, Sendable {
        case chapter, article, appendix

        var unit: String {
            switch self {
            case .chapter: "章"
            case .article: "条"
            case .appendix: "附件"
            }
        }
    }

    public struct Heading: Sendable, Equatable {
        public var kind: Kind
        public var number: Int
        /// The label as written: 第十五条, 第3章, 附件一.
        public var label: Range<Int>
        /// Index of the line (0-based) in the extracted text.
        public var line: Int
        /// Articles numbered again from 1 after a chapter heading start a new run.
        public var run: Int
        public var arabic: Bool
        /// Paragraphs (款) of an article: lines of its body that are not items (（一）, 1., ①).
        public var paragraphs: Int = 0
    }

    public var headings: [Heading] = []
    /// Numbers of lines that start like a section in another style (三、 or 3、 or 3.). Agreements
    /// numbered this way still cite their parts as 第三条, so such citations are checked against these.
    public var sections: Set<Int> = []

    public func headings(_ kind: Kind) -> [Heading] { headings.filter { $0.kind == kind } }
}

/// The checks for drafts of model texts (issue 5): numbering without gaps or duplicates, references
/// that point at something, and blanks and choice boxes consistent with the draft's stage.
public enum DraftChecks {
    /// Runs the enabled checks; positions come back in the user's source.
    public static func run(_ prepared: PreparedText, stage: DraftStage,
                           enabled: (BuiltinCheck) -> Bool = { _ in true }) -> [Diagnostic] {
        let text = ScannedText(prepared.extracted.units)
        var found: [(BuiltinCheck, Range<Int>, String, Severity?)] = []
        let outline = text.outline()
        if enabled(.numberingGap) || enabled(.duplicateNumber) {
            found += numbering(outline, text)
        }
        if enabled(.danglingReference) {
            found += references(outline, text)
        }
        if enabled(.choiceBox) || enabled(.emptyBlank) {
            found += boxesAndBlanks(text, stage: stage)
        }
        return found.filter { enabled($0.0) }.map { check, range, message, severity in
            let source = prepared.extracted.toSource.sourceRange(of: text.utf16(range))
            return Diagnostic(check, severity: severity, in: prepared.source, range: source, message: message)
        }.sorted { $0.sourceRange.lowerBound < $1.sourceRange.lowerBound }
    }

    /// The outline of a document, for other stages that need its numbering (model comparison).
    public static func outline(_ prepared: PreparedText) -> DraftOutline {
        ScannedText(prepared.extracted.units).outline()
    }

    // MARK: numbering

    static func numbering(_ outline: DraftOutline, _ text: ScannedText) -> [(BuiltinCheck, Range<Int>, String, Severity?)] {
        var out: [(BuiltinCheck, Range<Int>, String, Severity?)] = []
        for kind in [DraftOutline.Kind.chapter, .article, .appendix] {
            let all = outline.headings(kind)
            for run in Set(all.map(\.run)).sorted() {
                var seen: [Int: DraftOutline.Heading] = [:]
                var last = 0
                for heading in all where heading.run == run {
                    let label = text.string(heading.label)
                    if let first = seen[heading.number] {
                        out.append((.duplicateNumber, heading.label,
                                    "\(label) 重复：第 \(first.line + 1) 行已有\(text.string(first.label))（duplicate number）", nil))
                        continue
                    }
                    if heading.number < last {
                        out.append((.numberingGap, heading.label,
                                    "编号顺序错乱：\(name(kind, last, heading.arabic))之后是\(label)（out of order）", nil))
                    } else if heading.number > last + 1 {
                        let missing = (last + 1 ..< heading.number).filter { seen[$0] == nil }
                        if let low = missing.first, let high = missing.last {
                            let what = low == high ? name(kind, low, heading.arabic)
                                : name(kind, low, heading.arabic) + "至" + name(kind, high, heading.arabic)
                            out.append((.numberingGap, heading.label, "编号不连续：缺少\(what)（numbering gap）", nil))
                        }
                    }
                    seen[heading.number] = heading
                    last = heading.number
                }
            }
        }
        return out
    }

    static func name(_ kind: DraftOutline.Kind, _ n: Int, _ arabic: Bool) -> String {
        let number = ChineseNumeral.format(n, arabic: arabic)
        return kind == .appendix ? "附件" + number : "第" + number + kind.unit
    }

    // MARK: references

    static func references(_ outline: DraftOutline, _ text: ScannedText) -> [(BuiltinCheck, Range<Int>, String, Severity?)] {
        var out: [(BuiltinCheck, Range<Int>, String, Severity?)] = []
        let labels = Set(outline.headings.map(\.label.lowerBound))
        for ref in text.references() where !labels.contains(ref.range.lowerBound) {
            let existing = outline.headings(ref.kind)
            // An agreement numbered 三、 calls that part 第三条: check against its sections instead.
            if ref.kind == .article, existing.isEmpty, !outline.sections.isEmpty {
                if !outline.sections.contains(ref.number) {
                    out.append((.danglingReference, ref.range,
                                "引用的\(text.string(ref.label))不存在：本文本中没有编号为\(ref.number)的部分（dangling reference）", nil))
                }
                continue
            }
            // A bare 第十五条 may cite another text; check it only when this document numbers its own.
            guard ref.explicit || !existing.isEmpty else { continue }
            let label = text.string(ref.label)
            guard let target = existing.first(where: { $0.number == ref.number }) else {
                let what = existing.isEmpty ? "本文本没有\(ref.kind == .appendix ? "附件" : "按“" + ref.kind.unit + "”编号的条文")"
                    : "本文本中没有\(label)"
                out.append((.danglingReference, ref.range, "引用的\(label)不存在：\(what)（dangling reference）", nil))
                continue
            }
            if let paragraph = ref.paragraph, paragraph > target.paragraphs {
                let count = existing.filter { $0.number == ref.number }.map(\.paragraphs).max() ?? 0
                if paragraph > count {
                    out.append((.danglingReference, ref.range,
                                "引用的\(text.string(ref.range))不存在：\(label)只有 \(count) 款（dangling reference）", nil))
                }
            }
        }
        return out
    }

    // MARK: boxes and blanks

    static func boxesAndBlanks(_ text: ScannedText, stage requested: DraftStage) -> [(BuiltinCheck, Range<Int>, String, Severity?)] {
        let groups = text.choiceGroups()
        let anyTicked = groups.contains { $0.boxes.contains { $0.ticked } }
        let stage: DraftStage = requested == .auto ? (anyTicked ? .filled : .auto) : requested
        var out: [(BuiltinCheck, Range<Int>, String, Severity?)] = []
        switch stage {
        case .auto:
            return []
        case .template:
            for group in groups {
                for box in group.boxes where box.ticked {
                    out.append((.choiceBox, box.option, "示范文本不应预先勾选选项（a model text leaves its choices open）", nil))
                }
            }
            return out
        case .filled, .signed:
            var unchosen: [Range<Int>] = []
            for group in groups {
                unchosen += group.boxes.filter { !$0.ticked }.map(\.option)
                guard group.boxes.count >= 2 else { continue }  // a lone box is a yes/no: unticked means no
                let ticked = group.boxes.filter(\.ticked).count
                if ticked == 0 {
                    out.append((.choiceBox, group.range, "这组选项一项也没有勾选（no option chosen）", nil))
                } else if ticked > 1 && !group.multipleAllowed {
                    out.append((.choiceBox, group.range, "这组选项勾选了 \(ticked) 项，应当只选一项（several options chosen）", nil))
                }
            }
            for blank in text.emptyBlanks() where !unchosen.contains(where: { $0.contains(blank.lowerBound) }) {
                let signed = stage == .signed
                out.append((.emptyBlank, blank, signed ? "签署版本中仍有空白未填写（blank left empty in a signed version）"
                                : "空白处未填写（blank left empty）", signed ? .error : nil))
            }
            return out
        }
    }
}

/// The extracted text as Unicode scalars, with their UTF-16 offsets and its lines. Every range in
/// here is in scalar indices until `utf16(_:)` converts it.
struct ScannedText {
    let s: [Unicode.Scalar]
    /// UTF-16 offset of each scalar, and one past the end.
    let offsets: [Int]
    /// Scalar ranges of the lines, without their breaks.
    let lines: [Range<Int>]

    init(_ units: [UInt16]) {
        var scalars: [Unicode.Scalar] = []
        var offsets: [Int] = []
        var offset = 0
        for scalar in String(decoding: units, as: UTF16.self).unicodeScalars {
            scalars.append(scalar)
            offsets.append(offset)
            offset += scalar.utf16.count
        }
        offsets.append(offset)
        s = scalars
        self.offsets = offsets
        var lines: [Range<Int>] = []
        var start = 0, i = 0
        while i < scalars.count {
            if scalars[i] == "\n" || scalars[i] == "\r" {
                lines.append(start ..< i)
                if scalars[i] == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
                start = i + 1
            }
            i += 1
        }
        lines.append(start ..< scalars.count)
        self.lines = lines
    }

    func utf16(_ range: Range<Int>) -> Range<Int> { offsets[range.lowerBound] ..< offsets[range.upperBound] }

    func string(_ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: s[range])
        return String(view)
    }

    func at(_ i: Int) -> Unicode.Scalar? { i >= 0 && i < s.count ? s[i] : nil }

    static func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\u{3000}" || c == "\u{A0}" }

    static func isHan(_ c: Unicode.Scalar) -> Bool {
        (0x4E00 ... 0x9FFF).contains(c.value) || (0x3400 ... 0x4DBF).contains(c.value) || (0x20000 ... 0x2FFFF).contains(c.value)
    }

    /// A number at i (Chinese or Arabic, with spaces around Arabic digits as in 第 3 条): its value,
    /// whether it is Arabic, and where it ends (after any trailing space).
    func number(at start: Int, limit: Int) -> (value: Int, arabic: Bool, end: Int)? {
        var i = start
        while i < limit, Self.isSpace(s[i]) { i += 1 }
        guard i < limit else { return nil }
        let arabic = ChineseNumeral.isArabic(s[i])
        let begin = i
        while i < limit, arabic ? ChineseNumeral.isArabic(s[i]) : ChineseNumeral.isChinese(s[i]) { i += 1 }
        guard i > begin, let value = ChineseNumeral.value(of: s[begin ..< i]), value > 0 else { return nil }
        if !arabic && begin != start { return nil }  // 第 三条: spaces only around digits
        var end = i
        if arabic { while end < limit, Self.isSpace(s[end]) { end += 1 } }
        return (value, arabic, end)
    }

    // MARK: headings

    /// Characters that, right after 第X条, show a reference inside a sentence rather than a heading.
    static let notAfterHeading: Set<Unicode.Scalar> = [
        "第", "款", "项", "规", "约", "所", "中", "的", "之", "及", "和", "或", "至", "到", "与", "了", "已", "被",
        "，", "。", "；", ",", ";", "）", ")", "、",
    ]

    func outline() -> DraftOutline {
        var outline = DraftOutline()
        var run = 0
        var sawChapterSinceArticle = false
        var lastArticle: Int?
        for (index, line) in lines.enumerated() {
            if let section = section(in: line) { outline.sections.insert(section) }
            guard let heading = heading(in: line, index: index) else { continue }
            var h = heading
            switch h.kind {
            case .chapter:
                sawChapterSinceArticle = true
            case .article:
                if h.number == 1, sawChapterSinceArticle, lastArticle != nil { run += 1 }
                sawChapterSinceArticle = false
                lastArticle = h.number
                h.run = run
            case .appendix:
                break
            }
            outline.headings.append(h)
        }
        // Paragraphs of each article: its body lines up to the next heading, items not counted.
        for (n, h) in outline.headings.enumerated() where h.kind == .article {
            let next = n + 1 < outline.headings.count ? outline.headings[n + 1].line : lines.count
            var count = headingLineHoldsText(h) ? 1 : 0
            for line in lines[(h.line + 1) ..< max(h.line + 1, next)] {
                let t = trimmed(line)
                if !t.isEmpty && !isItem(t) { count += 1 }
            }
            outline.headings[n].paragraphs = count
        }
        return outline
    }

    /// A heading at the start of a line, after white space and Markdown markers (#, >, *).
    func heading(in line: Range<Int>, index: Int) -> DraftOutline.Heading? {
        var i = line.lowerBound
        while i < line.upperBound, Self.isSpace(s[i]) || s[i] == "#" || s[i] == ">" || s[i] == "*" { i += 1 }
        guard i < line.upperBound else { return nil }
        if s[i] == "第", let (value, arabic, end) = number(at: i + 1, limit: line.upperBound),
           end < line.upperBound, s[end] == "章" || s[end] == "条" {
            var after = end + 1
            while after < line.upperBound, s[after] == "*" { after += 1 }
            if let c = at(after), after < line.upperBound {
                if Self.notAfterHeading.contains(c) && !(c == "、" && at(after + 1) != "第") { return nil }
                // 第一条服务内容 is a heading without a space; 第十五条相关约定处理。 is a wrapped sentence.
                if Self.isHan(c) {
                    let rest = s[after ..< line.upperBound]
                    if rest.count > 15 || rest.contains(where: { "。，；,;".unicodeScalars.contains($0) }) { return nil }
                }
            }
            let kind: DraftOutline.Kind = s[end] == "章" ? .chapter : .article
            return .init(kind: kind, number: value, label: i ..< end + 1, line: index, run: 0, arabic: arabic)
        }
        if s[i] == "附", at(i + 1) == "件", let (value, arabic, end) = number(at: i + 2, limit: line.upperBound) {
            // 附件一：清单 is a heading; 附件一为本合同的组成部分 is a sentence.
            if end < line.upperBound {
                let c = s[end]
                let opens: Set<Unicode.Scalar> = ["：", ":", "、", "《", "（", "(", "【", "*", " ", "\u{3000}", "\t", "—", "-"]
                guard opens.contains(c), !(c == "、" && at(end + 1) == "附") else { return nil }
            }
            return .init(kind: .appendix, number: value, label: i ..< end, line: index, run: 0, arabic: arabic)
        }
        return nil
    }

    /// Whether the heading's line carries the article's first paragraph (not just a short title).
    func headingLineHoldsText(_ h: DraftOutline.Heading) -> Bool {
        let rest = trimmed(h.label.upperBound ..< lines[h.line].upperBound)
        let body = s[rest].drop { $0 == "*" || $0 == "：" || $0 == ":" || $0 == "、" || $0 == "." || $0 == "．" || Self.isSpace($0) }
        guard !body.isEmpty else { return false }
        return body.count > 20 || body.contains { "。；;，,".unicodeScalars.contains($0) }
    }

    func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, Self.isSpace(s[lower]) { lower += 1 }
        while upper > lower, Self.isSpace(s[upper - 1]) { upper -= 1 }
        return lower ..< upper
    }

    /// Items (项) of a paragraph: （一） (1) ① and 第X项. Lines numbered 1. 1、 一、 are paragraphs
    /// (款): model contracts number their paragraphs that way and cite them as 第2款.
    func isItem(_ line: Range<Int>) -> Bool {
        var i = line.lowerBound
        guard i < line.upperBound else { return false }
        let c = s[i]
        if (0x2460 ... 0x2473).contains(c.value) { return true }  // ① … ⑳
        if c == "（" || c == "(" {
            i += 1
            while i < line.upperBound, ChineseNumeral.isChinese(s[i]) || ChineseNumeral.isArabic(s[i]) || Self.isSpace(s[i]) { i += 1 }
            return i > line.lowerBound + 1 && i < line.upperBound && (s[i] == "）" || s[i] == ")")
        }
        if c == "第", let (_, _, end) = number(at: i + 1, limit: line.upperBound), at(end) == "项" { return true }
        return false
    }

    /// The number of a line that starts like 三、 3、 or 3. (not 3.1): a section in another style.
    func section(in line: Range<Int>) -> Int? {
        let t = trimmed(line)
        var i = t.lowerBound
        guard i < t.upperBound else { return nil }
        let arabic = ChineseNumeral.isArabic(s[i])
        while i < t.upperBound, arabic ? ChineseNumeral.isArabic(s[i]) : ChineseNumeral.isChinese(s[i]) { i += 1 }
        guard i > t.lowerBound, i < t.upperBound, let value = ChineseNumeral.value(of: s[t.lowerBound ..< i]) else { return nil }
        let mark = s[i]
        if mark == "、" { return value }
        if arabic, mark == "." || mark == "．", !(at(i + 1).map(ChineseNumeral.isArabic) ?? false) { return value }
        return nil
    }

    // MARK: references

    struct Reference {
        var kind: DraftOutline.Kind
        var number: Int
        var paragraph: Int?
        /// The whole reference (第十二条第2款), and its chapter/article/appendix part (第十二条).
        var range: Range<Int>
        var label: Range<Int>
        /// Introduced by 本合同, 本协议 … : certainly about this document.
        var explicit: Bool
    }

    /// Names of documents: a reference right after one of these cites that document, not this one.
    static let documentNouns = ["合同", "协议", "条款", "规则", "法", "典", "条例", "办法", "规定", "解释", "细则", "章程",
                                "文本", "须知", "律", "决定", "公约", "标准"]

    /// Whether a reference starting at i cites this document: `explicit` (本合同第…), `internal`
    /// (no document named), or nil when it cites another text (《民法典》第…, 消费者权益保护法第…).
    func citesThisDocument(before i: Int) -> (explicit: Bool, internal: Bool) {
        var j = i - 1
        while j >= 0, Self.isSpace(s[j]) { j -= 1 }
        // skip a version in brackets: 办法（2021）第二十一条
        if j >= 0, s[j] == "）" || s[j] == ")" {
            var k = j - 1
            while k >= 0, k > j - 16, s[k] != "（", s[k] != "(" { k -= 1 }
            if k >= 0, s[k] == "（" || s[k] == "(" { j = k - 1 }
        }
        guard j >= 0 else { return (false, true) }
        if s[j] == "》" { return (false, false) }
        var k = j
        while k >= 0, k > j - 10, Self.isHan(s[k]) { k -= 1 }
        let name = string(k + 1 ..< j + 1)
        if name.isEmpty { return (false, true) }
        if let ben = name.unicodeScalars.lastIndex(of: "本"), name.unicodeScalars.distance(from: ben, to: name.unicodeScalars.endIndex) <= 5 {
            return (true, true)
        }
        if Self.documentNouns.contains(where: { name.hasSuffix($0) }) { return (false, false) }
        return (false, true)
    }

    func references() -> [Reference] {
        var out: [Reference] = []
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == "第", let (value, _, end) = number(at: i + 1, limit: s.count), let unit = at(end), unit == "章" || unit == "条" {
                var ref = Reference(kind: unit == "章" ? .chapter : .article, number: value, paragraph: nil,
                                    range: i ..< end + 1, label: i ..< end + 1, explicit: false)
                if unit == "条", at(end + 1) == "之" { i = end + 1; continue }  // 第十条之一: inserted articles are not numbered here
                if unit == "条", at(end + 1) == "第", let (p, _, pEnd) = number(at: end + 2, limit: s.count), at(pEnd) == "款" {
                    ref.paragraph = p
                    ref.range = i ..< pEnd + 1
                }
                let cites = citesThisDocument(before: i)
                if cites.internal {
                    ref.explicit = cites.explicit
                    out.append(ref)
                }
                i = ref.range.upperBound
                continue
            }
            if c == "附", at(i + 1) == "件", let (value, _, end) = number(at: i + 2, limit: s.count) {
                let cites = citesThisDocument(before: i)
                if cites.internal {
                    out.append(Reference(kind: .appendix, number: value, paragraph: nil, range: i ..< end,
                                         label: i ..< end, explicit: cites.explicit))
                }
                i = end
                continue
            }
            i += 1
        }
        // trailing spaces after Arabic digits are not part of a reference
        return out.map { ref in
            var r = ref
            r.range = trimmed(r.range)
            r.label = trimmed(r.label)
            return r
        }
    }

    // MARK: boxes and blanks

    struct Box {
        var ticked: Bool
        /// The box and its option's text, up to the next box or the end of the line.
        var option: Range<Int>
    }

    struct ChoiceGroup {
        var boxes: [Box]
        var range: Range<Int>
        var multipleAllowed: Bool
    }

    static let emptyBoxes: Set<Unicode.Scalar> = ["□", "☐"]
    static let tickedBoxes: Set<Unicode.Scalar> = ["■", "☑", "☒", "▣"]
    static let tickMarks: Set<Unicode.Scalar> = ["√", "✓", "✔"]
    static let openQuotes: Set<Unicode.Scalar> = ["“", "\"", "「", "‘", "'", "『"]
    static let closeQuotes: Set<Unicode.Scalar> = ["”", "\"", "」", "’", "'", "』"]

    /// A box or blank in quotation marks is being talked about (在“□”中打“√”), not filled in.
    func quoted(_ range: Range<Int>) -> Bool {
        guard let before = at(range.lowerBound - 1), let after = at(range.upperBound) else { return false }
        return Self.openQuotes.contains(before) && Self.closeQuotes.contains(after)
    }

    /// Boxes on one line form a group; lines that begin with a box continue the group above.
    func choiceGroups() -> [ChoiceGroup] {
        var groups: [ChoiceGroup] = []
        var previousLineHadBoxes = false
        for (index, line) in lines.enumerated() {
            let isBox = { (i: Int) in Self.emptyBoxes.contains(self.s[i]) || Self.tickedBoxes.contains(self.s[i]) }
            var positions = line.filter { isBox($0) && !quoted($0 ..< $0 + 1) }
            // √ written instead of a box (√快递 beside □自提) is a ticked box of its own.
            if !positions.isEmpty {
                positions += line.filter { i in
                    Self.tickMarks.contains(s[i]) && !quoted(i ..< i + 1)
                        && !(i > line.lowerBound && isBox(i - 1)) && !(i + 1 < line.upperBound && isBox(i + 1))
                }
                positions.sort()
            }
            guard !positions.isEmpty else {
                previousLineHadBoxes = false
                continue
            }
            var boxes: [Box] = []
            for (n, p) in positions.enumerated() {
                let end = n + 1 < positions.count ? positions[n + 1] : line.upperBound
                // ☑, or □ with √ written beside it (what model texts ask: 以划“√”方式选定)
                let ticked = Self.tickedBoxes.contains(s[p]) || Self.tickMarks.contains(s[p])
                    || [at(p - 1), at(p + 1)].contains { $0.map(Self.tickMarks.contains) ?? false }
                boxes.append(Box(ticked: ticked, option: trimmed(p ..< end)))
            }
            let context = string(index > 0 ? lines[index - 1] : line) + string(line)
            let multiple = ["多选", "多项", "可同时"].contains { context.contains($0) }
            let startsWithBox = trimmed(line).lowerBound == positions[0]
            if startsWithBox, previousLineHadBoxes, var last = groups.popLast() {
                last.boxes += boxes
                last.range = last.range.lowerBound ..< boxes.last!.option.upperBound
                last.multipleAllowed = last.multipleAllowed || multiple
                groups.append(last)
            } else {
                groups.append(ChoiceGroup(boxes: boxes, range: positions[0] ..< boxes.last!.option.upperBound,
                                          multipleAllowed: multiple))
            }
            previousLineHadBoxes = true
        }
        return groups
    }

    static let separators: Set<Unicode.Scalar> = ["：", ":", "，", ",", "；", ";", "。", "、", "（", "）", "(", ")"]
    static let units = Set("年月日时分秒元角个天次号楼室层期台件套份人周岁平方米万千百起止至或和及到".unicodeScalars)

    /// Blanks with nothing written in them: `___` (three or more), `＿＿` (two or more), `【  】`.
    /// `__张三__` is a filled blank. A line of nothing but `_`, `-` or `*` is a Markdown rule.
    func emptyBlanks() -> [Range<Int>] {
        var out: [Range<Int>] = []
        for line in lines {
            if s[line].allSatisfy({ $0 == "_" || $0 == "-" || $0 == "*" || Self.isSpace($0) }) { continue }
            var runs: [Range<Int>] = []
            var i = line.lowerBound
            while i < line.upperBound {
                let c = s[i]
                if c == "_" || c == "＿" {
                    var e = i
                    while e < line.upperBound, s[e] == c { e += 1 }
                    if e - i >= 2 { runs.append(i ..< e) }
                    i = e
                } else if c == "【" {
                    var e = i + 1
                    while e < line.upperBound, Self.isSpace(s[e]) { e += 1 }
                    if e < line.upperBound, s[e] == "】" {
                        if !quoted(i ..< e + 1) { out.append(i ..< e + 1) }
                        i = e + 1
                    } else {
                        i += 1
                    }
                } else {
                    i += 1
                }
            }
            // __张三__ or __2024__: two runs around a short written value are one filled blank. Between
            // ____年____月 stands only a unit, which the blanks are waiting for.
            var n = 0
            while n < runs.count {
                if n + 1 < runs.count {
                    let between = s[runs[n].upperBound ..< runs[n + 1].lowerBound]
                    let value = !between.isEmpty && between.count <= 20
                        && !between.contains { Self.isSpace($0) || Self.separators.contains($0) }
                        && between.contains { !Self.units.contains($0) }
                    if value {
                        n += 2
                        continue
                    }
                }
                if runs[n].count >= (s[runs[n].lowerBound] == "_" ? 3 : 2), !quoted(runs[n]) { out.append(runs[n]) }
                n += 1
            }
        }
        return out.sorted { $0.lowerBound < $1.lowerBound }
    }
}
