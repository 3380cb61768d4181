/// A stretch of extracted text whose formatting the document states.
///
/// HTML: only stretches with something to say (bold, underline, a heading, an explicit font size);
/// plain text in between has no run. DOCX: every run of text, merged where neighbours format alike,
/// so the body size can be compared against.
public struct FormattedRun: Sendable, Equatable {
    /// UTF-16 offsets in the extracted text.
    public var range: Range<Int>
    public var bold: Bool
    public var underline: Bool
    /// DOCX `w:sz` (half-points). HTML: from an inline `font-size` in pt or px, otherwise nil.
    public var fontSizeHalfPoints: Int?

    public init(range: Range<Int>, bold: Bool = false, underline: Bool = false, fontSizeHalfPoints: Int? = nil) {
        self.range = range
        self.bold = bold
        self.underline = underline
        self.fontSizeHalfPoints = fontSizeHalfPoints
    }

    /// Bold or underlined: what a drafter uses to make a clause stand out. Size needs the body size,
    /// see `isEmphasized(bodyFontSizeHalfPoints:)`.
    public var emphasized: Bool { bold || underline }

    /// Bold, underlined, or set larger than the body text.
    public func isEmphasized(bodyFontSizeHalfPoints body: Int?) -> Bool {
        if emphasized { return true }
        if let size = fontSizeHalfPoints, let body { return size > body }
        return false
    }
}

/// The plain text of a document, what the rest of the road reads, with the way back to the source.
public struct ExtractedText: Sendable {
    /// The plain text (UTF-16).
    public var units: [UInt16]
    /// Maps ranges of `units` back to the source units (identity for text, Markdown and DOCX).
    public var toSource: OffsetMap
    /// Formatting known for stretches of the text (HTML and DOCX); [] otherwise.
    public var runs: [FormattedRun]
    /// DOCX: the most common run size (weighted by characters), so "larger" can be judged.
    public var bodyFontSizeHalfPoints: Int?

    public init(units: [UInt16], toSource: OffsetMap, runs: [FormattedRun] = [], bodyFontSizeHalfPoints: Int? = nil) {
        self.units = units
        self.toSource = toSource
        self.runs = runs
        self.bodyFontSizeHalfPoints = bodyFontSizeHalfPoints
    }

    /// Text that needs no extraction (plain text, Markdown): itself, mapped to itself.
    public init(plain units: [UInt16]) {
        self.init(units: units, toSource: .identity(length: units.count))
    }

    public var string: String { String(decoding: units, as: UTF16.self) }
}
