import Foundation

/// Running a profile's tests on a document: where a protection stands and whether it was cut back,
/// what value a figure has, what a schedule's rows are.
enum ProfileChecks {
    struct ProtectionHit {
        var range: Range<Int>
        var weakenedBy: String?
    }

    /// All `find` patterns match within the units; then the sentences around the first match are
    /// searched for `weakened_if`.
    static func protection(_ p: ModelProfile.Protection, in doc: ComparedText, units: [Int]) -> ProtectionHit? {
        guard !units.isEmpty else { return nil }
        let compact = CompactText(doc.t, ranges: units.map { doc.outline.units[$0].body })
        var lower = Int.max, upper = Int.min
        for pattern in p.find {
            guard let m = pattern.firstMatch(in: compact) else { return nil }
            let r = compact.originalRange(m.range)
            lower = min(lower, r.lowerBound)
            upper = max(upper, r.upperBound)
        }
        let hit = lower ..< upper
        var weakenedBy: String? = nil
        if !p.weakenedIf.isEmpty {
            let around = CompactText(doc.t, range: sentences(around: hit, in: doc))
            for pattern in p.weakenedIf {
                if let m = pattern.firstMatch(in: around) {
                    weakenedBy = String(decoding: around.units[m.range], as: UTF16.self)
                    break
                }
            }
        }
        return ProtectionHit(range: hit, weakenedBy: weakenedBy)
    }

    /// From the start of the sentence holding the range's start to the end of the one holding its end.
    static func sentences(around range: Range<Int>, in doc: ComparedText) -> Range<Int> {
        guard let first = doc.sentence(containing: range.lowerBound),
              let last = doc.sentence(containing: max(range.lowerBound, range.upperBound - 1)) else { return range }
        return min(range.lowerBound, doc.sentences[first].range.lowerBound) ..< max(range.upperBound, doc.sentences[last].range.upperBound)
    }

    /// The first value the figure's pattern finds, and where.
    static func value(_ f: ModelProfile.Figure, in doc: ComparedText, units: [Int]) -> (value: Double, range: Range<Int>)? {
        guard let pattern = f.pattern, !units.isEmpty else { return nil }
        let compact = CompactText(doc.t, ranges: units.map { doc.outline.units[$0].body })
        var from = 0
        while let m = pattern.firstMatch(in: compact, from: from) {
            if let g = m.group, let v = number(String(decoding: compact.units[g], as: UTF16.self)) {
                return (v, compact.originalRange(m.range))
            }
            from = m.range.upperBound
            if m.range.isEmpty { from += 1 }
        }
        return nil
    }

    static let numeral = "[0-9零一二三四五六七八九十百两〇]+"
    static let rowPattern = try! NSRegularExpression(
        pattern: "前(\(numeral))(?:日|天)(?:\\(含\\))?至(?:前)?(\(numeral))(?:日|天)[^%;。]{0,30}?([0-9]+(?:\\.[0-9]+)?)%")
    static let dayPattern = try! NSRegularExpression(
        pattern: "当(?:日|天)(?![^%;。]{0,30}?比例)[^%;。]{0,30}?([0-9]+(?:\\.[0-9]+)?)%")

