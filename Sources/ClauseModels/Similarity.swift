/// Content similarity of two stretches of text: the set of character bigrams of their letters and
/// ideographs (punctuation, spaces and blanks left out). Cheap enough to compare every article with
/// every other, and blind to layout and numbering.
struct Fingerprint {
    /// Sorted, unique.
    var bigrams: [UInt32]

    init(_ t: [UInt16], ranges: [Range<Int>]) {
        var out: [UInt32] = []
        var previous: UInt16? = nil
        for range in ranges {
            for i in range {
                let u = CompactText.fold(t[i])
                guard Self.counts(u) else {
                    if !Heading.isSpace(u) && !Heading.isLineBreak(u) { previous = nil }
                    continue
                }
                if let p = previous { out.append(UInt32(p) << 16 | UInt32(u)) }
                previous = u
            }
        }
        out.sort()
        var unique: [UInt32] = []
        unique.reserveCapacity(out.count)
        for x in out where unique.last != x { unique.append(x) }
        bigrams = unique
    }

    init(_ t: [UInt16], range: Range<Int>) { self.init(t, ranges: [range]) }

    init(_ string: String) {
        let t = Array(string.utf16)
        self.init(t, range: 0 ..< t.count)
    }

    static func counts(_ u: UInt16) -> Bool {
        (0x30 ... 0x39).contains(u) || (0x41 ... 0x5A).contains(u) || (0x61 ... 0x7A).contains(u)
            || (0x3400 ... 0x9FFF).contains(u) || (0xF900 ... 0xFAFF).contains(u) || u == 0x25
    }

    var isEmpty: Bool { bigrams.isEmpty }

    func common(_ other: Fingerprint) -> Int {
        var i = 0, j = 0, n = 0
        let a = bigrams, b = other.bigrams
        while i < a.count, j < b.count {
            if a[i] == b[j] { n += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return n
    }

    /// Dice coefficient: 1 for the same bigrams, 0 for none shared.
    func dice(_ other: Fingerprint) -> Double {
        let total = bigrams.count + other.bigrams.count
        return total == 0 ? 1 : 2 * Double(common(other)) / Double(total)
    }

    /// How much of this text's bigrams the other has (is this contained in the other?).
    func containment(in other: Fingerprint) -> Double {
        bigrams.isEmpty ? 0 : Double(common(other)) / Double(bigrams.count)
    }

    func union(_ other: Fingerprint) -> Fingerprint {
        var copy = self
        var merged = bigrams + other.bigrams
        merged.sort()
        var unique: [UInt32] = []
        for x in merged where unique.last != x { unique.append(x) }
        copy.bigrams = unique
        return copy
    }
}
