import Foundation

/// Whether a changed sentence takes from the consumer (weaker), gives more (stronger) or neither
/// (different). Reads the words taken out and put in, with the sentence around them for who is the
/// subject: shorter windows, higher deductions, lower refunds, added conditions and a business duty
/// turned into a right are weaker. A profile's figures, when they apply, decide instead (see
/// ProfileChecks); this is the reading for everything else.
struct ChangeClassifier {
    var business: [String]
    var consumer: [String]

    static let defaultBusiness = ["旅行社", "组团社", "出境社", "经营者", "甲方", "公司", "平台", "培训机构", "机构", "商家", "卖方",
                                  "出卖人", "服务方", "受托人", "停车场"]
    static let defaultConsumer = ["旅游者", "游客", "消费者", "乙方", "学员", "用户", "买受人", "委托人", "家长", "会员"]

    init(business: [String] = [], consumer: [String] = []) {
        self.business = business.isEmpty ? Self.defaultBusiness : business
        self.consumer = consumer.isEmpty ? Self.defaultConsumer : consumer
    }

    enum Side { case business, consumer }

    /// The party a clause is about: the first party named in it.
    func subject(of text: String) -> Side? {
        var best: (Int, Side)? = nil
        for (words, side) in [(business, Side.business), (consumer, Side.consumer)] {
            for word in words {
                if let r = text.range(of: word) {
                    let at = text.distance(from: text.startIndex, to: r.lowerBound)
                    if best == nil || at < best!.0 { best = (at, side) }
                }
            }
        }
        return best?.1
    }

    static let duty = ["应当", "必须", "负责", "须"]
    static let right = ["可以", "有权", "可"]
    static let exemptions = ["不承担", "不负责", "概不", "免除", "免责", "不予", "不退", "无权", "恕不", "一律不", "不再"]
    static let conditions = ["但", "除外", "须经", "需经", "同意后", "前提下", "方可", "才能", "仅限", "仅", "只", "前提", "扣除", "另行收取", "自行承担",
                             "另行支付", "视为"]
    static let favourable = ["全部", "全额", "及时", "无条件", "双倍", "先行", "立即"]

    /// `context` is the text before the change in its unit: a schedule's rows name no cue of their own.
    func classify(edits: [ModelComparison.Edit], text: String, modelText: String, context: String = "") -> (ModelComparison.Kind, String?) {
        // Cue words count in edits of a phrase or two; a whole passage put in or taken out is not a
        // condition added to a sentence (the figures below still count).
        let phrases = edits.filter { $0.deleted.count <= 60 && $0.inserted.count <= 60 }
        let deleted = phrases.map(\.deleted).joined(separator: " ")
        let inserted = phrases.map(\.inserted).joined(separator: " ")
        let side = subject(of: text) ?? subject(of: modelText)

        // Numbers first: a changed figure says most.
        for edit in edits {
            if let verdict = numberChange(edit, text: text, context: context) { return verdict }
        }
        func has(_ s: String, _ words: [String]) -> String? { words.first { s.contains($0) } }
        if side != .consumer, let d = has(deleted, Self.duty), let r = has(inserted, Self.right), !inserted.contains("不" + r) {
            return (.weaker, "义务改为权利：“\(d)”改为“\(r)”")
        }
        if let e = has(inserted, Self.exemptions), !deleted.contains(e) {
            return (.weaker, "增加了“\(e)”")
        }
        if let c = has(inserted, Self.conditions), !deleted.contains(c) {
            // A condition on the business's own right (旅行社可以解除合同……除外) holds the business back.
            let at = edits.first { $0.inserted.contains(c) }.flatMap { text.range(of: $0.inserted) }?.lowerBound ?? text.endIndex
            let (who, modal) = holder(in: text, before: at)
            if who == .business, let modal, Self.right.contains(modal) {
                return (.stronger, "经营者的权利增加了限制：“\(Self.excerpt(inserted))”")
            }
            return (.weaker, "增加了条件：“\(Self.excerpt(inserted))”")
        }
        if let f = has(deleted, Self.favourable), !inserted.contains(f) {
            return (.weaker, "删去了“\(f)”")
        }
        if side == .consumer, let r = has(deleted, Self.right), !inserted.contains(r) {
            return (.weaker, "删去了消费者的权利“\(r)”")
        }
        if side == .business, deleted.contains("不得"), !inserted.contains("不得") {
            return (.weaker, "删去了对经营者的限制“不得”")
        }
        if let e = has(deleted, Self.exemptions), !inserted.contains(e) {
            return (.stronger, "删去了“\(e)”")
        }
        if let c = has(deleted, Self.conditions), !inserted.contains(c), inserted.trimmingCharacters(in: .whitespaces).isEmpty {
            return (.stronger, "删去了条件“\(c)”")
        }
        if let f = has(inserted, Self.favourable), !deleted.contains(f) {
            return (.stronger, "增加了“\(f)”")
        }
        return (.different, nil)
    }

