import ClauseModels
import ClauseText
import Foundation
import Testing

/// The published model texts of ../shared/corpus/model-contracts: each against itself, against
/// itself renumbered and laid out anew, and against a copy with three known edits.
@Suite(.enabled(if: modelCorpus != nil, Comment(rawValue: needsCorpus)))
struct ModelTextTests {
    static let texts: [(file: String, profile: String)] = [
        ("gf-2014-2401", "gf-2014-2401"), ("gf-2014-2402", "gf-2014-2402"), ("gf-2014-2403", "gf-2014-2403"),
        ("gf-2025-1001", "gf-2025-1001"), ("beijing_motor-vehicle", "bf-2024-2726"), ("beijing_off-peak", "bf-2024-0612"),
        ("beijing_sci-tech", "bf-2024-2738"), ("xinjiang_school", "xj-school-meals"),
    ]

    @Test(arguments: texts)
    func sameTextHasNoDifferences(file: String, profileID: String) throws {
        let text = try corpusText(modelFile(file))
        let c = compare(text, with: text, profile: profile(profileID))
        #expect(summary(c) == [])
        #expect(c.similarity == 1)
        #expect(c.notes == [])
        #expect(c.protections.allSatisfy { $0.status == .kept })
        #expect(c.figures.allSatisfy { $0.status == .kept })
    }

    /// Article and chapter numbers in Arabic digits, items numbered 1. instead of （1）, no blank
    /// lines, every paragraph wrapped at 30 characters, half-width commas and colons.
    static func renumberedAndReformatted(_ text: String) -> String {
        var lines: [String] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
            var line = String(raw).trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if let m = line.range(of: #"^第[一二三四五六七八九十]+[章条]"#, options: .regularExpression) {
                let label = line[m]
                let number = Numeral.value(String(label.dropFirst().dropLast()))
                line = "第\(number)\(label.last!)" + line[m.upperBound...]
            }
            if let m = line.range(of: #"^（\d+）"#, options: .regularExpression) {
                line = String(line[m].dropFirst().dropLast()) + ". " + line[m.upperBound...]
            }
            line = line.replacingOccurrences(of: "，", with: ",").replacingOccurrences(of: "：", with: ":")
            // Wrapped at 30 characters, never inside a run of spaces (a blank to fill in).
            var rest = Substring(line)
            while rest.count > 30 {
                var cut = rest.index(rest.startIndex, offsetBy: 30)
                while cut < rest.endIndex, rest[cut].isWhitespace || rest[rest.index(before: cut)].isWhitespace { cut = rest.index(after: cut) }
                lines.append(String(rest[..<cut]))
                rest = rest[cut...]
            }
            lines.append(String(rest))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: texts)
    func renumberedAndReformattedHasNoDifferences(file: String, profileID: String) throws {
        let text = try corpusText(modelFile(file))
        let c = compare(Self.renumberedAndReformatted(text), with: text, profile: profile(profileID))
        #expect(summary(c) == [])
        #expect(c.protections.filter { $0.status != .kept }.map(\.id) == [])
        #expect(c.figures.filter { $0.status != .kept }.map(\.id) == [])
    }

    /// One protection deleted, one deduction made harsher, one sentence added: exactly those three.
    @Test func threeEditsAreFoundAndClassified() throws {
        let model = try corpusText(modelFile("gf-2014-2401"))
        let contract = model
            .replacingFirst("旅游行程开始前，旅游者可以将本合同中自身的权利义务转让给第三人，旅行社没有正当理由的不得拒绝，并办理相关转让手续，因此增加的费用由旅游者和第三人承担。\n\n", with: "")
            .replacingFirst("行程开始前3日至1日，按旅游费用总额的40%；", with: "行程开始前3日至1日，按旅游费用总额的50%；")
            .replacingFirst("由双方签字或者盖章确认。）\n\n____\n", with: "由双方签字或者盖章确认。）\n\n____\n\n本合同最终解释权归旅行社所有。\n")
        let c = compare(contract, with: model, profile: profile("gf-2014-2401"))
        #expect(summary(c) == ["missing 第十条第1款", "changed weaker 第十五条第3款", "added 第二十七条 interpretation.final-right"])

        let missing = try #require(c.missing.first)
        #expect(missing.title == "合同的转让")
        #expect(missing.protects == "行程开始前旅游者可以把合同权利义务转让给第三人，旅行社没有正当理由不得拒绝。")
        #expect(missing.modelText.hasPrefix("旅游行程开始前，旅游者可以将本合同中自身的权利义务转让给第三人"))

        let changed = try #require(c.changed.first)
        #expect(changed.text == "行程开始前3日至1日，按旅游费用总额的50%；")
        #expect(changed.modelText == "行程开始前3日至1日，按旅游费用总额的40%；")
        #expect(changed.edits == [.init(deleted: "40", inserted: "50")])
        #expect(changed.reason == "旅游者在行程开始前7日以内解除合同时扣除必要费用的比例（旅游费用总额）：前3日至1日 40% → 50%")
        #expect(changed.clause == "第十五条")

        let added = try #require(c.added.first)
        #expect(added.text == "本合同最终解释权归旅行社所有。")
        #expect(added.findings == ["interpretation.final-right"])

        #expect(c.protections.filter { $0.status != .kept }.map { "\($0.id) \($0.status.rawValue)" } == ["transfer-to-third-party missing"])
        #expect(c.figures.filter { $0.status != .kept }.map { "\($0.id) \($0.status.rawValue)" } == ["cancellation-deduction weakened"])
    }

    /// Without a profile the same three come out; the harsher deduction is read as weaker from the
    /// words around the number (扣除必要的费用).
    @Test func threeEditsWithoutAProfile() throws {
        let model = try corpusText(modelFile("gf-2014-2401"))
        let contract = model
            .replacingFirst("旅游行程开始前，旅游者可以将本合同中自身的权利义务转让给第三人，旅行社没有正当理由的不得拒绝，并办理相关转让手续，因此增加的费用由旅游者和第三人承担。\n\n", with: "")
            .replacingFirst("行程开始前3日至1日，按旅游费用总额的40%；", with: "行程开始前3日至1日，按旅游费用总额的50%；")
            .replacingFirst("由双方签字或者盖章确认。）\n\n____\n", with: "由双方签字或者盖章确认。）\n\n____\n\n本合同最终解释权归旅行社所有。\n")
        let c = compare(contract, with: model, profile: nil)
        #expect(summary(c) == ["missing 第十条第1款", "changed weaker 第十五条第3款", "added 第二十七条 interpretation.final-right"])
        #expect(c.missing.first?.protects == nil)
        #expect(c.changed.first?.reason == "扣除比例 40 → 50")
    }
}

/// Chinese numerals for the test's renumbering (the library's own reader is internal).
enum Numeral {
    static func value(_ s: String) -> Int {
        let digits: [Character: Int] = ["一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
        var total = 0, current = 0
        for ch in s {
            if ch == "十" { total += (current == 0 ? 1 : current) * 10; current = 0 } else { current = digits[ch] ?? 0 }
        }
        return total + current
    }
}
