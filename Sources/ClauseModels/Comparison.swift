import ClauseText

/// What a contract dropped, changed and added against a model contract: the `model_comparison` of
/// the report.
public struct ModelComparison: Sendable {
    /// The model compared with; nil when `--model auto` found nothing close enough.
    public var model: ModelInfo?
    /// 0…1: the share of words the two texts have in common (text), or how much of the profile's
    /// outline and protections the contract shows (profile only).
    public var similarity: Double
    public var basis: Basis
    public var missing: [Missing] = []
    public var changed: [Changed] = []
    public var added: [Added] = []
    /// Every protection and figure of the profile, and what became of it.
    public var protections: [ProtectionCheck] = []
    public var figures: [FigureCheck] = []
    /// For `--model auto`: the candidates and their similarity, best first.
    public var candidates: [Candidate] = []
    /// Things the reader should know (a profile that disagrees with the text, nothing close enough).
    public var notes: [String] = []
    /// The side-by-side view: aligned units with their marked text (text comparisons only).
    public var rows: [Row] = []
    /// The model's text, which the rows point into.
    public var modelSource: SourceText?

    public enum Basis: String, Sendable { case text, profile, none }

    public init(model: ModelInfo?, similarity: Double, basis: Basis) {
        self.model = model
        self.similarity = similarity
        self.basis = basis
    }

    public struct ModelInfo: Sendable, Equatable {
        public var id: String
        public var title: String
        public var code: String?
        public var issuer: String?
        public var year: Int?
        public var sector: String?
        /// The published text compared with, when there was one.
        public var textPath: String?
        public init(id: String, title: String, code: String?, issuer: String?, year: Int?, sector: String?, textPath: String?) {
            self.id = id
            self.title = title
            self.code = code
            self.issuer = issuer
            self.year = year
            self.sector = sector
            self.textPath = textPath
        }

        public init(_ profile: ModelProfile, textPath: String?) {
            self.init(id: profile.id, title: profile.title, code: profile.code, issuer: profile.issuer,
                      year: profile.year, sector: profile.sector, textPath: textPath)
        }
    }

    public struct Candidate: Sendable, Equatable {
        public var id: String
        public var title: String
        public var similarity: Double
        public init(id: String, title: String, similarity: Double) {
            self.id = id
            self.title = title
            self.similarity = similarity
        }
    }

    /// A model article, paragraph or protection the contract does not have.
    public struct Missing: Sendable {
        /// 第十三条, or 第十三条第2款 when only part of it is gone.
        public var modelClause: String
        public var title: String
        public var protects: String?
        public var modelText: String
        /// Where it stood in the model (normalized offsets of the model text).
        var modelRange: Range<Int>?
    }

    public enum Kind: String, Sendable { case weaker, stronger, different }

    /// A model sentence the contract kept in altered form.
    public struct Changed: Sendable {
        public var modelClause: String
        /// The contract's own label for where the change is (第十五条).
        public var clause: String?
        public var span: SourceSpan
        /// UTF-16 range in the contract's source.
        public var sourceRange: Range<Int>
        public var text: String
        public var modelText: String
        public var kind: Kind
        /// Why the kind is what it is (扣除比例 行程开始前3日至1日 40% → 50%).
        public var reason: String?
        public var protects: String?
        /// The word-level edits: model words taken out, contract words put in.
        public var edits: [Edit]
        /// Rules that fire on the changed text.
        public var findings: [String] = []
        var contractRange: Range<Int>
        var modelRange: Range<Int>?
    }

    public struct Edit: Sendable, Equatable {
        public var deleted: String
        public var inserted: String
        public init(deleted: String, inserted: String) {
            self.deleted = deleted
            self.inserted = inserted
        }
    }

    /// Contract text with no counterpart in the model.
    public struct Added: Sendable {
        public var clause: String?
        public var span: SourceSpan
        public var sourceRange: Range<Int>
        public var text: String
        /// Rule ids that fire on it.
        public var findings: [String]
        var contractRange: Range<Int>
    }

    public enum Status: String, Sendable { case kept, weakened, missing, stronger, changed }

    public struct ProtectionCheck: Sendable {
        public var id: String
        public var modelClause: String
        public var protects: String
        public var status: Status
        /// Where the contract keeps (or weakened) it.
        public var span: SourceSpan?
        public var text: String?
    }

    public struct FigureCheck: Sendable {
        public var id: String
        public var modelClause: String
        public var what: String
        public var status: Status
        public var model: String
        public var contract: String?
        public var span: SourceSpan?
    }

    /// One line of the side-by-side view: a model unit and the contract unit(s) aligned with it.
    public struct Row: Sendable {
        public var modelLabel: String?
        public var contractLabel: String?
        public var model: [Segment]
        public var contract: [Segment]
    }

    public enum Mark: String, Sendable { case same, deleted, inserted, filled, moved }

    /// A stretch of one side's source text (UTF-16 range) and how it compares.
    public struct Segment: Sendable, Equatable {
        public var range: Range<Int>
        public var mark: Mark
    }

    public var isEmpty: Bool { missing.isEmpty && changed.isEmpty && added.isEmpty }
}
