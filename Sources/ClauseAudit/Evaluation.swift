import ClauseRules
import ClauseText
import Foundation

/// Scores the engine on labelled data (`clause-audit eval`): clauses with a category or `fair`, and
/// span annotations of whole documents (see eval/README.md). Precision counts findings that agree with
/// the labels; recall counts labels that some finding agrees with.
public struct Evaluation: Sendable {
    public struct Score: Sendable, Equatable {
        public var predicted = 0, predictedRight = 0, gold = 0, goldFound = 0
        public var precision: Double { predicted == 0 ? 1 : Double(predictedRight) / Double(predicted) }
        public var recall: Double { gold == 0 ? 1 : Double(goldFound) / Double(gold) }
        public var f1: Double {
            precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        }

        static func += (a: inout Score, b: Score) {
            a.predicted += b.predicted
            a.predictedRight += b.predictedRight
            a.gold += b.gold
            a.goldFound += b.goldFound
        }
    }

    /// A finding no label supports (false positive) or a label no finding found (false negative).
    public struct Miss: Sendable {
        public enum Kind: String, Sendable { case falsePositive = "FP", falseNegative = "FN" }
        public var kind: Kind
        public var category: Category
        public var place: String
        public var text: String
        public var rule: String?
    }

    public var byCategory: [Category: Score] = [:]
    public var misses: [Miss] = []
    public var errors: [String] = []
    public var clauses = 0
    public var documents = 0

    public var overall: Score {
        var total = Score()
        for score in byCategory.values { total += score }
        return total
    }
}

/// One labelled item of an evaluation file.
public enum LabelledItem: Sendable {
    case clause(text: String, labels: Set<Category>, line: Int)
    case document(path: String, sha256: String?, spans: [(range: Range<Int>, category: Category)], line: Int)

    /// Reads a JSONL file; a malformed line is an error naming the file and line.
    public static func load(file: String) throws(RuleLoadError) -> [LabelledItem] {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw RuleLoadError(file: file, line: nil, message: "cannot be read")
        }
        var items: [LabelledItem] = []
        for (index, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            func fail(_ why: String) -> RuleLoadError { RuleLoadError(file: file, line: index + 1, message: why) }
            guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any] else {
                throw fail("not a JSON object")
            }
            if let text = object["text"] as? String {
                let raw = (object["label"] as? [String]) ?? [(object["label"] as? String) ?? ""]
                var labels = Set<Category>()
                for label in raw where label != "fair" {
                    guard let category = Category(rawValue: label) else { throw fail("label must be C1..C6 or fair, not '\(label)'") }
                    labels.insert(category)
                }
                items.append(.clause(text: text, labels: labels, line: index + 1))
            } else if let path = object["document"] as? String, let spans = object["spans"] as? [[String: Any]] {
                var parsed: [(Range<Int>, Category)] = []
                for span in spans {
                    guard let start = span["start"] as? Int, let end = span["end"] as? Int, start < end,
                          let category = (span["label"] as? String).flatMap(Category.init(rawValue:)) else {
                        throw fail("a span needs start < end and a label C1..C6")
                    }
                    parsed.append((start ..< end, category))
                }
                items.append(.document(path: path, sha256: object["sha256"] as? String, spans: parsed, line: index + 1))
            } else {
                throw fail("a line is {\"text\",\"label\"} or {\"document\",\"spans\"}")
            }
        }
        return items
    }
}

public struct Evaluator: Sendable {
    public let auditor: Auditor
    /// Where `document` paths are relative to (`../shared/corpus`).
    public let corpus: String?

    public init(auditor: Auditor, corpus: String?) {
        self.auditor = auditor
        self.corpus = corpus
    }

    public func evaluate(_ items: [LabelledItem]) -> Evaluation {
        var evaluation = Evaluation()
        let scratch = MatchScratch()
        for item in items {
            switch item {
            case let .clause(text, labels, line):
                evaluation.clauses += 1
                let findings = auditor.audit(Array(text.utf8), path: "line \(line)", scratch: scratch).findings
                let gold = labels.map { (range: 0 ..< Int.max, category: $0) }
                score(findings, against: gold, place: "line \(line)", text: text, into: &evaluation)
            case let .document(path, sha256, spans, line):
                guard let corpus else {
                    evaluation.errors.append("line \(line): \(path): no corpus folder (pass --corpus)")
                    continue
                }
                let full = (corpus as NSString).appendingPathComponent(path)
                guard let data = FileManager.default.contents(atPath: full) else {
                    evaluation.errors.append("line \(line): \(full): cannot be read")
                    continue
                }
                let bytes = [UInt8](data)
                if let sha256, SHA256.hex(bytes) != sha256 {
                    evaluation.errors.append("line \(line): \(path): the document changed since it was annotated (sha256)")
                    continue
                }
                evaluation.documents += 1
                let result = auditor.audit(bytes, path: path, scratch: scratch)
                if let error = result.error {
                    evaluation.errors.append("line \(line): \(path): \(error.message)")
                    continue
                }
                score(result.findings, against: spans, place: path, text: nil, into: &evaluation)
            }
        }
        return evaluation
    }

    /// Overlap decides: a finding is right when it overlaps a label of its category; a label is found
    /// when a finding of its category overlaps it.
    private func score(_ findings: [Finding], against gold: [(range: Range<Int>, category: Category)],
                       place: String, text: String?, into evaluation: inout Evaluation) {
        let spans = findings.map { (range: $0.span.start ..< $0.span.end, finding: $0) }
        for (range, finding) in spans {
            let right = gold.contains { $0.category == finding.category && $0.range.overlaps(range) }
            evaluation.byCategory[finding.category, default: .init()].predicted += 1
            if right {
                evaluation.byCategory[finding.category, default: .init()].predictedRight += 1
            } else {
                evaluation.misses.append(.init(kind: .falsePositive, category: finding.category,
                                               place: "\(place):\(finding.span.line):\(finding.span.column)",
                                               text: text ?? finding.text, rule: finding.rule.id))
            }
        }
        for label in gold {
            evaluation.byCategory[label.category, default: .init()].gold += 1
            if spans.contains(where: { $0.finding.category == label.category && $0.range.overlaps(label.range) }) {
                evaluation.byCategory[label.category, default: .init()].goldFound += 1
            } else {
                let where_ = text == nil ? "\(place)@\(label.range.lowerBound)..<\(label.range.upperBound)" : place
                evaluation.misses.append(.init(kind: .falseNegative, category: label.category, place: where_,
                                               text: text ?? "", rule: nil))
            }
        }
    }
}
