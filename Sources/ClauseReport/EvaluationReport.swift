import ClauseAudit
import ClauseRules

/// How `clause-audit eval` shows its scores.
public enum EvaluationReport {
    public static func text(_ evaluation: Evaluation, misses: Bool) -> String {
        var out = "\(evaluation.clauses) clauses, \(evaluation.documents) documents\n\n"
        out += pad("category", 10) + pad("precision", 11) + pad("recall", 9) + pad("F1", 7)
            + pad("findings", 10) + pad("right", 7) + pad("labels", 8) + "found\n"
        let rows = Category.allCases.compactMap { c in evaluation.byCategory[c].map { (c.rawValue, $0) } }
        for (name, score) in rows + [("overall", evaluation.overall)] {
            out += pad(name, 10) + pad(fixed(score.precision), 11) + pad(fixed(score.recall), 9) + pad(fixed(score.f1), 7)
                + pad(String(score.predicted), 10) + pad(String(score.predictedRight), 7) + pad(String(score.gold), 8)
                + String(score.goldFound) + "\n"
        }
        if misses {
            out += "\n"
            for miss in evaluation.misses {
                out += "\(miss.kind.rawValue) \(miss.category.rawValue) \(miss.place)"
                    + (miss.rule.map { " [\($0)]" } ?? "") + (miss.text.isEmpty ? "" : " \(miss.text)") + "\n"
            }
        }
        return out
    }

    public static func json(_ evaluation: Evaluation) -> JSONValue {
        func score(_ s: Evaluation.Score) -> JSONValue {
            .object([("precision", .number(s.precision)), ("recall", .number(s.recall)), ("f1", .number(s.f1)),
                      ("findings", .int(s.predicted)), ("right", .int(s.predictedRight)),
                      ("labels", .int(s.gold)), ("found", .int(s.goldFound))])
        }
        return .object([
            ("clauses", .int(evaluation.clauses)),
            ("documents", .int(evaluation.documents)),
            ("by_category", .object(Category.allCases.compactMap { c in evaluation.byCategory[c].map { (c.rawValue, score($0)) } })),
            ("overall", score(evaluation.overall)),
            ("errors", .strings(evaluation.errors)),
        ])
    }

    static func fixed(_ x: Double) -> String {
        let scaled = Int((x * 1000).rounded())
        let frac = String(scaled % 1000)
        return "\(scaled / 1000)." + String(repeating: "0", count: 3 - frac.count) + frac
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }
}
