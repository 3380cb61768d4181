// Normalization with offset maps; the oracle is the round trip: any range of the matching text maps
// back to a source range that normalizes to exactly that range, widened to whole blocks (as
// NormalizerPropertyTests checks on generated documents).
import ClauseText
import FuzzSupport

let normalizer = Normalizer.shared

fuzz { bytes in
    let input = units(of: bytes)
    let normalized = normalizer.normalize(input)
    let n = normalized.units.count
    var random = InputRandom(bytes)
    for _ in 0 ..< 8 {
        let r = random.range(in: n)
        let s = normalized.toInput.sourceRange(of: r)
        precondition(s.lowerBound >= 0 && s.upperBound <= input.count, "\(r) maps to \(s), outside the input")
        let r2 = normalized.toInput.targetRange(of: s)
        precondition(r.isEmpty || (r2.lowerBound <= r.lowerBound && r2.upperBound >= r.upperBound), "\(r) widened to \(r2)")
        precondition(normalized.toInput.sourceRange(of: r2) == s, "widening \(r) to \(r2) is not stable")
        let sliced = normalizer.normalize(Array(input[s])).units
        precondition(sliced == Array(normalized.units[r2]), "normalize(input[\(s)]) differs from normalized[\(r2)]")
    }
}