    /// Rows of a days-before schedule (前6日至4日 …20%, 当日 …60%) after the anchor, in the units.
    static func schedule(_ f: ModelProfile.Figure, in doc: ComparedText, units: [Int]) -> (rows: [ModelProfile.ScheduleRow], range: Range<Int>)? {
        guard !units.isEmpty else { return nil }
        let compact = CompactText(doc.t, ranges: units.map { doc.outline.units[$0].body })
        var start = 0
        if let anchor = f.anchor {
            guard let m = anchor.firstMatch(in: compact) else { return nil }
            start = m.range.upperBound
        }
        let string = compact.string
        let ns = string as NSString
        var found: [(Int, Range<Int>, ModelProfile.ScheduleRow)] = []
        let search = NSRange(location: start, length: ns.length - start)
        for m in rowPattern.matches(in: string, range: search) {
            guard let a = Numerals.value(ns.substring(with: m.range(at: 1))), let b = Numerals.value(ns.substring(with: m.range(at: 2))),
                  let pct = Double(ns.substring(with: m.range(at: 3))) else { continue }
            found.append((m.range.location, m.range.location ..< m.range.location + m.range.length,
                          ModelProfile.ScheduleRow(from: max(a, b), to: min(a, b), percent: pct)))
        }
        for m in dayPattern.matches(in: string, range: search) {
            guard let pct = Double(ns.substring(with: m.range(at: 1))) else { continue }
            found.append((m.range.location, m.range.location ..< m.range.location + m.range.length,
                          ModelProfile.ScheduleRow(from: 0, to: 0, percent: pct)))
        }
        found.sort { $0.0 < $1.0 }
        // The schedule is the first run of rows close together, starting near the anchor.
        var rows: [ModelProfile.ScheduleRow] = []
        var lower: Int? = nil, upper = 0
        for (at, range, row) in found {
            if let _ = lower {
                if at - upper > 60 { break }
            } else if f.anchor != nil && at - start > 200 {
                break
            }
            if lower == nil { lower = range.lowerBound }
            if rows.contains(row) { continue }
            rows.append(row)
            upper = range.upperBound
        }
        guard let lower, !rows.isEmpty else { return nil }
        return (rows, compact.originalRange(lower ..< upper))
    }

    /// Digits (with a decimal point) or Chinese numerals.
    static func number(_ s: String) -> Double? {
        let folded = String(decoding: s.utf16.map(CompactText.fold), as: UTF16.self)
        if let d = Double(folded) { return d }
        return Numerals.value(folded).map(Double.init)
    }

    /// The percentage a schedule fixes for a day before the date (0 when no row covers it).
    static func percent(_ rows: [ModelProfile.ScheduleRow], day: Int) -> Double {
        rows.first { $0.to <= day && day <= $0.from }?.percent ?? 0
    }

    /// Compares a contract's schedule with the model's, day by day: weaker if any day is worse for
    /// the consumer, stronger if some day is better and none worse.
    static func compare(model: [ModelProfile.ScheduleRow], contract: [ModelProfile.ScheduleRow],
                        prefers: ModelProfile.Preference) -> (ModelComparison.Status, String?) {
        let last = (model + contract).map(\.from).max() ?? 0
        var worse: [Int] = [], better: [Int] = []
        for day in 0 ... last + 1 {
            let m = percent(model, day: day), c = percent(contract, day: day)
            if m == c { continue }
            let isWorse = prefers == .lower ? c > m : c < m
            if isWorse { worse.append(day) } else { better.append(day) }
        }
        if worse.isEmpty && better.isEmpty { return (.kept, nil) }
        // Name the rows that differ, in the model's terms where the days are the same.
        var parts: [String] = []
        for row in model {
            if let other = contract.first(where: { $0.from == row.from && $0.to == row.to }) {
                if other.percent != row.percent { parts.append("\(row) → \(ChangeClassifier.format(other.percent))%") }
            }
        }
        if parts.isEmpty || model.count != contract.count || !contract.allSatisfy({ c in model.contains { $0.from == c.from && $0.to == c.to } }) {
            parts = ["示范文本：" + model.map(\.description).joined(separator: "，") + "；合同：" + contract.map(\.description).joined(separator: "，")]
        }
        return (worse.isEmpty ? .stronger : .weakened, parts.joined(separator: "；"))
    }

    /// Compares two values of a figure.
    static func compare(model: Double, contract: Double, prefers: ModelProfile.Preference) -> ModelComparison.Status {
        if model == contract { return .kept }
        let worse = prefers == .lower ? contract > model : contract < model
        return worse ? .weakened : .stronger
    }
}
