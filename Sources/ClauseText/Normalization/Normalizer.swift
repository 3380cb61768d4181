/// The matching text of a document and the way back to it.
public struct NormalizedText: Sendable {
    /// The matching text, UTF-16.
    public let units: [UInt16]
    /// Maps ranges of `units` back to the units that went into `normalize` (and forward again).
    public let toInput: OffsetMapChain

    public init(units: [UInt16], toInput: OffsetMapChain) {
        self.units = units
        self.toInput = toInput
    }

    public var string: String { String(decoding: units, as: UTF16.self) }
}

/// Makes the text rules match against: one spelling for what a reader sees as the same words.
///
/// Stages, in order, each recording how it changed the text:
/// 1. invisible format characters removed (zero-width spaces, direction marks, soft hyphens, ...);
/// 2. NFKC (full-width letters, digits and punctuation become ASCII, ㍻ → 平成, ﬁ → fi, U+3000 → space);
/// 3. horizontal white space between CJK characters removed ("最 终 解 释 权" → "最终解释权");
/// 4. Traditional → Simplified exactly as ICU's transliterator does it, phrases included (計畫 → 计划);
/// 5. one form for quotation marks and brackets (“」『 → ", 【〔［ → [, 〈 → 《).
///
/// Each stage records how it changed the text; the records are composed into one map (see `StageMap`
/// for why one, not a chain of four), which `toInput` carries.
///
/// Built once (the tables take a few milliseconds); immutable afterwards, so any thread may use it.
public final class Normalizer: Sendable {
    public static let shared = Normalizer()

    let classes: CharacterClasses
    let nfkcShortcuts: NormalizationStages.NFKCShortcuts
    let traditionalToSimplified: TraditionalToSimplified

    init() {
        classes = CharacterClasses()
        nfkcShortcuts = NormalizationStages.NFKCShortcuts()
        guard let rules = ICUTransliteration.rules(id: "Traditional-Simplified") else {
            preconditionFailure("ICU has no Traditional-Simplified transliterator")
        }
        do {
            traditionalToSimplified = try TraditionalToSimplified(rules: rules)
        } catch {
            // A rule we cannot represent would make the table quietly differ from ICU: refuse instead.
            preconditionFailure("ICU's Traditional-Simplified rules changed shape: \(error)")
        }
    }

    public func normalize(_ units: [UInt16]) -> NormalizedText {
        var text = units
        var composed: StageMap? = nil
        func run(_ stage: (UnsafeBufferPointer<UInt16>) -> NormalizationStages.Result?) {
            if let (next, map) = text.withUnsafeBufferPointer(stage) {
                text = next
                guard !map.isIdentity else { return }
                composed = composed.map { StageMap.compose($0, map) } ?? map
            }
        }
        run { NormalizationStages.removeInvisible($0, classes) }
        run { NormalizationStages.nfkc($0, nfkcShortcuts) }
        run { NormalizationStages.foldCJKSpaces($0, classes) }
        run { traditionalToSimplified.apply($0) }
        NormalizationStages.unifyPunctuation(&text)
        var chain = OffsetMapChain()
        if let composed { chain.append(composed.offsetMap) }
        return NormalizedText(units: text, toInput: chain)
    }

    /// The matching form of a string (what a rule's literal text must look like to match).
    public func normalize(_ string: String) -> String {
        normalize(Array(string.utf16)).string
    }
}
