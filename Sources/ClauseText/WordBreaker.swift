import CICUShim

/// Chinese words by ICU's dictionary-based word break (locale `zh`): the unit a comparison of two
/// texts works in, since Han text has no spaces and single characters say too little.
public enum WordBreaker {
    /// One piece between two word boundaries. `isWord` is true for letters, ideographs and numbers;
    /// false for punctuation and white space.
    public struct Piece: Sendable, Equatable {
        public var range: Range<Int>
        public var isWord: Bool
        public init(range: Range<Int>, isWord: Bool) {
            self.range = range
            self.isWord = isWord
        }
    }

    /// Every piece of `units`, in order, covering the whole text. One ICU pass over the text.
    public static func pieces(_ units: [UInt16]) -> [Piece] {
        guard !units.isEmpty else { return [] }
        // A word break never falls inside a surrogate pair, so there are at most length + 1 boundaries.
        let capacity = units.count + 1
        var boundaries = [Int32](repeating: 0, count: capacity)
        var isWord = [Int32](repeating: 0, count: capacity)
        let count = units.withUnsafeBufferPointer { text in
            cas_word_breaks("zh", text.baseAddress, Int32(units.count), &boundaries, &isWord, Int32(capacity))
        }
        guard count > 1 else { return [Piece(range: 0 ..< units.count, isWord: true)] }
        var pieces: [Piece] = []
        pieces.reserveCapacity(Int(count))
        for i in 1 ..< Int(min(count, Int32(capacity))) {
            let lower = Int(boundaries[i - 1]), upper = Int(boundaries[i])
            if lower < upper { pieces.append(Piece(range: lower ..< upper, isWord: isWord[i] != 0)) }
        }
        return pieces
    }
}
