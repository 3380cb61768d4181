import Testing
@testable import ClauseText

/// Inputs the fuzz targets (fuzz/) found, kept so that they stay fixed. Each states what went wrong.
@Suite struct FuzzRegressionTests {
    /// Round trip of normalization (fuzz-normalize): slicing the source must normalize to the slice.
    func checkRoundTrip(_ text: String) {
        let input = Array(text.utf16)
        let normalized = Normalizer.shared.normalize(input)
        let n = normalized.units.count
        for a in 0 ... n {
            for b in a ... n {
                let s = normalized.toInput.sourceRange(of: a ..< b)
                let r2 = normalized.toInput.targetRange(of: s)
                #expect(Normalizer.shared.normalize(Array(input[s])).units == Array(normalized.units[r2]), "\(a)..<\(b) of \(text.debugDescription)")
                #expect(normalized.toInput.sourceRange(of: r2) == s)
            }
        }
    }

    /// An ideographic space before a combining mark (〬 U+302C) between Han characters was folded away
    /// although NFKC keeps the space and the mark as one piece: the slice "\u{3000}〬" normalized to
    /// " 〬" while the whole text gave "〬" there. The space is the mark's base now and stays.
    @Test func aSpaceCarryingACombiningMarkIsNotFolded() {
        checkRoundTrip("葐\u{3000}\u{302C}")
        #expect(Normalizer.shared.normalize(Array("葐\u{3000}\u{302C}".utf16)).units == Array("葐 \u{302C}".utf16))
        checkRoundTrip("最\u{3000}\u{0301}终 解")
        // Plain spaces between Han characters still go.
        #expect(Normalizer.shared.normalize(Array("最 终\u{3000}解".utf16)).units == Array("最终解".utf16))
    }
}
