import ClauseRules
import Foundation

/// What a summary needs from one document's record: small, so a run keeps nothing else. Made from a
/// fresh result, or read back from a JSONL record when a run resumes.
public struct BulkDigest: Sendable, Equatable {
    public struct Hit: Sendable, Equatable {
        public var rule: String
        public var category: Category
        public var severity: Severity
        public var legalBasis: [String]
        public init(rule: String, category: Category, severity: Severity, legalBasis: [String]) {
            self.rule = rule
            self.category = category
            self.severity = severity
            self.legalBasis = legalBasis
        }
    }

    public var path: String
    public var errorCode: String?
    public var characters: Int
    public var hits: [Hit]
    public var duplicate: Bool

    public init(path: String, errorCode: String? = nil, characters: Int = 0, hits: [Hit] = [], duplicate: Bool = false) {
        self.path = path
        self.errorCode = errorCode
        self.characters = characters
        self.hits = hits
        self.duplicate = duplicate
    }

    public init(_ item: BulkItem) {
        self.init(item.result, duplicate: item.duplicateOf != nil)
    }

    public init(_ result: AuditResult, duplicate: Bool = false) {
        path = result.document.path
        errorCode = result.error?.code
        characters = result.document.characters
        hits = result.findings.map { Hit(rule: $0.rule.id, category: $0.category, severity: $0.severity, legalBasis: $0.rule.legalBasis) }
        self.duplicate = duplicate
    }

    /// Reads a JSONL record (the spec's report object); nil when the line is not one.
    public init?(jsonLine: some StringProtocol) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(jsonLine.utf8)) as? [String: Any],
              let document = object["document"] as? [String: Any],
              let path = document["path"] as? String else { return nil }
        self.path = path
        characters = document["characters"] as? Int ?? 0
        errorCode = (object["error"] as? [String: Any])?["code"] as? String
        duplicate = object["duplicate_of"] is String
        hits = []
        for finding in object["findings"] as? [[String: Any]] ?? [] {
            guard let rule = finding["rule"] as? String,
                  let category = (finding["category"] as? String).flatMap(Category.init(rawValue:)),
                  let severity = (finding["severity"] as? String).flatMap(Severity.init(rawValue:)) else { continue }
            hits.append(Hit(rule: rule, category: category, severity: severity,
                            legalBasis: finding["legal_basis"] as? [String] ?? []))
        }
    }
}

/// The figures of a bulk run: documents, errors, findings by category, rule and provision, the
/// share of documents with each category, and the documents with most to answer for. Adding a
/// document costs constant memory (the tables are bounded by the rule pack, the worst list by its
/// length).
///
/// Findings of the prominence check (`prominence.not-emphasised`) are about how a clause is shown,
/// not about what it says; they are counted on their own (`prominence`) and left out of the
/// category tables, which count cases by the items of Art. 21 as regulators report them.
public struct BulkSummary: Sendable {
    public struct Ranked: Sendable, Equatable {
        public var path: String
        public var bySeverity: [Severity: Int]
        public var categories: [Category]
        public var total: Int
        var score: (Int, Int, Int, Int) {
            (bySeverity[.error] ?? 0, bySeverity[.warning] ?? 0, total, -path.utf8.count)
        }
    }

    public var documents = 0
    public var errors = 0
    public var errorsByCode: [String: Int] = [:]
    public var duplicates = 0
    public var characters = 0
    public var findings = 0
    public var bySeverity: [Severity: Int] = [:]
    public var byCategory: [Category: Int] = [:]
    /// Documents with at least one finding of the category.
    public var documentsWithCategory: [Category: Int] = [:]
    public var documentsWithFindings = 0
    public var byRule: [String: (category: Category, count: Int)] = [:]
    public var byLegalBasis: [String: Int] = [:]
    public var prominence = 0
    public var documentsWithProminence = 0
    public private(set) var worst: [Ranked] = []
    public let worstLimit: Int

    /// Set by whoever timed the run.
    public var bytes = 0
    public var seconds: Double?
    public var counts = BulkRunCounts()

    public init(worstLimit: Int = 20) { self.worstLimit = worstLimit }

    /// Documents that were audited (had no error).
    public var audited: Int { documents - errors }

    public mutating func add(_ digest: BulkDigest) {
        documents += 1
        if digest.duplicate { duplicates += 1 }
        if let code = digest.errorCode {
            errors += 1
            errorsByCode[code, default: 0] += 1
            return
        }
        characters += digest.characters
        var categories = Set<Category>()
        var severities: [Severity: Int] = [:]
        var content = 0
        var shown = 0
        for hit in digest.hits {
            findings += 1
            bySeverity[hit.severity, default: 0] += 1
            severities[hit.severity, default: 0] += 1
            byRule[hit.rule, default: (hit.category, 0)].count += 1
            for basis in hit.legalBasis { byLegalBasis[basis, default: 0] += 1 }
            if hit.rule == Prominence.ruleID {
                prominence += 1
                shown += 1
            } else {
                content += 1
                byCategory[hit.category, default: 0] += 1
                categories.insert(hit.category)
            }
        }
        for category in categories { documentsWithCategory[category, default: 0] += 1 }
        if !digest.hits.isEmpty { documentsWithFindings += 1 }
        if shown > 0 { documentsWithProminence += 1 }
        if !digest.hits.isEmpty {
            rank(Ranked(path: digest.path, bySeverity: severities, categories: categories.sorted(), total: digest.hits.count))
        }
    }

    private mutating func rank(_ entry: Ranked) {
        guard worstLimit > 0 else { return }
        if worst.count == worstLimit, let last = worst.last, !(entry.score > last.score) { return }
        let at = worst.firstIndex { entry.score > $0.score } ?? worst.count
        worst.insert(entry, at: at)
        if worst.count > worstLimit { worst.removeLast() }
    }

    /// Share of audited documents with a finding of the category (0 when nothing was audited).
    public func share(_ category: Category) -> Double {
        audited == 0 ? 0 : Double(documentsWithCategory[category] ?? 0) / Double(audited)
    }

    /// Rules by count, most first (ties by id).
    public var rulesByCount: [(rule: String, category: Category, count: Int)] {
        byRule.map { ($0.key, $0.value.category, $0.value.count) }
            .sorted { ($1.count, $0.rule) < ($0.count, $1.rule) }
    }

    /// Provisions by count, most first (ties by text).
    public var legalBasisByCount: [(basis: String, count: Int)] {
        byLegalBasis.map { ($0.key, $0.value) }.sorted { ($1.count, $0.basis) < ($0.count, $1.basis) }
    }
}
