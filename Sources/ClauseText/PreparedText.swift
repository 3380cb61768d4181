/// A document after the whole text layer: the user's text, the plain text extracted from it, the
/// matching text normalized from that (hard-wrapped lines joined), and the structure found in it.
///
/// Everything downstream works on `normalized` and reports through `sourceSpan(of:)`.
public struct PreparedText: Sendable {
    public let source: SourceText
    public let extracted: ExtractedText
    public let normalized: NormalizedText
    /// Sentence and clause ranges, in normalized offsets.
    public let sentences: [Range<Int>]
    public let clauses: [Clause]
    /// Finds the innermost clause of an offset without looking at every clause.
    private let clauseIndex: ClauseIndex

    public init(source: SourceText, extracted: ExtractedText, normalizer: Normalizer = .shared) {
        self.source = source
        self.extracted = extracted
        normalized = HardWraps.joined(normalizer.normalize(extracted.units))
        sentences = Segmenter.sentences(in: normalized.units)
        clauses = Segmenter.clauses(in: normalized.units)
        clauseIndex = ClauseIndex(clauses)
    }

    /// Plain text, taken as it is (the source is the text).
    public init(plain source: SourceText, normalizer: Normalizer = .shared) {
        self.init(source: source,
                  extracted: ExtractedText(units: source.units, toSource: .identity(length: source.units.count)),
                  normalizer: normalizer)
    }

    /// The UTF-16 range of the user's text that a normalized range came from.
    public func sourceRange(ofNormalized range: Range<Int>) -> Range<Int> {
        extracted.toSource.sourceRange(of: normalized.toInput.sourceRange(of: range))
    }

    /// Where a normalized range stands in the user's text, in the terms reports use.
    public func sourceSpan(ofNormalized range: Range<Int>) -> SourceSpan {
        SourceSpan(source, utf16: sourceRange(ofNormalized: range))
    }

    /// The innermost clause that contains a normalized offset.
    public func clause(containing offset: Int) -> Clause? {
        clauseIndex.clause(containing: offset).map { clauses[$0] }
    }

    /// The sentence range that contains a normalized offset (or an empty range there).
    public func sentence(containing offset: Int) -> Range<Int> {
        var low = 0, high = sentences.count
        while low < high {
            let mid = (low + high) / 2
            if sentences[mid].upperBound <= offset { low = mid + 1 } else { high = mid }
        }
        return low < sentences.count && sentences[low].contains(offset) ? sentences[low] : offset ..< offset
    }
}

/// A stretch of the user's text: code-point offsets (end exclusive) and 1-based lines and columns
/// (end exclusive), as the outside contract fixes them; plus the UTF-16 range for internal use.
public struct SourceSpan: Sendable, Equatable, Hashable, Codable {
    public var start: Int
    public var end: Int
    public var line: Int
    public var column: Int
    public var endLine: Int
    public var endColumn: Int

    public init(_ source: SourceText, utf16 range: Range<Int>) {
        start = source.scalarOffset(range.lowerBound)
        end = source.scalarOffset(range.upperBound)
        (line, column) = source.lineAndColumn(range.lowerBound)
        (endLine, endColumn) = source.lineAndColumn(range.upperBound)
    }

    enum CodingKeys: String, CodingKey {
        case start, end, line, column
        case endLine = "end_line", endColumn = "end_column"
    }
}