    /// A number replaced by another: which way is better for the consumer depends on what it counts.
    func numberChange(_ edit: ModelComparison.Edit, text: String, context: String) -> (ModelComparison.Kind, String)? {
        guard let old = Self.firstNumber(edit.deleted), let new = Self.firstNumber(edit.inserted), old != new else { return nil }
        // Look at the words before the new number (in its sentence, then the unit) and just after it.
        guard let at = text.range(of: edit.inserted) else { return nil }
        let before = String((context + text[..<at.lowerBound]).suffix(150))
        let after = String(text[at.upperBound...].prefix(12))
        // Whose number it is: the party named last before it (甲方…退还余款，最迟在10个工作日内).
        let who = nearestParty(in: before)
        /// The cue nearest the number decides what it counts.
        func nearest(_ groups: [(words: [String], lowerIsBetter: Bool?, what: String)]) -> (Bool?, String)? {
            var best: (Int, Bool?, String)? = nil
            for g in groups {
                for w in g.words {
                    if let r = before.range(of: w, options: .backwards) {
                        let p = before.distance(from: before.startIndex, to: r.upperBound)
                        if best == nil || p > best!.0 { best = (p, g.lowerIsBetter, g.what) }
                    }
                }
            }
            return best.map { ($0.1, $0.2) }
        }
        var lowerIsBetter: Bool? = nil
        var what = ""
        let percent = after.hasPrefix("%") || after.hasPrefix("％") || edit.inserted.contains("%") || edit.inserted.contains("％")
        let days = ["日", "天", "个工作日", "工作日", "个月"].contains { after.hasPrefix($0) || edit.inserted.hasSuffix($0) }
        if percent {
            if let (better, name) = nearest([
                (["扣除", "扣", "收取", "手续费", "损失费", "占用费"], true, "扣除比例"),
                (["违约金", "赔偿", "支付"], nil, "违约金比例"),
                (["退还", "退款", "返还"], false, "退款比例"),
            ]) {
                lowerIsBetter = better ?? (who == .consumer)
                what = name
            }
        } else if days {
            if before.hasSuffix("前") || before.hasSuffix("提前") {
                // Days before the date: a consumer who must act earlier loses; a business that must
                // act earlier to be excused is held to more.
                lowerIsBetter = who == .consumer; what = "提前天数"
            } else if after.contains("内") {
                // A window: the consumer's to claim in (longer is better) or the business's to perform in.
                lowerIsBetter = who == .business; what = "期限"
            }
        }
        guard let lowerIsBetter else { return nil }
        let worse = lowerIsBetter ? new > old : new < old
        return (worse ? .weaker : .stronger, "\(what) \(Self.format(old)) → \(Self.format(new))")
    }

    /// The party named last in a text.
    func nearestParty(in text: String) -> Side? {
        var party: (String.Index, Side)? = nil
        for (words, side) in [(business, Side.business), (consumer, Side.consumer)] {
            for w in words {
                if let r = text.range(of: w, options: .backwards), party == nil || r.lowerBound > party!.0 { party = (r.lowerBound, side) }
            }
        }
        return party?.1
    }

    /// Whose right or duty a place in a sentence belongs to: the last modal word before it (可以, 应当,
    /// 不得 …) and the party named last before that modal.
    func holder(in text: String, before end: String.Index) -> (Side?, String?) {
        let head = text[..<end]
        var modal: (String.Index, String)? = nil
        for word in ["可以", "有权", "应当", "必须", "不得", "应", "可"] {
            if let r = head.range(of: word, options: .backwards), modal == nil || r.lowerBound > modal!.0 { modal = (r.lowerBound, word) }
        }
        guard let (at, word) = modal else { return (nil, nil) }
        return (nearestParty(in: String(text[..<at])), word)
    }

    static func firstNumber(_ s: String) -> Double? {
        let t = Array(s.utf16)
        var i = 0
        while i < t.count {
            if Numerals.isArabic(t[i]) {
                var j = i
                while j < t.count, Numerals.isArabic(t[j]) || t[j] == 0x2E { j += 1 }
                let digits = String(decoding: t[i ..< j].map(CompactText.fold), as: UTF16.self)
                return Double(digits)
            }
            if Numerals.chineseDigit(t[i]) != nil || t[i] == 0x5341 {
                var j = i
                while j < t.count, Numerals.isNumeral(t[j]) { j += 1 }
                // 一 in 一致 is no number; a numeral counts when a measure word follows it.
                if j < t.count, "日天个倍元%％年月周小次".utf16.contains(t[j]), let v = Numerals.value(t[i ..< j]) {
                    return Double(v)
                }
                i = j
                continue
            }
            i += 1
        }
        return nil
    }

    /// A short quotation for a reason: one line, at most 40 characters.
    static func excerpt(_ s: String) -> String {
        let line = s.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        return line.count > 40 ? String(line.prefix(40)) + "…" : line
    }

    static func format(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
}
